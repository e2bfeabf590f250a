-- Detector settings per city (issue 12, section 6): a city's administrator tunes the diseases and streams of
-- its own city without changing the platform default the other cities run on. A row holds only the fields the
-- city set (thresholds, detector and parameters, area level, frequency, silence, enabled); everything else,
-- and every field the city never set, comes from the platform default (disease_settings, streams).
create table city_detector_settings (
  city_code text not null,                             -- the city (4-digit division code) the override governs
  kind text not null check (kind in ('disease', 'stream')),
  code text not null,                                  -- disease_settings.code or streams.code
  settings jsonb not null default '{}',
  version integer not null default 1,                  -- optimistic concurrency, as the city read it
  updated_at timestamptz not null default now(),
  primary key (city_code, kind, code)
);
