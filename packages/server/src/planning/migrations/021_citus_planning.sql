-- Citus-ready planning (issue 13 §6; conventions in registry/migrations/020_citus_registry.sql). Plans and
-- their tables are small and read with every county's facts (see 003): reference tables. Indicator values
-- grow with areas × indicators × years and are distributed by county_code, already in their key.
comment on table plans is 'citus: reference';
comment on table plan_versions is 'citus: reference';
comment on table plan_indicators is 'citus: reference';
comment on table plan_indicator_area_targets is 'citus: reference';
comment on table standards is 'citus: reference';
comment on table standard_params is 'citus: reference';
comment on table plan_tasks is 'citus: reference';
comment on table plan_task_updates is 'citus: reference';
comment on table indicator_values is 'citus: distributed';
