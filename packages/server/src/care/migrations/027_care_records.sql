-- Care records (issue 15 §1–2): look-ups that do not know the county (a record's id in a URL, a 身份证号 or
-- phone typed at a clinic of another county), prefix search on names, and the administrator as a basis of
-- opening a record.
create index care_residents_id on care_residents (id);
create index care_residents_id_hmac on care_residents (id_hmac) where id_hmac is not null;
create index care_residents_phone_hmac on care_residents (phone_hmac) where phone_hmac is not null;
create index care_residents_name_prefix on care_residents (county_code, name text_pattern_ops);
create index care_residents_keeper on care_residents (county_code, keeper_institution_id);
create index care_residents_merged on care_residents (county_code, merged_into) where merged_into is not null;

alter table care_record_openings drop constraint care_record_openings_basis_check;
alter table care_record_openings add constraint care_record_openings_basis_check
  check (basis in ('keeper', 'team', 'area', 'admin', 'treatment', 'referral', 'consultation'));
