-- What cached care indicator evaluations are keyed on (issue 15 §6: a saved follow-up shows on the plan
-- dashboard within a second). Statement-level triggers on the tables the indicators read append one row per
-- statement and county to care_changes, in the writing transaction; readers take the number of rows of the
-- counties they read as the version.
--
-- Append-only rather than a counter row per county (as case_count_versions is): an upsert of a county's row
-- would hold that row's lock until the writer commits, so a long bulk load of a county would make every
-- doctor's follow-up save in that county wait for it. Inserts of distinct rows never wait on each other.
-- The count, not max(seq): a transaction that drew a lower seq may commit after one that drew a higher seq,
-- and the count still grows when it does.
create table care_changes (
  county_code text not null,
  seq bigint generated always as identity,
  changed_at timestamptz not null default now(),
  primary key (county_code, seq)
);
comment on table care_changes is 'citus: distributed';

create function care_changes_new() returns trigger language plpgsql as $$
begin
  insert into care_changes (county_code) select distinct county_code from new_rows;
  return null;
end $$;

create function care_changes_old() returns trigger language plpgsql as $$
begin
  insert into care_changes (county_code) select distinct county_code from old_rows;
  return null;
end $$;

create function care_changes_both() returns trigger language plpgsql as $$
begin
  insert into care_changes (county_code)
  select county_code from new_rows union select county_code from old_rows;
  return null;
end $$;

create trigger care_residents_ins after insert on care_residents
  referencing new table as new_rows for each statement execute function care_changes_new();
create trigger care_residents_upd after update on care_residents
  referencing old table as old_rows new table as new_rows for each statement execute function care_changes_both();
create trigger care_residents_del after delete on care_residents
  referencing old table as old_rows for each statement execute function care_changes_old();

create trigger care_enrolments_ins after insert on care_enrolments
  referencing new table as new_rows for each statement execute function care_changes_new();
create trigger care_enrolments_upd after update on care_enrolments
  referencing old table as old_rows new table as new_rows for each statement execute function care_changes_both();
create trigger care_enrolments_del after delete on care_enrolments
  referencing old table as old_rows for each statement execute function care_changes_old();

create trigger care_followups_ins after insert on care_followups
  referencing new table as new_rows for each statement execute function care_changes_new();
create trigger care_followups_upd after update on care_followups
  referencing old table as old_rows new table as new_rows for each statement execute function care_changes_both();
create trigger care_followups_del after delete on care_followups
  referencing old table as old_rows for each statement execute function care_changes_old();

create trigger care_checks_ins after insert on care_checks
  referencing new table as new_rows for each statement execute function care_changes_new();
create trigger care_checks_upd after update on care_checks
  referencing old table as old_rows new table as new_rows for each statement execute function care_changes_both();
create trigger care_checks_del after delete on care_checks
  referencing old table as old_rows for each statement execute function care_changes_old();

create trigger care_contracts_ins after insert on care_contracts
  referencing new table as new_rows for each statement execute function care_changes_new();
create trigger care_contracts_upd after update on care_contracts
  referencing old table as old_rows new table as new_rows for each statement execute function care_changes_both();
create trigger care_contracts_del after delete on care_contracts
  referencing old table as old_rows for each statement execute function care_changes_old();

