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

-- Whether a card counts toward 甲乙类 incidence (before the class filter): not deleted, not a probable
-- duplicate, clinical or confirmed.
create function case_counts_counted(deleted boolean, duplicate_of bigint, classification text) returns boolean
  language sql stable as $$
  select not deleted and duplicate_of is null and classification in ('clinical', 'confirmed')
$$;

-- Whether a card makes its county's onset year known: not deleted and reported before 1 February of that
-- year, China time (UTC+8 all year).
create function case_counts_january(deleted boolean, reported_at timestamptz, onset_date date) returns boolean
  language sql stable as $$
  select not deleted
     and reported_at < (make_date(extract(year from onset_date)::int, 2, 1) - interval '8 hours') at time zone 'UTC'
$$;

-- One function per kind of statement (the transition tables differ), each with static SQL so PL/pgSQL keeps
-- its plans: a single card's insert pays two small upserts.
create function case_counts_inserted() returns trigger language plpgsql as $$
begin
  -- Deltas per key, upserted in key order (so concurrent writers lock the keys in one order).
  insert into case_counts as t (county_code, township_code, year, disease_code, cards, counted, january, last_change)
  select county_code, township_code, year, disease_code, sum(sign)::int,
         coalesce(sum(sign) filter (where counted), 0)::int, coalesce(sum(sign) filter (where january), 0)::int,
         coalesce(max(updated_at), now())
    from (select county_code, township_code, extract(year from onset_date)::smallint as year, disease_code, 1 as sign,
                 case_counts_counted(deleted, duplicate_of, classification) as counted,
                 case_counts_january(deleted, reported_at, onset_date) as january, updated_at
            from new_rows) k
   group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (county_code, township_code, year, disease_code) do update set
    cards = t.cards + excluded.cards,
    counted = t.counted + excluded.counted,
    january = t.january + excluded.january,
    -- A key only left by a card (moved by a correction, hard-deleted) keeps its latest change.
    last_change = greatest(t.last_change, case when excluded.cards >= 0 then excluded.last_change end);
  insert into case_count_versions as v (county_code, changes)
  select distinct county_code, 1 from new_rows order by 1
  on conflict (county_code) do update set changes = v.changes + 1;
  return null;
end $$;

create function case_counts_updated() returns trigger language plpgsql as $$
begin
  -- Deltas per key, upserted in key order (so concurrent writers lock the keys in one order).
  insert into case_counts as t (county_code, township_code, year, disease_code, cards, counted, january, last_change)
  select county_code, township_code, year, disease_code, sum(sign)::int,
         coalesce(sum(sign) filter (where counted), 0)::int, coalesce(sum(sign) filter (where january), 0)::int,
         coalesce(max(updated_at), now())
    from (select county_code, township_code, extract(year from onset_date)::smallint as year, disease_code, 1 as sign,
                 case_counts_counted(deleted, duplicate_of, classification) as counted,
                 case_counts_january(deleted, reported_at, onset_date) as january, updated_at
            from new_rows
          union all
          select county_code, township_code, extract(year from onset_date)::smallint as year, disease_code, -1 as sign,
                 case_counts_counted(deleted, duplicate_of, classification) as counted,
                 case_counts_january(deleted, reported_at, onset_date) as january, null::timestamptz as updated_at
            from old_rows) k
   group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (county_code, township_code, year, disease_code) do update set
    cards = t.cards + excluded.cards,
    counted = t.counted + excluded.counted,
    january = t.january + excluded.january,
    -- A key only left by a card (moved by a correction, hard-deleted) keeps its latest change.
    last_change = greatest(t.last_change, case when excluded.cards >= 0 then excluded.last_change end);
  delete from case_counts t where t.cards <= 0 and t.county_code in (select county_code from old_rows);
  insert into case_count_versions as v (county_code, changes)
  select county_code, 1 from (select county_code from new_rows union select county_code from old_rows) k order by 1
  on conflict (county_code) do update set changes = v.changes + 1;
  return null;
end $$;

create function case_counts_deleted() returns trigger language plpgsql as $$
begin
  -- Deltas per key, upserted in key order (so concurrent writers lock the keys in one order).
  insert into case_counts as t (county_code, township_code, year, disease_code, cards, counted, january, last_change)
  select county_code, township_code, year, disease_code, sum(sign)::int,
         coalesce(sum(sign) filter (where counted), 0)::int, coalesce(sum(sign) filter (where january), 0)::int,
         coalesce(max(updated_at), now())
    from (select county_code, township_code, extract(year from onset_date)::smallint as year, disease_code, -1 as sign,
                 case_counts_counted(deleted, duplicate_of, classification) as counted,
                 case_counts_january(deleted, reported_at, onset_date) as january, null::timestamptz as updated_at
            from old_rows) k
   group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (county_code, township_code, year, disease_code) do update set
    cards = t.cards + excluded.cards,
    counted = t.counted + excluded.counted,
    january = t.january + excluded.january,
    -- A key only left by a card (moved by a correction, hard-deleted) keeps its latest change.
    last_change = greatest(t.last_change, case when excluded.cards >= 0 then excluded.last_change end);
  delete from case_counts t where t.cards <= 0 and t.county_code in (select county_code from old_rows);
  insert into case_count_versions as v (county_code, changes)
  select distinct county_code, 1 from old_rows order by 1
  on conflict (county_code) do update set changes = v.changes + 1;
  return null;
end $$;

create trigger case_counts_insert after insert on case_reports
  referencing new table as new_rows for each statement execute function case_counts_inserted();
create trigger case_counts_update after update on case_reports
  referencing old table as old_rows new table as new_rows for each statement execute function case_counts_updated();
create trigger case_counts_delete after delete on case_reports
  referencing old table as old_rows for each statement execute function case_counts_deleted();

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
       (count(*) filter (where case_counts_counted(deleted, duplicate_of, classification)))::int,
       (count(*) filter (where case_counts_january(deleted, reported_at, onset_date)))::int,
       max(updated_at)
  from case_reports group by 1, 2, 3, 4;

insert into case_count_versions (county_code, changes)
select distinct county_code, 1 from case_reports
union all select '', 1;
