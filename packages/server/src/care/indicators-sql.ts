// The SQL of the care measures (issue 15 §6) for one year: counts per village (the 12-digit area code of a
// resident's record) of the county prefix asked about. indicators.ts buckets them through the tree valid in
// the year. The definitions are those of core's evaluateCare (the oracle of care-indicators.int.test.ts):
// - residents: not merged, born on or before Y-12-31, death and move-out dates (if any) after Y-12-31; age
//   at Y-12-31 is Y − birth year;
// - managed patients of a programme: an enrolment started on or before Y-12-31 and not ended before it (the
//   earliest such start when a patient has several); required follow-ups: the quarters from that of the later
//   of the start and Y-01-01 to Q4; only follow-ups of the programme dated in Y on or after the start count;
// - the latest reading: of the last day with a follow-up that has it, the day's highest;
// - maternal and child-u3 measures as evaluate.ts defines them (the 规范's 4:2:2 child schedule, 早孕建册).
import type { CareMeasure } from '@weijian/core/planning';

/** One village's measures in the year. */
export type VillageMeasures = { code: string; township: string; county: string } & Record<CareMeasure, number>;

/** Parameters: $1 county prefix (like), $2 Y-01-01, $3 Y-12-31, $4 Y. */
export const MEASURES_SQL = `
with r as (
  select county_code, id, area_code, township_code, established, extract(year from birth_date)::int as born,
         -- Children under 3: how many of their scheduled visits (7 and 28 days, 3 … 30 months) fall in the year.
         case when birth_date >= make_date($4 - 2, 1, 1) then
           (select count(*) from unnest(array[birth_date + 7, birth_date + 28,
              (birth_date + interval '3 months')::date, (birth_date + interval '6 months')::date,
              (birth_date + interval '8 months')::date, (birth_date + interval '12 months')::date,
              (birth_date + interval '18 months')::date, (birth_date + interval '24 months')::date,
              (birth_date + interval '30 months')::date, (birth_date + interval '36 months')::date]) d
             where d between $2::date and $3::date)::int
         else 0 end as due
    from care_residents
   where county_code like $1 and merged_into is null and birth_date <= $3::date
     and (death_date is null or death_date > $3::date) and (moved_out is null or moved_out > $3::date)
),
e as (
  select county_code, resident_id, program, min(start_date) as start
    from care_enrolments
   where county_code like $1 and start_date <= $3::date and (end_date is null or end_date >= $3::date)
   group by 1, 2, 3
),
f as (
  select e.county_code, e.resident_id, e.program,
         (5 - extract(quarter from greatest(e.start, $2::date)))::int as required,
         count(x.id) filter (where x.mode <> 'phone')::int as f2f,
         count(x.id)::int as n,
         -- The latest day with a BP (both readings): the day's highest SBP and highest DBP; arrays compare
         -- element by element, so max() of [day, reading] is the latest day's highest reading (no sort).
         (max(array[x.date - date '2000-01-01', x.sbp]) filter (where x.sbp is not null and x.dbp is not null))[2]
           as sbp,
         (max(array[x.date - date '2000-01-01', x.dbp]) filter (where x.sbp is not null and x.dbp is not null))[2]
           as dbp,
         (max(array[(x.date - date '2000-01-01')::numeric, x.fbg]) filter (where x.fbg is not null))[2] as fbg
    from e
    left join care_followups x
      on x.county_code = e.county_code and x.resident_id = e.resident_id and x.program = e.program
     and x.date >= greatest(e.start, $2::date) and x.date <= $3::date
   group by e.county_code, e.resident_id, e.program, e.start
),
p as (
  select county_code, resident_id,
         bool_or(program = 'hypertension') as htn,
         bool_or(program = 'hypertension' and f2f >= required) as htn_std,
         bool_or(program = 'hypertension' and sbp < 140 and dbp < 90) as htn_ctl,
         bool_or(program = 'diabetes') as dm,
         bool_or(program = 'diabetes' and f2f >= required) as dm_std,
         bool_or(program = 'diabetes' and fbg < 7.0) as dm_ctl,
         bool_or(program = 'smd') as smd,
         bool_or(program = 'smd' and n >= 1) as smd_fu,
         bool_or(program = 'smd' and f2f >= required) as smd_std
    from f group by 1, 2
),
k as (
  select q.county_code, q.resident_id,
         bool_or(q.type = 'elderly-annual' and q.complete) as elderly,
         count(*) filter (where q.type = 'child' and q.date >= b.birth_date)::int as child_n
    from care_checks q
    join care_residents b on b.county_code = q.county_code and b.id = q.resident_id
   where q.county_code like $1 and q.date between $2::date and $3::date and q.type in ('elderly-annual', 'child')
   group by 1, 2
),
c as (
  select distinct county_code, resident_id
    from care_contracts
   where county_code like $1 and not cancelled and start_date <= $3::date and end_date >= $3::date
),
-- Pregnancies delivered in the year (one per maternal enrolment): booked before 13 weeks, ≥5 prenatal checks
-- from the LMP (else the booking) to the delivery, a postpartum visit within 28 days of it.
m as (
  select n.county_code, n.resident_id, count(*)::int as delivered,
         count(*) filter (where n.lmp is not null and n.start_date >= n.lmp and n.start_date - n.lmp < 91
           and (select count(*) from care_checks q where q.county_code = n.county_code and q.resident_id = n.resident_id
                 and q.type = 'prenatal' and q.date >= coalesce(n.lmp, n.start_date) and q.date <= n.delivery_date) >= 5
           and exists (select 1 from care_checks q where q.county_code = n.county_code and q.resident_id = n.resident_id
                 and q.type = 'postpartum' and q.date >= n.delivery_date and q.date <= n.delivery_date + 28))::int
           as systematic
    from care_enrolments n
   where n.county_code like $1 and n.program = 'maternal' and n.delivery_date between $2::date and $3::date
   group by 1, 2
)
select r.area_code as code, r.township_code as township, r.county_code as county,
       count(*)::int as "residents",
       count(*) filter (where r.born <= $4 - 65)::int as "elderly",
       count(*) filter (where r.born >= $4 - 6)::int as "children",
       count(*) filter (where r.established <= $3::date)::int as "established",
       count(c.resident_id)::int as "signed",
       count(*) filter (where r.born <= $4 - 65 or r.born >= $4 - 6 or p.resident_id is not null)::int as "key-population",
       count(c.resident_id) filter (where r.born <= $4 - 65 or r.born >= $4 - 6 or p.resident_id is not null)::int
         as "key-signed",
       count(*) filter (where p.htn)::int as "hypertension-managed",
       count(*) filter (where p.htn_std)::int as "hypertension-standard",
       count(*) filter (where p.htn_ctl)::int as "hypertension-controlled",
       count(*) filter (where p.dm)::int as "diabetes-managed",
       count(*) filter (where p.dm_std)::int as "diabetes-standard",
       count(*) filter (where p.dm_ctl)::int as "diabetes-controlled",
       count(*) filter (where p.smd)::int as "smd-managed",
       count(*) filter (where p.smd_fu)::int as "smd-followed",
       count(*) filter (where p.smd_std)::int as "smd-standard",
       count(*) filter (where r.born <= $4 - 65 and k.elderly)::int as "elderly-checked",
       count(*) filter (where r.born >= $4 - 6 and k.child_n > 0)::int as "child-checked",
       count(*) filter (where r.due > 0)::int as "child-u3-due",
       count(*) filter (where r.due > 0 and coalesce(k.child_n, 0) >= r.due)::int as "child-u3-managed",
       coalesce(sum(m.delivered), 0)::int as "maternal-delivered",
       coalesce(sum(m.systematic), 0)::int as "maternal-managed"
  from r
  left join p on p.county_code = r.county_code and p.resident_id = r.id
  left join k on k.county_code = r.county_code and k.resident_id = r.id
  left join c on c.county_code = r.county_code and c.resident_id = r.id
  left join m on m.county_code = r.county_code and m.resident_id = r.id
 group by 1, 2, 3`;

/**
 * The county-years with care records: a follow-up or a check dated in the year, or a record established in
 * it. Elsewhere (years before a county kept records here, counties outside the module's reach) the plan keeps
 * the reported value. Parameters: $1 county prefix (like), $2 first year, $3 last year.
 */
export const ACTIVE_YEARS_SQL = `
select county_code as county, y::int as year, max(at) as asof from (
  select county_code, extract(year from date) as y, max(created_at) as at from care_followups
   where county_code like $1 and date >= make_date($2, 1, 1) and date < make_date($3 + 1, 1, 1) group by 1, 2
  union all
  select county_code, extract(year from date), max(created_at) from care_checks
   where county_code like $1 and date >= make_date($2, 1, 1) and date < make_date($3 + 1, 1, 1) group by 1, 2
  union all
  select county_code, extract(year from established), max(updated_at) from care_residents
   where county_code like $1 and established >= make_date($2, 1, 1) and established < make_date($3 + 1, 1, 1)
   group by 1, 2
) a group by 1, 2`;

/**
 * The same measures from the per-resident-year summaries of migration 032 (kept at write time): one grouped
 * aggregate over the year's rows. Valid for a year every county under the prefix has materialised
 * (MATERIALISED_SQL); the age filters are applied here from the birth year. Parameters: $1 county prefix
 * (like), $2 Y.
 */
export const SUMMARY_MEASURES_SQL = `
select area_code as code, left(area_code, 9) as township, county_code as county,
       count(*)::int as "residents",
       count(*) filter (where born <= $2 - 65)::int as "elderly",
       count(*) filter (where born >= $2 - 6)::int as "children",
       count(*) filter (where established)::int as "established",
       count(*) filter (where signed)::int as "signed",
       count(*) filter (where born <= $2 - 65 or born >= $2 - 6 or managed)::int as "key-population",
       count(*) filter (where signed and (born <= $2 - 65 or born >= $2 - 6 or managed))::int as "key-signed",
       count(*) filter (where htn)::int as "hypertension-managed",
       count(*) filter (where htn_std)::int as "hypertension-standard",
       count(*) filter (where htn_ctl)::int as "hypertension-controlled",
       count(*) filter (where dm)::int as "diabetes-managed",
       count(*) filter (where dm_std)::int as "diabetes-standard",
       count(*) filter (where dm_ctl)::int as "diabetes-controlled",
       count(*) filter (where smd)::int as "smd-managed",
       count(*) filter (where smd_fu)::int as "smd-followed",
       count(*) filter (where smd_std)::int as "smd-standard",
       count(*) filter (where born <= $2 - 65 and elderly_checked)::int as "elderly-checked",
       count(*) filter (where born >= $2 - 6 and child_checked)::int as "child-checked",
       count(*) filter (where u3_due)::int as "child-u3-due",
       count(*) filter (where u3_managed)::int as "child-u3-managed",
       coalesce(sum(delivered), 0)::int as "maternal-delivered",
       coalesce(sum(maternal_managed), 0)::int as "maternal-managed"
  from care_summaries
 where county_code like $1 and year = $2
 group by county_code, area_code`;

/** The county-years whose summaries exist (migration 032). Parameter: $1 county prefix (like). */
export const MATERIALISED_SQL = `select county_code as county, year from care_summary_years where county_code like $1`;
