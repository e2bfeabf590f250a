-- The access context (issue 17): road networks per city, their lines, editable speed profiles and saved
-- placement scenarios. A network is imported whole and never edited: a new import (or the demo's synthetic
-- network) is written in one transaction and becomes the city's current network only then, so a reader sees
-- the old network or the new one, never a part. The app reads a network's lines once per network and profile
-- version into an in-memory graph.

create table road_networks (
  id integer generated always as identity primary key,
  -- The city (4 digits) whose network this is; one current network per city.
  city_code text not null,
  name text not null,
  source text not null check (source in ('osm-pbf', 'osm-xml', 'geojson', 'synthetic')),
  -- The speed profile the travel times use by default (drive or walk).
  profile text not null default 'drive',
  synthetic boolean not null default false,
  is_current boolean not null default false,
  lines integer not null,
  points integer not null,
  -- Bounding box of every coordinate (for the map's first view).
  min_lng double precision not null,
  min_lat double precision not null,
  max_lng double precision not null,
  max_lat double precision not null,
  file_name text,
  created_by text,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create unique index road_networks_current on road_networks (city_code) where is_current;
create index road_networks_city on road_networks (city_code, id desc);

-- The lines of a network in chunks of packed binary (network-codec.ts: coordinates as float64 pairs, class,
-- one-way flag, maxspeed): a 200,000-line network is ~100 rows, written and read in one statement each.
create table road_network_chunks (
  network_id integer not null references road_networks (id) on delete cascade,
  chunk integer not null,
  lines integer not null,
  payload bytea not null,
  primary key (network_id, chunk)
);

-- Speed profiles as edited by the commission: km/h per OSM highway class over core's defaults
-- (DRIVE_PROFILE, WALK_PROFILE). Absent: the defaults. Every edit bumps version, which keys the graphs.
create table access_profiles (
  name text primary key check (name in ('drive', 'walk')),
  speeds jsonb not null,
  default_kmh double precision not null check (default_kmh > 0),
  offroad_kmh double precision not null check (offroad_kmh > 0),
  version integer not null default 1,
  updated_by text,
  updated_at timestamptz not null default now()
);

-- Saved placement results (LSCP, MCLP, p-median), optionally next to a plan (planning's plan id; no
-- foreign key across modules).
create table access_scenarios (
  id integer generated always as identity primary key,
  area_code text not null,
  plan_id integer,
  name text not null,
  model text not null check (model in ('lscp', 'mclp', 'pmedian')),
  network_id integer not null,
  params jsonb not null,
  result jsonb not null,
  created_by text,
  created_at timestamptz not null default now()
);
create index access_scenarios_area on access_scenarios (area_code, id desc);
create index access_scenarios_plan on access_scenarios (plan_id) where plan_id is not null;

-- Road networks are read by the app server into memory, once per version: a network's lines stay on the
-- coordinator rather than being copied to every worker node; profiles and scenarios are small.
comment on table road_networks is 'citus: local';
comment on table road_network_chunks is 'citus: local';
comment on table access_profiles is 'citus: reference';
comment on table access_scenarios is 'citus: reference';
