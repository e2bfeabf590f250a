-- Citus-ready identity (issue 13 §6; conventions in registry/migrations/020_citus_registry.sql).

-- Users are a reference table (read with every request on every node); a reference table cannot point into
-- a distributed one, so the scope institution is checked by the user service, as it already is.
alter table users drop constraint users_scope_institution_id_fkey;

comment on table users is 'citus: reference';
-- Written on every sign-in and request (last_seen_at): kept on the coordinator, which answers sign-ins.
comment on table sessions is 'citus: local';
comment on table login_failures is 'citus: local';
