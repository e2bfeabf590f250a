-- Notifiable case counts for the planning engine (issue 13): per county, township, onset year and disease,
-- maintained by statement-level triggers on case_reports in the same transaction as every insert, correction
-- (订正), duplicate flag, soft deletion and hard deletion, so the indicator engine reads this small table
-- instead of scanning the case reports of every county-year. Triggers rather than calls in the intake code:
-- every write path (single cards, bulk uploads, corrections, the demo loader, the detection worker's flags)
-- is covered without each of them having to remember it, and one statement of 5,000 cards costs one grouped
-- upsert, not 5,000.
--
-- The disease class is not folded in: which diseases are 甲乙类 is read from disease_settings at query time,
-- so reclassifying a disease needs no recount.
create table case_counts (
  county_code text not null,
  township_code text not null,
  year smallint not null,                 -- onset year
  disease_code text not null,
  cards integer not null,                 -- every card of the key, deleted ones too (the row goes at 0)
  counted integer not null,               -- not deleted, not a probable duplicate, clinical or confirmed
  january integer not null,               -- not deleted, reported before 1 February (China time) of the onset year
  last_change timestamptz not null,       -- latest updated_at of the key's cards
  primary key (county_code, township_code, year, disease_code)
);

-- A change counter per county, bumped by the same triggers: readers key cached evaluations on the sum over
-- the counties they read, so a write by any app server invalidates them. '' counts changes that concern every
-- county (disease classes).
create table case_count_versions (
  county_code text primary key,
  changes bigint not null
);

create function case_counts_maintain() returns trigger language plpgsql as $$
declare
  -- The transition tables this statement has (an insert has no old rows, a deletion no new ones).
  card text := 'select county_code, township_code, extract(year from onset_date)::smallint as year, disease_code, %s as sign,
                       deleted, duplicate_of, classification, onset_date, reported_at, %s as updated_at from %s';
  src text := case tg_op
    when 'INSERT' then format(card, 1, 'updated_at', 'new_rows')
    when 'UPDATE' then format(card, 1, 'updated_at', 'new_rows') || ' union all ' || format(card, -1, 'null::timestamptz', 'old_rows')
    else format(card, -1, 'null::timestamptz', 'old_rows') end;
begin
  -- Deltas per key: -1 for the rows as they were, +1 for the rows as they are, upserted in key order (so
  -- concurrent writers lock the keys in one order).
  execute format($q$
    with rows as (%s), delta as (
      select county_code, township_code, year, disease_code,
             sum(sign)::int as cards,
             coalesce(sum(sign) filter (where not deleted and duplicate_of is null
                                          and classification in ('clinical', 'confirmed')), 0)::int as counted,
             coalesce(sum(sign) filter (where not deleted and reported_at <
               (make_date(extract(year from onset_date)::int, 2, 1) - interval '8 hours') at time zone 'UTC'), 0)::int
               as january,
             max(updated_at) as last_change
        from rows group by 1, 2, 3, 4 order by 1, 2, 3, 4
    )
    insert into case_counts as t (county_code, township_code, year, disease_code, cards, counted, january, last_change)
    select county_code, township_code, year, disease_code, cards, counted, january, coalesce(last_change, now())
      from delta
    on conflict (county_code, township_code, year, disease_code) do update set
      cards = t.cards + excluded.cards,
      counted = t.counted + excluded.counted,
      january = t.january + excluded.january,
      -- A key only left by a card (moved by a correction, hard-deleted) keeps its latest change.
      last_change = greatest(t.last_change, case when excluded.cards >= 0 then excluded.last_change end)$q$, src);
  if tg_op <> 'INSERT' then
    delete from case_counts t where t.cards <= 0 and t.county_code in (select county_code from old_rows);
  end if;
  execute format($q$
    insert into case_count_versions as v (county_code, changes)
    select distinct county_code, 1 from (%s) k order by 1
    on conflict (county_code) do update set changes = v.changes + 1$q$, src);
  return null;
end $$;

create trigger case_counts_insert after insert on case_reports
  referencing new table as new_rows for each statement execute function case_counts_maintain();
create trigger case_counts_update after update on case_reports
  referencing old table as old_rows new table as new_rows for each statement execute function case_counts_maintain();
create trigger case_counts_delete after delete on case_reports
  referencing old table as old_rows for each statement execute function case_counts_maintain();

create function case_count_classes_changed() returns trigger language plpgsql as $$
begin
  insert into case_count_versions as v (county_code, changes) values ('', 1)
  on conflict (county_code) do update set changes = v.changes + 1;
  return null;
end $$;

create trigger case_count_classes after insert or update or delete on disease_settings
  for each statement execute function case_count_classes_changed();

insert into case_counts (county_code, township_code, year, disease_code, cards, counted, january, last_change)
select county_code, township_code, extract(year from onset_date)::smallint, disease_code, count(*)::int,
       (count(*) filter (where not deleted and duplicate_of is null and classification in ('clinical', 'confirmed')))::int,
       (count(*) filter (where not deleted and reported_at <
         (make_date(extract(year from onset_date)::int, 2, 1) - interval '8 hours') at time zone 'UTC'))::int,
       max(updated_at)
  from case_reports group by 1, 2, 3, 4;

insert into case_count_versions (county_code, changes)
select distinct county_code, 1 from case_reports
union all select '', 1;
