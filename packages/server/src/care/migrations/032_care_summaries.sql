-- Care indicator summaries (issue 15 §6 at city scale): one row per resident and year holding what each
-- measure asks of that resident in the year, kept at write time, so that the measures of a year are one grouped
-- aggregate over care_summaries (indicators-sql.ts SUMMARY_MEASURES_SQL) instead of joins of every record
-- table (26.6 s for the city at 1/10 scale before).
--
-- Which years: a row exists for every resident counted in a year (not merged, born on or before Y-12-31,
-- neither dead nor moved out on or before it) and every year in care_summary_years of the resident's county.
-- A county-year is added there when a follow-up or a check dated in it is written, and the current year at any
-- write, and then computed for the whole county once (the first follow-up of a new year pays it; later writes
-- recompute only their residents). Years that are active only through establishment dates (建档 goes back to
-- 2009) are not materialised: measuresMany computes those with the live SQL, as before.
--
-- The definitions are those of indicators-sql.ts MEASURES_SQL (and of core's evaluateCare, the oracle); the
-- age-dependent filters (≥65, <7) stay in the aggregate since the row keeps the birth year.
create table care_summary_years (
  county_code text not null,
  year int not null,
  primary key (county_code, year)
);
comment on table care_summary_years is 'citus: distributed';

create table care_summaries (
  county_code text not null,
  year int not null,
  resident_id bigint not null,
  area_code text not null,
  born int not null,
  established boolean not null,
  -- A contract covering Y-12-31.
  signed boolean not null,
  -- Managed in any programme at Y-12-31 (the key population's programme part, pregnancy included).
  managed boolean not null,
  htn boolean not null,
  htn_std boolean not null,
  htn_ctl boolean not null,
  dm boolean not null,
  dm_std boolean not null,
  dm_ctl boolean not null,
  smd boolean not null,
  smd_fu boolean not null,
  smd_std boolean not null,
  -- A complete elderly-annual check in Y; a child check in Y (after birth): the age filters are the reader's.
  elderly_checked boolean not null,
  child_checked boolean not null,
  -- Under 3 with visits due in Y; as many child checks in Y as visits due.
  u3_due boolean not null,
  u3_managed boolean not null,
  -- Maternal enrolments delivered in Y, and of those the systematically managed.
  delivered smallint not null,
  maternal_managed smallint not null,
  primary key (county_code, year, resident_id)
);
comment on table care_summaries is 'citus: distributed';

-- The rows of one county-year: of the residents in p_ids, or of every resident of the county (p_ids null).
-- Dynamic SQL so that each call is planned for its case (a handful of ids through the per-resident indexes,
-- or the whole county with hash joins).
create function care_summaries_compute(p_county text, p_year int, p_ids bigint[]) returns void
language plpgsql as $fn$
declare
  -- A semi-join on the unnested ids (hashed), not "= any($4)": that tests every row against the whole array.
  only_r text := case when p_ids is null then '' else ' and id in (select id from ids)' end;
  only_x text := case when p_ids is null then '' else ' and resident_id in (select id from ids)' end;
  -- Many residents (a county, a bulk import's chunk): hash joins only. The tables are often not analysed yet
  -- while a load runs, and on estimates of a few rows the planner nests loops over the CTEs (quadratic: 70 s
  -- for a chunk of 20,000 residents on PGlite instead of 1 s). A few residents (a form's save): index probes.
  many boolean := p_ids is null or cardinality(p_ids) > 100;
  nestloop text := current_setting('enable_nestloop');
begin
  if many then
    perform set_config('enable_nestloop', 'off', true);
  end if;
  execute format($q$
insert into care_summaries as s (county_code, year, resident_id, area_code, born, established, signed, managed,
  htn, htn_std, htn_ctl, dm, dm_std, dm_ctl, smd, smd_fu, smd_std, elderly_checked, child_checked, u3_due,
  u3_managed, delivered, maternal_managed)
with ids as (select unnest($4::bigint[]) as id),
r as (
  select id, area_code, birth_date, established, extract(year from birth_date)::int as born,
         -- Children under 3: how many of their scheduled visits (7 and 28 days, 3 … 30 months) fall in the year.
         case when birth_date >= make_date($5 - 2, 1, 1) then
           (select count(*) from unnest(array[birth_date + 7, birth_date + 28,
              (birth_date + interval '3 months')::date, (birth_date + interval '6 months')::date,
              (birth_date + interval '8 months')::date, (birth_date + interval '12 months')::date,
              (birth_date + interval '18 months')::date, (birth_date + interval '24 months')::date,
              (birth_date + interval '30 months')::date, (birth_date + interval '36 months')::date]) d
             where d between $2 and $3)::int
         else 0 end as due
    from care_residents
   where county_code = $1 and merged_into is null and birth_date <= $3
     and (death_date is null or death_date > $3) and (moved_out is null or moved_out > $3) %1$s
),
e as (
  select resident_id, program, min(start_date) as start
    from care_enrolments
   where county_code = $1 and start_date <= $3 and (end_date is null or end_date >= $3) %2$s
   group by 1, 2
),
f as (
  select e.resident_id, e.program,
         (5 - extract(quarter from greatest(e.start, $2)))::int as required,
         count(x.id) filter (where x.mode <> 'phone')::int as f2f,
         count(x.id)::int as n,
         -- The latest day with a BP (both readings): the day's highest SBP and DBP (arrays compare element by
         -- element, so max() of [day, reading] is the latest day's highest reading).
         (max(array[x.date - date '2000-01-01', x.sbp]) filter (where x.sbp is not null and x.dbp is not null))[2]
           as sbp,
         (max(array[x.date - date '2000-01-01', x.dbp]) filter (where x.sbp is not null and x.dbp is not null))[2]
           as dbp,
         (max(array[(x.date - date '2000-01-01')::numeric, x.fbg]) filter (where x.fbg is not null))[2] as fbg
    from e
    left join care_followups x
      on x.county_code = $1 and x.resident_id = e.resident_id and x.program = e.program
     and x.date >= greatest(e.start, $2) and x.date <= $3
   group by e.resident_id, e.program, e.start
),
p as (
  select resident_id,
         bool_or(program = 'hypertension') as htn,
         bool_or(program = 'hypertension' and f2f >= required) as htn_std,
         bool_or(program = 'hypertension' and sbp < 140 and dbp < 90) as htn_ctl,
         bool_or(program = 'diabetes') as dm,
         bool_or(program = 'diabetes' and f2f >= required) as dm_std,
         bool_or(program = 'diabetes' and fbg < 7.0) as dm_ctl,
         bool_or(program = 'smd') as smd,
         bool_or(program = 'smd' and n >= 1) as smd_fu,
         bool_or(program = 'smd' and f2f >= required) as smd_std
    from f group by 1
),
k as (
  select q.resident_id,
         bool_or(q.type = 'elderly-annual' and q.complete) as elderly,
         count(*) filter (where q.type = 'child' and q.date >= b.birth_date)::int as child_n
    from care_checks q
    join r b on b.id = q.resident_id
   where q.county_code = $1 and q.date between $2 and $3 and q.type in ('elderly-annual', 'child') %2$s
   group by 1
),
c as (
  select distinct resident_id
    from care_contracts
   where county_code = $1 and not cancelled and start_date <= $3 and end_date >= $3 %2$s
),
m as (
  select n.resident_id, count(*)::int as delivered,
         count(*) filter (where n.lmp is not null and n.start_date >= n.lmp and n.start_date - n.lmp < 91
           and (select count(*) from care_checks q where q.county_code = $1 and q.resident_id = n.resident_id
                 and q.type = 'prenatal' and q.date >= coalesce(n.lmp, n.start_date) and q.date <= n.delivery_date) >= 5
           and exists (select 1 from care_checks q where q.county_code = $1 and q.resident_id = n.resident_id
                 and q.type = 'postpartum' and q.date >= n.delivery_date and q.date <= n.delivery_date + 28))::int
           as systematic
    from care_enrolments n
   where n.county_code = $1 and n.program = 'maternal' and n.delivery_date between $2 and $3 %2$s
   group by 1
)
select $1, $5, r.id, r.area_code, r.born, coalesce(r.established <= $3, false), c.resident_id is not null,
       p.resident_id is not null, coalesce(p.htn, false), coalesce(p.htn_std, false), coalesce(p.htn_ctl, false),
       coalesce(p.dm, false), coalesce(p.dm_std, false), coalesce(p.dm_ctl, false), coalesce(p.smd, false),
       coalesce(p.smd_fu, false), coalesce(p.smd_std, false), coalesce(k.elderly, false),
       coalesce(k.child_n, 0) > 0, r.due > 0, r.due > 0 and coalesce(k.child_n, 0) >= r.due,
       coalesce(m.delivered, 0), coalesce(m.systematic, 0)
  from r
  left join p on p.resident_id = r.id
  left join k on k.resident_id = r.id
  left join c on c.resident_id = r.id
  left join m on m.resident_id = r.id
on conflict (county_code, year, resident_id) do update set
  area_code = excluded.area_code, born = excluded.born, established = excluded.established,
  signed = excluded.signed, managed = excluded.managed, htn = excluded.htn, htn_std = excluded.htn_std,
  htn_ctl = excluded.htn_ctl, dm = excluded.dm, dm_std = excluded.dm_std, dm_ctl = excluded.dm_ctl,
  smd = excluded.smd, smd_fu = excluded.smd_fu, smd_std = excluded.smd_std,
  elderly_checked = excluded.elderly_checked, child_checked = excluded.child_checked, u3_due = excluded.u3_due,
  u3_managed = excluded.u3_managed, delivered = excluded.delivered, maternal_managed = excluded.maternal_managed
$q$, only_r, only_x)
  using p_county, make_date(p_year, 1, 1), make_date(p_year, 12, 31), p_ids, p_year;
  if many then
    perform set_config('enable_nestloop', nestloop, true);
  end if;
end $fn$;

-- After a write: make sure the county's years p_years (and the current year) are materialised, then recompute
-- the rows of the residents p_ids in every materialised year (deleted first: a resident who died, moved out,
-- was merged or deleted has no row any more).
create function care_summaries_touch(p_county text, p_ids bigint[], p_years int[]) returns void
language plpgsql as $fn$
declare
  y int;
  many boolean := cardinality(p_ids) > 100;
  nestloop text := current_setting('enable_nestloop');
begin
  -- As in care_summaries_compute: hash joins for many residents (a nested loop over the ids is quadratic).
  if many then
    perform set_config('enable_nestloop', 'off', true);
  end if;
  for y in
    select distinct u from unnest(coalesce(p_years, '{}') || extract(year from current_date)::int) u
     where u is not null
       and not exists (select 1 from care_summary_years s where s.county_code = p_county and s.year = u)
  loop
    insert into care_summary_years (county_code, year) values (p_county, y) on conflict do nothing;
    if found then
      perform care_summaries_compute(p_county, y, null);
    end if;
  end loop;
  for y in select year from care_summary_years where county_code = p_county loop
    -- Dynamic: planned at each call for its number of ids (a cached plan would keep one case's joins).
    execute 'delete from care_summaries s using (select distinct unnest($3::bigint[]) as id) u
              where s.county_code = $1 and s.year = $2 and s.resident_id = u.id'
      using p_county, y, p_ids;
    perform care_summaries_compute(p_county, y, p_ids);
  end loop;
  if many then
    perform set_config('enable_nestloop', nestloop, true);
  end if;
end $fn$;

-- Statement-level triggers (with transition tables: one recomputation per statement and county, also for the
-- bulk writer's COPY). Residents are named by id; the other tables by resident_id; follow-ups and checks also
-- bring the years of their dates.
create function care_summaries_residents() returns trigger language plpgsql as $fn$
declare
  c record;
begin
  if tg_op = 'INSERT' then
    for c in select county_code, array_agg(id) as ids from new_rows group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  elsif tg_op = 'UPDATE' then
    for c in select county_code, array_agg(distinct id) as ids
               from (select county_code, id from new_rows union all select county_code, id from old_rows) a group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  else
    for c in select county_code, array_agg(id) as ids from old_rows group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  end if;
  return null;
end $fn$;

create function care_summaries_records() returns trigger language plpgsql as $fn$
declare
  c record;
begin
  if tg_op = 'INSERT' then
    for c in select county_code, array_agg(distinct resident_id) as ids from new_rows group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  elsif tg_op = 'UPDATE' then
    for c in select county_code, array_agg(distinct resident_id) as ids
               from (select county_code, resident_id from new_rows
                     union all select county_code, resident_id from old_rows) a group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  else
    for c in select county_code, array_agg(distinct resident_id) as ids from old_rows group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  end if;
  return null;
end $fn$;

create function care_summaries_dated() returns trigger language plpgsql as $fn$
declare
  c record;
begin
  if tg_op = 'INSERT' then
    for c in select county_code, array_agg(distinct resident_id) as ids,
                    array_agg(distinct extract(year from date)::int) as years
               from new_rows group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, c.years);
    end loop;
  elsif tg_op = 'UPDATE' then
    for c in select county_code, array_agg(distinct resident_id) as ids, array_agg(distinct y) as years
               from (select county_code, resident_id, extract(year from date)::int as y from new_rows
                     union all select county_code, resident_id, null from old_rows) a group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, c.years);
    end loop;
  else
    for c in select county_code, array_agg(distinct resident_id) as ids from old_rows group by 1 loop
      perform care_summaries_touch(c.county_code, c.ids, null);
    end loop;
  end if;
  return null;
end $fn$;

create trigger care_residents_summary_ins after insert on care_residents
  referencing new table as new_rows for each statement execute function care_summaries_residents();
create trigger care_residents_summary_upd after update on care_residents
  referencing old table as old_rows new table as new_rows for each statement execute function care_summaries_residents();
create trigger care_residents_summary_del after delete on care_residents
  referencing old table as old_rows for each statement execute function care_summaries_residents();

create trigger care_enrolments_summary_ins after insert on care_enrolments
  referencing new table as new_rows for each statement execute function care_summaries_records();
create trigger care_enrolments_summary_upd after update on care_enrolments
  referencing old table as old_rows new table as new_rows for each statement execute function care_summaries_records();
create trigger care_enrolments_summary_del after delete on care_enrolments
  referencing old table as old_rows for each statement execute function care_summaries_records();

create trigger care_contracts_summary_ins after insert on care_contracts
  referencing new table as new_rows for each statement execute function care_summaries_records();
create trigger care_contracts_summary_upd after update on care_contracts
  referencing old table as old_rows new table as new_rows for each statement execute function care_summaries_records();
create trigger care_contracts_summary_del after delete on care_contracts
  referencing old table as old_rows for each statement execute function care_summaries_records();

create trigger care_followups_summary_ins after insert on care_followups
  referencing new table as new_rows for each statement execute function care_summaries_dated();
create trigger care_followups_summary_upd after update on care_followups
  referencing old table as old_rows new table as new_rows for each statement execute function care_summaries_dated();
create trigger care_followups_summary_del after delete on care_followups
  referencing old table as old_rows for each statement execute function care_summaries_dated();

create trigger care_checks_summary_ins after insert on care_checks
  referencing new table as new_rows for each statement execute function care_summaries_dated();
create trigger care_checks_summary_upd after update on care_checks
  referencing old table as old_rows new table as new_rows for each statement execute function care_summaries_dated();
create trigger care_checks_summary_del after delete on care_checks
  referencing old table as old_rows for each statement execute function care_summaries_dated();

-- Records written before this migration: their years, computed once.
insert into care_summary_years (county_code, year)
select county_code, extract(year from date)::int from care_followups
union select county_code, extract(year from date)::int from care_checks
union select distinct county_code, extract(year from current_date)::int from care_residents;
select care_summaries_compute(county_code, year, null) from care_summary_years;
