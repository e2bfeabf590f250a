-- Work lists and look-ups by id (helper C3, issue 15 §3–§5).
--
-- Routes name a team, contract or enrolment by its id alone (ids come from one identity sequence
-- per table, unique across counties); the county comes from the row found, so each needs an index on id
-- (care_residents_id and the keeper index are 027's, helper C2).
create index care_teams_id on care_teams (id);
create index care_contracts_id on care_contracts (id);
create index care_enrolments_id on care_enrolments (id);

-- A doctor's work list starts from the enrolments they hold (doctor_user_id) and from the residents contracted
-- with the teams they belong to (care_team_members_user → care_contracts_team, both in 023); an institution's
-- from its enrolments and the records it keeps (027's care_residents_keeper); a township's from its residents.
-- For each enrolment found, the latest follow-up is one backward step on care_followups_resident (county,
-- resident, program, date) and the latest checks one on care_checks_resident: a doctor's list of ~1,000
-- patients is a few thousand index probes.
create index care_enrolments_doctor on care_enrolments (doctor_user_id, county_code) where doctor_user_id is not null;
create index care_enrolments_institution on care_enrolments (institution_id, county_code) where institution_id is not null;
create index care_residents_township on care_residents (county_code, township_code) where merged_into is null;
create index care_team_members_team_user on care_team_members (county_code, team_id, user_id) where user_id is not null;
