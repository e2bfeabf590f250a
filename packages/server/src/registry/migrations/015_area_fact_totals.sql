-- Registry aggregates for the planning engine (issue 13): the yearly resource reports summed per county,
-- township (the first 9 digits of the institution's area), year and the institution attributes the catalogue
-- formulas filter on (category, grade, ownership), and institutions counted per county, township, those
-- attributes and their opening and closing years. Statement-level triggers keep them in the same transaction
-- as every write to institution_resources and institutions (the API, imports, the demo loader), so the
-- engine sums a few thousand rows instead of joining every report to its institution for every evaluation.
--
-- Resources: an insert adds its sums (null-aware: a sum stays null until some report has the field); an
-- update or deletion recomputes the county-years it touched, as does an institution's change of area,
-- category, grade or ownership. Counts add and subtract per key like case_counts (014).
-- A new resource column (core/registry/fields.ts) needs its sum column here and in the functions below;
-- area-facts.ts reads a field the table lacks from the reports themselves, and a test lists the gaps.
create table area_fact_totals (
  county_code text not null,
  township_code text not null,          -- left(institutions.area_code, 9): the county itself for county-level ones
  year smallint not null,
  category text not null,
  grade_level smallint not null,        -- 0 when ungraded (never passes a grade filter, as null does)
  ownership text not null,
  reports integer not null,
  beds_approved bigint,
  beds_actual bigint,
  beds_open bigint,
  beds_icu bigint,
  beds_icu_convertible bigint,
  beds_pediatric bigint,
  beds_psychiatric bigint,
  beds_rehab bigint,
  beds_infectious bigint,
  beds_nursing bigint,
  beds_emergency_obs bigint,
  beds_hospice bigint,
  staff_total bigint,
  health_technicians bigint,
  doctors bigint,
  assistant_doctors bigint,
  nurses bigint,
  pharmacists bigint,
  technicians bigint,
  general_practitioners bigint,
  tcm_doctors bigint,
  public_health_staff bigint,
  public_health_doctors bigint,
  psychiatrists bigint,
  pediatricians bigint,
  village_doctors bigint,
  health_supervisors bigint,
  ambulances bigint,
  ambulances_negative_pressure bigint,
  large_equipment bigint,
  outpatient_visits bigint,
  discharges bigint,
  open_bed_days bigint,
  occupied_bed_days bigint,
  discharged_bed_days bigint,
  last_change timestamptz not null,     -- latest updated_at of the reports summed
  primary key (county_code, township_code, year, category, grade_level, ownership)
);

create table area_institution_counts (
  county_code text not null,
  township_code text not null,
  category text not null,
  grade_level smallint not null,        -- 0 when ungraded
  ownership text not null,
  opened_year smallint not null,        -- 0 when the opening date is unknown (open in every year)
  closed_year smallint not null,        -- 9999 while open: open at the end of year y ⇔ opened_year <= y < closed_year
  institutions integer not null,
  last_change timestamptz not null,     -- latest updated_at of the institutions counted
  primary key (county_code, township_code, category, grade_level, ownership, opened_year, closed_year)
);

-- A change counter per county bumped by every write to the facts above and to area_population; '' for the
-- division tree (areas), which every county's figures are bucketed through. Cached evaluations are keyed on
-- the sum over the counties they read, read from the database: another app server's write invalidates them.
create table area_fact_versions (
  county_code text primary key,
  changes bigint not null
);

create function area_fact_versions_bump(counties text[]) returns void language sql as $$
  insert into area_fact_versions as v (county_code, changes)
  select distinct c, 1 from unnest(counties) as c order by 1
  on conflict (county_code) do update set changes = v.changes + 1
$$;

-- Recomputes the resource totals of the given county-years from the reports.
create function area_fact_totals_refresh(counties text[], years smallint[]) returns void language sql as $$
  delete from area_fact_totals t using unnest(counties, years) as k(county_code, year)
   where t.county_code = k.county_code and t.year = k.year;
  insert into area_fact_totals (county_code, township_code, year, category, grade_level, ownership, reports,
    beds_approved, beds_actual, beds_open, beds_icu, beds_icu_convertible, beds_pediatric,
    beds_psychiatric, beds_rehab, beds_infectious, beds_nursing, beds_emergency_obs, beds_hospice,
    staff_total, health_technicians, doctors, assistant_doctors, nurses, pharmacists,
    technicians, general_practitioners, tcm_doctors, public_health_staff, public_health_doctors, psychiatrists,
    pediatricians, village_doctors, health_supervisors, ambulances, ambulances_negative_pressure, large_equipment,
    outpatient_visits, discharges, open_bed_days, occupied_bed_days, discharged_bed_days, last_change)
  select r.county_code, left(i.area_code, 9), r.year, i.category, coalesce(i.grade_level, 0), i.ownership, count(*),
         sum(r.beds_approved), sum(r.beds_actual), sum(r.beds_open), sum(r.beds_icu), sum(r.beds_icu_convertible),
         sum(r.beds_pediatric), sum(r.beds_psychiatric), sum(r.beds_rehab), sum(r.beds_infectious), sum(r.beds_nursing),
         sum(r.beds_emergency_obs), sum(r.beds_hospice), sum(r.staff_total), sum(r.health_technicians), sum(r.doctors),
         sum(r.assistant_doctors), sum(r.nurses), sum(r.pharmacists), sum(r.technicians), sum(r.general_practitioners),
         sum(r.tcm_doctors), sum(r.public_health_staff), sum(r.public_health_doctors), sum(r.psychiatrists), sum(r.pediatricians),
         sum(r.village_doctors), sum(r.health_supervisors), sum(r.ambulances), sum(r.ambulances_negative_pressure), sum(r.large_equipment),
         sum(r.outpatient_visits), sum(r.discharges), sum(r.open_bed_days), sum(r.occupied_bed_days), sum(r.discharged_bed_days), max(r.updated_at)
    from institution_resources r join institutions i on i.id = r.institution_id
    join (select distinct * from unnest(counties, years)) as k(county_code, year) on r.county_code = k.county_code and r.year = k.year
   group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6;
  select area_fact_versions_bump(counties);
$$;

create function area_fact_totals_added() returns trigger language plpgsql as $$
begin
  insert into area_fact_totals as t (county_code, township_code, year, category, grade_level, ownership, reports,
    beds_approved, beds_actual, beds_open, beds_icu, beds_icu_convertible, beds_pediatric,
    beds_psychiatric, beds_rehab, beds_infectious, beds_nursing, beds_emergency_obs, beds_hospice,
    staff_total, health_technicians, doctors, assistant_doctors, nurses, pharmacists,
    technicians, general_practitioners, tcm_doctors, public_health_staff, public_health_doctors, psychiatrists,
    pediatricians, village_doctors, health_supervisors, ambulances, ambulances_negative_pressure, large_equipment,
    outpatient_visits, discharges, open_bed_days, occupied_bed_days, discharged_bed_days, last_change)
  select r.county_code, left(i.area_code, 9), r.year, i.category, coalesce(i.grade_level, 0), i.ownership, count(*),
         sum(r.beds_approved), sum(r.beds_actual), sum(r.beds_open), sum(r.beds_icu), sum(r.beds_icu_convertible),
         sum(r.beds_pediatric), sum(r.beds_psychiatric), sum(r.beds_rehab), sum(r.beds_infectious), sum(r.beds_nursing),
         sum(r.beds_emergency_obs), sum(r.beds_hospice), sum(r.staff_total), sum(r.health_technicians), sum(r.doctors),
         sum(r.assistant_doctors), sum(r.nurses), sum(r.pharmacists), sum(r.technicians), sum(r.general_practitioners),
         sum(r.tcm_doctors), sum(r.public_health_staff), sum(r.public_health_doctors), sum(r.psychiatrists), sum(r.pediatricians),
         sum(r.village_doctors), sum(r.health_supervisors), sum(r.ambulances), sum(r.ambulances_negative_pressure), sum(r.large_equipment),
         sum(r.outpatient_visits), sum(r.discharges), sum(r.open_bed_days), sum(r.occupied_bed_days), sum(r.discharged_bed_days), max(r.updated_at)
    from new_rows r join institutions i on i.id = r.institution_id
   group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
  on conflict (county_code, township_code, year, category, grade_level, ownership) do update set
    reports = t.reports + excluded.reports,
    beds_approved = case when t.beds_approved is null then excluded.beds_approved else t.beds_approved + coalesce(excluded.beds_approved, 0) end,
    beds_actual = case when t.beds_actual is null then excluded.beds_actual else t.beds_actual + coalesce(excluded.beds_actual, 0) end,
    beds_open = case when t.beds_open is null then excluded.beds_open else t.beds_open + coalesce(excluded.beds_open, 0) end,
    beds_icu = case when t.beds_icu is null then excluded.beds_icu else t.beds_icu + coalesce(excluded.beds_icu, 0) end,
    beds_icu_convertible = case when t.beds_icu_convertible is null then excluded.beds_icu_convertible else t.beds_icu_convertible + coalesce(excluded.beds_icu_convertible, 0) end,
    beds_pediatric = case when t.beds_pediatric is null then excluded.beds_pediatric else t.beds_pediatric + coalesce(excluded.beds_pediatric, 0) end,
    beds_psychiatric = case when t.beds_psychiatric is null then excluded.beds_psychiatric else t.beds_psychiatric + coalesce(excluded.beds_psychiatric, 0) end,
    beds_rehab = case when t.beds_rehab is null then excluded.beds_rehab else t.beds_rehab + coalesce(excluded.beds_rehab, 0) end,
    beds_infectious = case when t.beds_infectious is null then excluded.beds_infectious else t.beds_infectious + coalesce(excluded.beds_infectious, 0) end,
    beds_nursing = case when t.beds_nursing is null then excluded.beds_nursing else t.beds_nursing + coalesce(excluded.beds_nursing, 0) end,
    beds_emergency_obs = case when t.beds_emergency_obs is null then excluded.beds_emergency_obs else t.beds_emergency_obs + coalesce(excluded.beds_emergency_obs, 0) end,
    beds_hospice = case when t.beds_hospice is null then excluded.beds_hospice else t.beds_hospice + coalesce(excluded.beds_hospice, 0) end,
    staff_total = case when t.staff_total is null then excluded.staff_total else t.staff_total + coalesce(excluded.staff_total, 0) end,
    health_technicians = case when t.health_technicians is null then excluded.health_technicians else t.health_technicians + coalesce(excluded.health_technicians, 0) end,
    doctors = case when t.doctors is null then excluded.doctors else t.doctors + coalesce(excluded.doctors, 0) end,
    assistant_doctors = case when t.assistant_doctors is null then excluded.assistant_doctors else t.assistant_doctors + coalesce(excluded.assistant_doctors, 0) end,
    nurses = case when t.nurses is null then excluded.nurses else t.nurses + coalesce(excluded.nurses, 0) end,
    pharmacists = case when t.pharmacists is null then excluded.pharmacists else t.pharmacists + coalesce(excluded.pharmacists, 0) end,
    technicians = case when t.technicians is null then excluded.technicians else t.technicians + coalesce(excluded.technicians, 0) end,
    general_practitioners = case when t.general_practitioners is null then excluded.general_practitioners else t.general_practitioners + coalesce(excluded.general_practitioners, 0) end,
    tcm_doctors = case when t.tcm_doctors is null then excluded.tcm_doctors else t.tcm_doctors + coalesce(excluded.tcm_doctors, 0) end,
    public_health_staff = case when t.public_health_staff is null then excluded.public_health_staff else t.public_health_staff + coalesce(excluded.public_health_staff, 0) end,
    public_health_doctors = case when t.public_health_doctors is null then excluded.public_health_doctors else t.public_health_doctors + coalesce(excluded.public_health_doctors, 0) end,
    psychiatrists = case when t.psychiatrists is null then excluded.psychiatrists else t.psychiatrists + coalesce(excluded.psychiatrists, 0) end,
    pediatricians = case when t.pediatricians is null then excluded.pediatricians else t.pediatricians + coalesce(excluded.pediatricians, 0) end,
    village_doctors = case when t.village_doctors is null then excluded.village_doctors else t.village_doctors + coalesce(excluded.village_doctors, 0) end,
    health_supervisors = case when t.health_supervisors is null then excluded.health_supervisors else t.health_supervisors + coalesce(excluded.health_supervisors, 0) end,
    ambulances = case when t.ambulances is null then excluded.ambulances else t.ambulances + coalesce(excluded.ambulances, 0) end,
    ambulances_negative_pressure = case when t.ambulances_negative_pressure is null then excluded.ambulances_negative_pressure else t.ambulances_negative_pressure + coalesce(excluded.ambulances_negative_pressure, 0) end,
    large_equipment = case when t.large_equipment is null then excluded.large_equipment else t.large_equipment + coalesce(excluded.large_equipment, 0) end,
    outpatient_visits = case when t.outpatient_visits is null then excluded.outpatient_visits else t.outpatient_visits + coalesce(excluded.outpatient_visits, 0) end,
    discharges = case when t.discharges is null then excluded.discharges else t.discharges + coalesce(excluded.discharges, 0) end,
    open_bed_days = case when t.open_bed_days is null then excluded.open_bed_days else t.open_bed_days + coalesce(excluded.open_bed_days, 0) end,
    occupied_bed_days = case when t.occupied_bed_days is null then excluded.occupied_bed_days else t.occupied_bed_days + coalesce(excluded.occupied_bed_days, 0) end,
    discharged_bed_days = case when t.discharged_bed_days is null then excluded.discharged_bed_days else t.discharged_bed_days + coalesce(excluded.discharged_bed_days, 0) end,
    last_change = greatest(t.last_change, excluded.last_change);
  perform area_fact_versions_bump(array(select distinct county_code from new_rows));
  return null;
end $$;

create function area_fact_totals_updated() returns trigger language plpgsql as $$
begin
  perform area_fact_totals_refresh(array_agg(county_code), array_agg(year))
     from (select county_code, year from old_rows union select county_code, year from new_rows) k;
  return null;
end $$;

create function area_fact_totals_deleted() returns trigger language plpgsql as $$
begin
  perform area_fact_totals_refresh(array_agg(county_code), array_agg(year))
     from (select distinct county_code, year from old_rows) k;
  return null;
end $$;

create trigger area_fact_totals_insert after insert on institution_resources
  referencing new table as new_rows for each statement execute function area_fact_totals_added();
create trigger area_fact_totals_update after update on institution_resources
  referencing old table as old_rows new table as new_rows for each statement execute function area_fact_totals_updated();
create trigger area_fact_totals_delete after delete on institution_resources
  referencing old table as old_rows for each statement execute function area_fact_totals_deleted();

-- Institution counts: -1 for the rows as they were, +1 as they are, per key; a key only left keeps its latest
-- change (like case_counts). An update that changes where an institution is or what it is also recomputes
-- the resource totals of its reports.
create function area_institution_counts_maintain() returns trigger language plpgsql as $$
declare
  inst text := 'select county_code, left(area_code, 9) as township_code, category, coalesce(grade_level, 0) as grade_level,
                       ownership, coalesce(extract(year from opened_on)::smallint, 0) as opened_year,
                       coalesce(extract(year from closed_on)::smallint, 9999) as closed_year, %s as sign, %s as updated_at
                  from %s';
  src text := case tg_op
    when 'INSERT' then format(inst, 1, 'updated_at', 'new_rows')
    when 'UPDATE' then format(inst, 1, 'updated_at', 'new_rows') || ' union all ' || format(inst, -1, 'null::timestamptz', 'old_rows')
    else format(inst, -1, 'null::timestamptz', 'old_rows') end;
begin
  execute format($q$
    insert into area_institution_counts as t (county_code, township_code, category, grade_level, ownership,
                                              opened_year, closed_year, institutions, last_change)
    select county_code, township_code, category, grade_level, ownership, opened_year, closed_year,
           sum(sign)::int, coalesce(max(updated_at), now())
      from (%s) k group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (county_code, township_code, category, grade_level, ownership, opened_year, closed_year) do update set
      institutions = t.institutions + excluded.institutions,
      last_change = greatest(t.last_change, case when excluded.institutions >= 0 then excluded.last_change end)$q$, src);
  if tg_op <> 'INSERT' then
    delete from area_institution_counts t where t.institutions <= 0 and t.county_code in (select county_code from old_rows);
  end if;
  if tg_op = 'UPDATE' then
    perform area_fact_totals_refresh(array_agg(r.county_code), array_agg(r.year))
       from (select distinct r.county_code, r.year
               from old_rows o join new_rows n on n.id = o.id
               join institution_resources r on r.institution_id = n.id
              where (o.county_code, o.area_code, o.category, o.grade_level, o.ownership)
                    is distinct from (n.county_code, n.area_code, n.category, n.grade_level, n.ownership)) r;
  end if;
  execute format($q$select area_fact_versions_bump(array(select distinct county_code from (%s) k))$q$, src);
  return null;
end $$;

create trigger area_institution_counts_insert after insert on institutions
  referencing new table as new_rows for each statement execute function area_institution_counts_maintain();
create trigger area_institution_counts_update after update on institutions
  referencing old table as old_rows new table as new_rows for each statement execute function area_institution_counts_maintain();
create trigger area_institution_counts_delete after delete on institutions
  referencing old table as old_rows for each statement execute function area_institution_counts_maintain();

-- Population rows are few (one per area and year) and read as they are; their writes bump the version.
create function area_population_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform area_fact_versions_bump(array(select distinct county_code from old_rows));
  else
    perform area_fact_versions_bump(array(select distinct county_code from new_rows));
  end if;
  return null;
end $$;

create trigger area_population_version_insert after insert on area_population
  referencing new table as new_rows for each statement execute function area_population_changed();
create trigger area_population_version_update after update on area_population
  referencing new table as new_rows for each statement execute function area_population_changed();
create trigger area_population_version_delete after delete on area_population
  referencing old table as old_rows for each statement execute function area_population_changed();

-- The division tree: every county's figures are bucketed through it.
create function area_tree_changed() returns trigger language plpgsql as $$
begin
  perform area_fact_versions_bump(array['']);
  return null;
end $$;

create trigger area_tree_version after insert or update or delete on areas
  for each statement execute function area_tree_changed();

-- Backfill.
select area_fact_totals_refresh(array_agg(county_code), array_agg(year))
  from (select distinct county_code, year from institution_resources) k;
insert into area_institution_counts (county_code, township_code, category, grade_level, ownership, opened_year,
                                     closed_year, institutions, last_change)
select county_code, left(area_code, 9), category, coalesce(grade_level, 0), ownership,
       coalesce(extract(year from opened_on)::smallint, 0), coalesce(extract(year from closed_on)::smallint, 9999),
       count(*), max(updated_at)
  from institutions group by 1, 2, 3, 4, 5, 6, 7;
insert into area_fact_versions (county_code, changes)
select distinct county_code, 1 from areas where county_code is not null
union select '', 1
on conflict (county_code) do nothing;
