-- Identity: users scoped to an area subtree or one institution, sessions, sign-in throttling, audit log.

create table users (
  id integer generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,          -- scrypt$N$r$p$salt$hash
  role text not null check (role in ('admin', 'city', 'county', 'institution', 'readonly')),
  scope_area_code text references areas (code),
  scope_institution_id integer references institutions (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check (role = 'admin' or scope_area_code is not null or scope_institution_id is not null),
  check (role <> 'institution' or scope_institution_id is not null)
);

create table sessions (
  token_hash text primary key,          -- sha256 of the cookie value: a stolen table yields no sessions
  user_id integer not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table login_failures (
  username text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_key on login_failures (username, ip, at);

-- audit_log: created by the platform (platform/migrations/000_platform.sql).
