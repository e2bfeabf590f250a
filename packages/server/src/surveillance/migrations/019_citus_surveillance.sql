-- Citus-ready surveillance (issue 13 §6; conventions in registry/migrations/020_citus_registry.sql).

-- Like case_reports itself (see 004), the versions of a card and the institution of a stream source are
-- checked by the services: a correction may move a card to another county, which a county-keyed reference
-- would refuse, and a stream source's county is that of its area, not necessarily its institution's.
alter table case_report_versions drop constraint case_report_versions_case_id_fkey;
alter table stream_sources drop constraint stream_sources_institution_id_fkey;

-- Ids stay unique through their identity sequences; `where id = …` look-ups keep an index each.
alter table case_reports drop constraint case_reports_id_key;
create index case_reports_id on case_reports (id);
alter table surveillance_events drop constraint surveillance_events_id_key;
create index surveillance_events_id on surveillance_events (id);
alter table signals drop constraint signals_id_key;
create index signals_id on signals (id);

-- Event history is keyed within its county like the events it records.
alter table event_history drop constraint event_history_pkey;
alter table event_history add primary key (county_code, id);

comment on table disease_settings is 'citus: reference';
comment on table streams is 'citus: reference';
comment on table city_detector_settings is 'citus: reference';
comment on table case_reports is 'citus: distributed';
comment on table case_report_versions is 'citus: distributed';
comment on table stream_sources is 'citus: distributed';
comment on table stream_counts is 'citus: distributed';
comment on table surveillance_events is 'citus: distributed';
comment on table signals is 'citus: distributed';
comment on table event_history is 'citus: distributed';
comment on table case_counts is 'citus: distributed';
comment on table case_count_versions is 'citus: distributed';
-- The detection queue is claimed with FOR UPDATE SKIP LOCKED across all counties, which Citus runs only on
-- one node: it stays on the coordinator (it holds keys waiting for seconds, not history).
comment on table detection_queue is 'citus: local';
