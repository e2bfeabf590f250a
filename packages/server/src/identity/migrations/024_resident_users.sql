-- The resident role (issue 15 §2): a person signs in and sees their own health record and who opened it.
-- The user is linked to one record of the care context's person index by (county, resident id); identity
-- keeps the link and publishes it (UserDirectory.residentOf), care never reads this table.
alter table users add column resident_county_code text;
alter table users add column resident_id bigint;

-- The role and scope checks of 002 are unnamed (generated names): replace them all by named ones.
do $$
declare c record;
begin
  for c in select conname from pg_constraint where conrelid = 'users'::regclass and contype = 'c' loop
    execute format('alter table users drop constraint %I', c.conname);
  end loop;
end $$;

alter table users add constraint users_role check
  (role in ('admin', 'city', 'county', 'institution', 'readonly', 'resident'));
alter table users add constraint users_scope check
  (role = 'admin' or role = 'resident' or scope_area_code is not null or scope_institution_id is not null);
alter table users add constraint users_institution_scope check (role <> 'institution' or scope_institution_id is not null);
-- A resident user has a record and nothing else; nobody else has one.
alter table users add constraint users_resident_scope check (
  (role = 'resident') = (resident_id is not null)
  and (resident_id is null) = (resident_county_code is null)
  and (role <> 'resident' or (scope_area_code is null and scope_institution_id is null))
);
create unique index users_resident on users (resident_county_code, resident_id) where resident_id is not null;
