-- The care context (基本公共卫生服务, 家庭医生签约): one person index per county, health-record content,
-- family-doctor teams and contracts, programme enrolments, follow-ups and checks, and who opened a record.
-- Every table carries county_code (the Citus distribution key) in its primary key; ids come from one
-- identity sequence per table, unique across counties.

create table care_residents (
  county_code text not null,
  id bigint generated always as identity,
  -- The id a source system gave the person (NDJSON "id", a 基本公卫 system's 档案编号); unique per county.
  external_id text,
  name text not null,
  sex text not null check (sex in ('M', 'F')),
  birth_date date not null,
  -- 12-digit village/community code (统计用区划代码) of the address; township_code = its first 9 digits.
  area_code text not null,
  township_code text not null,
  household text,
  residence text not null default 'resident' check (residence in ('resident', 'registered', 'both')),
  -- 身份证号 and phone: AES-256-GCM ciphertext, keyed HMAC for look-ups and duplicates, mask for lists
  -- (platform/protect.ts), as case reports keep them.
  id_enc text,
  id_hmac text,
  id_masked text,
  phone_enc text,
  phone_hmac text,
  phone_masked text,
  -- 建档: the date the health record was established and the institution that keeps it; null = no record.
  established date,
  keeper_institution_id bigint,
  death_date date,
  moved_out date,
  -- A duplicate merged into another record of the same person points at the survivor and no longer counts.
  merged_into bigint,
  disabled boolean not null default false,
  poor boolean not null default false,
  -- Basic record content (基本公卫规范 个人基本信息表): histories and allergies as entered.
  history text,
  allergies text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (county_code, id)
);
create unique index care_residents_person on care_residents (county_code, id_hmac)
  where id_hmac is not null and merged_into is null;
create unique index care_residents_external on care_residents (county_code, external_id) where external_id is not null;
create index care_residents_area on care_residents (county_code, area_code);
create index care_residents_phone on care_residents (county_code, phone_hmac) where phone_hmac is not null;
create index care_residents_name on care_residents (county_code, name);

-- Chronic conditions (ICD-10) of a record.
create table care_conditions (
  county_code text not null,
  resident_id bigint not null,
  icd10 text not null,
  name text,
  diagnosed date,
  primary key (county_code, resident_id, icd10)
);

-- Family-doctor teams (家庭医生团队) of an institution; members may be platform users (their work lists).
create table care_teams (
  county_code text not null,
  id bigint generated always as identity,
  -- The team's code in a source system (NDJSON contract "team"); unique per county.
  code text not null,
  institution_id bigint not null,
  name text not null,
  lead_name text not null,
  lead_user_id bigint,
  closed boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (county_code, id),
  unique (county_code, code)
);

create table care_team_members (
  county_code text not null,
  team_id bigint not null,
  seq int not null,
  name text not null,
  user_id bigint,
  duty text not null default 'doctor' check (duty in ('doctor', 'nurse', 'public-health', 'village-doctor', 'other')),
  primary key (county_code, team_id, seq)
);
create index care_team_members_user on care_team_members (user_id) where user_id is not null;

-- Service packages (签约服务包) a county offers.
create table care_packages (
  county_code text not null,
  id bigint generated always as identity,
  code text not null,
  name text not null,
  fee_yuan numeric(10, 2),
  description text,
  primary key (county_code, id),
  unique (county_code, code)
);

-- Contracts (签约): a resident with a team for a period; a renewal is a new contract pointing at the old one.
create table care_contracts (
  county_code text not null,
  id bigint generated always as identity,
  resident_id bigint not null,
  team_id bigint not null,
  package_id bigint,
  start_date date not null,
  end_date date not null check (end_date >= start_date),
  renewed_from bigint,
  cancelled boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (county_code, id)
);
create index care_contracts_resident on care_contracts (county_code, resident_id, end_date);
create index care_contracts_team on care_contracts (county_code, team_id, end_date);

-- Programme enrolments (纳入管理): hypertension, diabetes, severe mental disorder, TB, maternal, child.
create table care_enrolments (
  county_code text not null,
  id bigint generated always as identity,
  resident_id bigint not null,
  program text not null check (program in ('hypertension', 'diabetes', 'smd', 'tb', 'maternal', 'child')),
  start_date date not null,
  end_date date check (end_date is null or end_date >= start_date),
  -- The institution managing the patient and the doctor whose work list holds them.
  institution_id bigint,
  doctor_user_id bigint,
  -- Maternal care: last menstrual period (weeks of pregnancy) and delivery date.
  lmp date,
  delivery_date date,
  created_at timestamptz not null default now(),
  primary key (county_code, id)
);
create index care_enrolments_resident on care_enrolments (county_code, resident_id, program);
create index care_enrolments_program on care_enrolments (county_code, program, start_date);

-- Follow-ups (随访) of a programme.
create table care_followups (
  county_code text not null,
  id bigint generated always as identity,
  resident_id bigint not null,
  program text not null check (program in ('hypertension', 'diabetes', 'smd', 'tb', 'maternal', 'child')),
  date date not null,
  mode text not null check (mode in ('clinic', 'home', 'phone')),
  sbp smallint check (sbp is null or sbp between 40 and 300),
  dbp smallint check (dbp is null or dbp between 20 and 200),
  fbg numeric(4, 1) check (fbg is null or (fbg > 0 and fbg < 50)),
  weight_kg numeric(5, 1),
  height_cm numeric(4, 1),
  medication text,
  classification text check (classification in ('controlled', 'uncontrolled', 'adverse', 'complication')),
  -- What the rules (core/care) proposed and flagged when the follow-up was saved.
  next_due date,
  urgent boolean not null default false,
  referral_suggested boolean not null default false,
  institution_id bigint,
  doctor_user_id bigint,
  note text,
  created_at timestamptz not null default now(),
  primary key (county_code, id)
);
create index care_followups_resident on care_followups (county_code, resident_id, program, date);
create index care_followups_date on care_followups (county_code, program, date);

-- Checks that are not programme follow-ups: 老年人年度体检, child checks, prenatal/postpartum visits.
create table care_checks (
  county_code text not null,
  id bigint generated always as identity,
  resident_id bigint not null,
  type text not null check (type in ('elderly-annual', 'child', 'prenatal', 'postpartum', 'postpartum-42')),
  date date not null,
  complete boolean not null default true,
  institution_id bigint,
  doctor_user_id bigint,
  note text,
  created_at timestamptz not null default now(),
  primary key (county_code, id)
);
create index care_checks_resident on care_checks (county_code, resident_id, type, date);
create index care_checks_date on care_checks (county_code, type, date);

-- Every opening of a record by someone other than the resident (个人信息保护法: the resident sees this list).
create table care_record_openings (
  county_code text not null,
  id bigint generated always as identity,
  resident_id bigint not null,
  user_id bigint,
  username text not null,
  institution_id bigint,
  -- keeper / team / area (a county or city official) / treatment / referral / consultation
  basis text not null check (basis in ('keeper', 'team', 'area', 'treatment', 'referral', 'consultation')),
  opened_at timestamptz not null default now(),
  primary key (county_code, id)
);
create index care_record_openings_resident on care_record_openings (county_code, resident_id, opened_at desc);

comment on table care_residents is 'citus: distributed';
comment on table care_conditions is 'citus: distributed';
comment on table care_teams is 'citus: distributed';
comment on table care_team_members is 'citus: distributed';
comment on table care_packages is 'citus: distributed';
comment on table care_contracts is 'citus: distributed';
comment on table care_enrolments is 'citus: distributed';
comment on table care_followups is 'citus: distributed';
comment on table care_checks is 'citus: distributed';
comment on table care_record_openings is 'citus: distributed';
