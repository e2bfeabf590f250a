-- The platform's own tables. audit_log was created by 002_identity before the platform owned it; on a
-- database where that already ran, these statements are no-ops.
create table if not exists audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id integer,
  username text,
  action text not null,                 -- e.g. login, login-failed, institution.update, import.resources
  entity text,
  entity_id text,
  area_code text,
  ip text,
  before jsonb,
  after jsonb
);
create index if not exists audit_log_at on audit_log (at desc);
create index if not exists audit_log_user on audit_log (username, at desc);
