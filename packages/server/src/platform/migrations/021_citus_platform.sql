-- Citus-ready platform tables (issue 13 §6; conventions in registry/migrations/020_citus_registry.sql). The
-- audit log is append-only and read by administrators only: it stays on the coordinator, which takes part in
-- every writing transaction anyway (see docs/scaling.md).
comment on table audit_log is 'citus: local';
comment on table schema_migrations is 'citus: local';
