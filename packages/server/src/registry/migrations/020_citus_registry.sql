-- Citus-ready registry (issue 13 §6; rules checked by test/citus-schema.test.ts, deployment in docs/scaling.md).
-- Every table says how a province deployment places it, in its comment: 'citus: distributed' (sharded by
-- county_code, co-located with every other distributed table), 'citus: reference' (small, replicated to every
-- node) or 'citus: local' (kept on the coordinator). A distributed table's primary and unique keys include
-- county_code and its foreign keys to other distributed tables go through county_code, so every key check
-- stays inside one shard.

-- Yearly reports reach their institution within the county shard. An institution that moves county takes
-- its reports along (on a single PostgreSQL; on Citus a move is a delete and insert, see docs/scaling.md).
alter table institution_resources drop constraint institution_resources_institution_id_fkey;
alter table institution_resources add constraint institution_resources_institution_fkey
  foreign key (county_code, institution_id) references institutions (county_code, id) on update cascade;

-- The foreign keys of other modules on institutions (id) went in 019 (identity's users, surveillance's stream
-- sources).
-- institutions: the id stays unique through its identity sequence; `where id = …` look-ups keep an index.
alter table institutions drop constraint institutions_id_key;
create index institutions_id on institutions (id);

-- A 统一社会信用代码 is unique nationally; the database keeps it unique per county (what a shard can check)
-- and the institution service refuses a code already held anywhere before writing.
drop index institutions_uscc;
create unique index institutions_uscc on institutions (county_code, uscc) where uscc is not null;

comment on table areas is 'citus: reference';
comment on table networks is 'citus: reference';
comment on table settings is 'citus: reference';
comment on table institutions is 'citus: distributed';
comment on table institution_resources is 'citus: distributed';
comment on table area_population is 'citus: distributed';
comment on table area_fact_totals is 'citus: distributed';
comment on table area_institution_counts is 'citus: distributed';
comment on table area_fact_versions is 'citus: distributed';
