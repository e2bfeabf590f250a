-- Surveillance: disease settings, case reports (传染病报告卡) with protected identifiers and history,
-- syndromic streams, signals, fused events and their response history. Large tables carry county_code
-- (the future Citus distribution key) in their primary key.

create table disease_settings (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  icd10 text,
  class text not null check (class in ('A', 'B', 'B-A', 'C', 'local')),
  deadline_hours smallint not null check (deadline_hours > 0),
  immediate boolean not null default false,      -- one case → immediate signal
  cluster_cases smallint check (cluster_cases > 0), -- ≥ N cases in one school/village …
  cluster_days smallint check (cluster_days > 0),   -- … within D days → signal
  algorithm text not null,
  params jsonb not null default '{}',
  area_level text not null check (area_level in ('county', 'township')),
  frequency text not null check (frequency in ('day', 'week')),
  syndrome text not null,                           -- fusion group: respiratory, gastrointestinal, rash, or the code
  enabled boolean not null default true,
  builtin boolean not null default true,            -- seeded from core; false for locally added diseases
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

-- No foreign keys on case_reports, on purpose: the ingestion service checks every card's area, institution
-- and disease against the registry and the disease settings (it must read them anyway to validate scope and
-- deadlines), and per-row referential triggers cost ~60% of bulk-load time on the embedded database.
-- Areas and disease settings are never deleted (validity periods, `enabled`); the demo reset removes case
-- reports before the synthetic institutions they name.
create table case_reports (
  id bigint generated always as identity,
  county_code text not null,                       -- county of the current address (现住址)
  township_code text not null,
  address_code text not null,                      -- areas.code (village or township)
  institution_id integer not null,                 -- institutions.id, the reporting institution
  client_report_id text not null,
  disease_code text not null,                      -- disease_settings.code
  classification text not null check (classification in ('suspected', 'clinical', 'confirmed', 'carrier')),
  patient_name text not null,
  parent_name text,
  -- 身份证号 and phone: AES-256-GCM ciphertext (v1.iv.tag.ct, base64), keyed HMAC for matching (person_hmac,
  -- phone_hmac), mask for lists.
  citizen_id_enc text,
  citizen_id_masked text,
  phone_enc text,
  phone_hmac text,
  phone_masked text,
  -- Same person for duplicate checks and ID lookups: HMAC of the ID number, or of name + birth date/age + sex
  -- + township when there is none (one digest column serves both, which keeps bulk inserts lean).
  person_hmac text not null,
  sex text not null check (sex in ('male', 'female')),
  birth_date date,
  age_years smallint,
  occupation text not null,
  workplace text,
  address_text text,
  onset_date date not null,
  diagnosis_at timestamptz not null,
  reported_at timestamptz not null,
  death_date date,
  doctor_name text not null,
  remarks text,
  report_delay_minutes integer not null,
  timely boolean not null,
  duplicate_of bigint,                             -- probable duplicate of this earlier report (flag, not a rejection)
  deleted boolean not null default false,
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (county_code, id),
  unique (id)
);
-- Idempotent submission. Not county-keyed: an institution's report ids are unique whatever address they
-- carry; a Citus deployment would keep this key in a small reference table.
create unique index case_reports_client_id on case_reports (institution_id, client_report_id);
create index case_reports_series on case_reports (disease_code, county_code, onset_date) where not deleted;
create index case_reports_township on case_reports (township_code, disease_code, onset_date) where not deleted;
create index case_reports_person on case_reports (person_hmac, disease_code);
create index case_reports_reported on case_reports (county_code, reported_at desc);

-- Every correction (订正) and deletion keeps the card as it was and why it changed.
create table case_report_versions (
  county_code text not null,
  case_id bigint not null references case_reports (id),
  version integer not null,
  action text not null check (action in ('correct', 'delete', 'restore')),
  reason text not null,
  changed_at timestamptz not null default now(),
  user_id integer,
  username text,
  before jsonb not null,                            -- the stored row (identifiers still encrypted)
  primary key (county_code, case_id, version)
);

create table streams (
  code text primary key,
  name_zh text not null,
  name_en text not null,
  kind text not null check (kind in ('fever-clinic', 'intestinal-clinic', 'pharmacy', 'school-absenteeism', 'custom')),
  unit text not null default '人次',
  algorithm text not null default 'ears-c2',
  params jsonb not null default '{}',
  area_level text not null default 'township' check (area_level in ('county', 'township')),
  silent_days smallint not null default 3 check (silent_days > 0), -- no data this many days past the usual cadence → source-silent
  syndrome text not null,                           -- fusion group shared with diseases (or the stream's own code)
  enabled boolean not null default true,
  builtin boolean not null default false,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

create table stream_sources (
  county_code text not null,
  stream_code text not null references streams (code),
  source_key text not null,                         -- 'inst:<id>' or 'name:<area code>:<name>' (007 re-keyed the older 'name:<name>')
  institution_id integer references institutions (id),
  source_name text not null,
  area_code text not null references areas (code),
  township_code text not null,
  first_date date not null,
  last_date date not null,
  report_days integer not null default 0,
  primary key (county_code, stream_code, source_key)
);

create table stream_counts (
  county_code text not null,
  stream_code text not null,
  source_key text not null,
  township_code text not null,
  date date not null,
  count integer not null check (count >= 0),
  denominator integer check (denominator >= 0),
  updated_at timestamptz not null default now(),
  primary key (county_code, stream_code, source_key, date)
);
create index stream_counts_series on stream_counts (stream_code, township_code, date);

create table surveillance_events (
  id bigint generated always as identity,
  county_code text not null,
  area_code text not null,
  area_level text not null check (area_level in ('county', 'township')),
  syndrome text not null,
  first_date date not null,
  last_date date not null,
  risk_score double precision not null,
  risk_level smallint not null check (risk_level between 1 and 4),
  explanation jsonb not null,
  state text not null default 'pending'
    check (state in ('pending', 'verifying', 'excluded', 'suspected', 'investigating', 'confirmed', 'closed', 'merged')),
  merged_into bigint,
  assignee_id integer references users (id),
  verify_deadline timestamptz not null,
  verified_at timestamptz,
  closed_at timestamptz,
  emergency_level smallint check (emergency_level between 1 and 4), -- 突发公共卫生事件 I–IV
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (county_code, id),
  unique (id)
);
create index surveillance_events_open on surveillance_events (county_code, last_date) where state not in ('excluded', 'closed', 'merged');
create index surveillance_events_created on surveillance_events (created_at desc);

create table signals (
  id bigint generated always as identity,
  county_code text not null,
  area_code text not null,
  area_level text not null check (area_level in ('county', 'township')),
  source text not null check (source in ('case', 'fixed', 'cluster', 'stream', 'silent')),
  category text not null,
  subject text not null,                            -- disease code or stream code
  place text not null default '',                   -- school/village of a cluster, source of a silent stream
  frequency text not null check (frequency in ('day', 'week')),
  period_start date not null,
  period_end date not null,
  observed double precision not null,
  expected double precision,
  upperbound double precision,
  algorithm text not null,
  params jsonb not null default '{}',
  detail jsonb not null default '{}',
  immediate boolean not null default false,
  event_id bigint,
  created_at timestamptz not null default now(),
  primary key (county_code, id),
  unique (id),
  -- Re-running detection over the same period does not duplicate signals.
  unique (county_code, source, subject, area_code, place, frequency, period_start, algorithm)
);
create index signals_event on signals (event_id);
create index signals_period on signals (county_code, period_end desc);

create table event_history (
  id bigint generated always as identity primary key,
  county_code text not null,
  event_id bigint not null,
  at timestamptz not null default now(),
  user_id integer,
  username text,
  action text not null,                             -- created, signal, assign, transition, note, merged
  from_state text,
  to_state text,
  note text,
  detail jsonb
);
create index event_history_event on event_history (event_id, at);
