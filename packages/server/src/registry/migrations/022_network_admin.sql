-- Administration of networks and institutions from the web: networks are edited with optimistic
-- concurrency like every other record, and a closed institution keeps why it was closed (撤销原因) beside
-- its closing date; it stays in the registry and in history.
alter table networks add column version integer not null default 1;
alter table networks add column updated_at timestamptz not null default now();
alter table institutions add column closed_reason text;
