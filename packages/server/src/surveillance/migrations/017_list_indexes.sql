-- Keyset pagination of the surveillance lists (cases-repo.ts, signals-repo.ts, events-repo.ts,
-- streams-repo.ts): one index per list order, on the same terms the list orders and compares by, ending in
-- the unique key, so a page starts with an index range scan at the previous page's last key instead of
-- reading and discarding every earlier row. County users' card lists keep a county-led index, now ending in
-- the id like the order.
create index case_reports_by_reported on case_reports (reported_at, id);
drop index case_reports_reported;
create index case_reports_county_reported on case_reports (county_code, reported_at, id);
create index signals_by_period on signals (period_end, id);
create index surveillance_events_by_latest on surveillance_events (last_date, risk_level, id);
create index stream_sources_by_overdue on stream_sources (last_date, stream_code, source_name, county_code, source_key);
