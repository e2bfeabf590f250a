-- Keyset pagination of the planning lists (plans-repo.ts, indicator-values-repo.ts): an index on each list's
-- order (region, latest period first, id; indicator, area, year), so a page starts with an index range scan
-- at the previous page's last key.
create index plans_by_region on plans (region_code, period_start desc, id);
create index indicator_values_by_indicator on indicator_values (indicator_code, area_code, year);
