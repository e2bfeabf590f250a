-- Planning: plans (规划) with versioned indicator tables, county-level target overrides, and reported
-- indicator values (see docs/architecture.md, "Planning").
--
-- Keys and Citus: plans and their indicator tables are small (a province holds a few hundred plans of ~30
-- indicators) and are read together with every county's facts, so in a distributed deployment they are
-- reference tables (replicated to every node) keyed by plan id; `county_code` on plans is informative
-- (the county-level region of a county plan, null for city and province plans). indicator_values grows
-- with areas × indicators × years and is distributed like the registry's facts: it carries county_code
-- (the area's county-level ancestor, or the area's own code above county level, so it is never null) and
-- every unique key includes it.

create table plans (
  id integer generated always as identity primary key,
  region_code text not null references areas (code),
  county_code text,                    -- county-level region of a county plan; null for city/province plans
  name text not null,
  period_start smallint not null check (period_start between 1949 and 2100),
  period_end smallint not null check (period_end between 1949 and 2100),
  baseline_year smallint not null check (baseline_year between 1949 and 2100),
  status text not null default 'active' check (status in ('draft', 'active', 'archived')),
  current_version integer not null default 1, -- the indicator table in force (plan_versions.version)
  version integer not null default 1,         -- optimistic concurrency of edits to the plan
  synthetic boolean not null default false,   -- demo data
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (period_end >= period_start),
  check (baseline_year <= period_start)
);
create index plans_region on plans (region_code);

-- A revised plan keeps its history: every revision is a new version with its own indicator rows.
create table plan_versions (
  plan_id integer not null references plans (id) on delete cascade,
  version integer not null check (version >= 1),
  note text,
  source_file text,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (plan_id, version)
);

create table plan_indicators (
  plan_id integer not null,
  version integer not null,
  seq integer not null check (seq >= 1),       -- position in the table, 1-based
  domain text,                                  -- 领域 as written
  name text not null,                           -- indicator name as written
  catalogue_code text,                          -- confirmed by a person; null = not linked
  match_confidence real,                        -- of the confirmed (or best) catalogue candidate
  unit text,
  baseline_text text not null default '',
  baseline double precision,
  target jsonb,                                 -- typed Target (wire format, with its text); null for —
  target_text text not null default '',
  target_source text not null default 'parsed' check (target_source in ('parsed', 'manual')),
  nature text check (nature in ('expected', 'binding')),
  direction text not null default 'neutral' check (direction in ('higher', 'lower', 'neutral')),
  primary key (plan_id, version, seq),
  foreign key (plan_id, version) references plan_versions (plan_id, version) on delete cascade
);
create index plan_indicators_catalogue on plan_indicators (catalogue_code);

-- Where a county's target differs from the plan's (a county plan under a city plan).
create table plan_indicator_area_targets (
  plan_id integer not null,
  version integer not null,
  seq integer not null,
  area_code text not null references areas (code),
  target jsonb,
  baseline double precision,
  primary key (plan_id, version, seq, area_code),
  foreign key (plan_id, version, seq) references plan_indicators (plan_id, version, seq) on delete cascade
);

-- Values of reported indicators (statistical yearbook, surveys, vital statistics…), one per area and year.
create table indicator_values (
  county_code text not null,
  area_code text not null references areas (code),
  indicator_code text not null,
  year smallint not null check (year between 1949 and 2100),
  value double precision not null,
  source text not null check (
    source in ('statistical-yearbook', 'survey', 'vital-statistics', 'administrative', 'import', 'manual')
  ),
  note text,
  synthetic boolean not null default false,
  updated_by text,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (county_code, area_code, indicator_code, year)
);
create index indicator_values_lookup on indicator_values (indicator_code, year, area_code);
