-- Detection decoupled from submission (issue 13): the series a stored card (or stream count, correction,
-- deletion) touched wait here for the background worker (detection-worker.ts). A row is written in the same
-- transaction as the data, so an acknowledged card always has its key queued, across a crash.
--
-- One row per key (disease or stream × county): a new card of a pending key widens its day range instead of
-- adding a row (`on conflict do update`), so a burst of 50 cards of one key costs one engine run. `gen` counts
-- those merges: a worker that ran the key deletes the row only when `gen` is still the one it claimed; a card
-- merged in during the run leaves the row for the next round.
--
-- Claims are leases (`claimed_by`, `claimed_until`), taken with `for update skip locked`, so several app servers
-- on one PostgreSQL never run a key twice at once; a lease left by a server that died runs out and the key is
-- claimed again (re-running a key is idempotent: signals are unique per source × subject × area × period).
create table detection_queue (
  county_code text not null,                           -- the county whose series are re-evaluated
  kind text not null check (kind in ('case', 'stream')),
  subject text not null,                               -- disease code (case) or stream code (stream)
  from_date date not null,                             -- earliest day (onset or count date) to re-evaluate
  to_date date not null,                               -- latest day
  gen integer not null default 1,                      -- merges since queued (see above)
  items integer not null default 1,                    -- cards or counts behind the key (operators' view)
  queued_at timestamptz not null default now(),
  claimed_by text,                                     -- the worker holding the lease, null when free
  claimed_gen integer,                                 -- gen when claimed
  claimed_until timestamptz,
  primary key (county_code, kind, subject)
);

create index detection_queue_free on detection_queue (queued_at);
