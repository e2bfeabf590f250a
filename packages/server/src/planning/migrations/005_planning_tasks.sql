-- Resource configuration standards (资源配置标准) and a plan's key tasks and major projects (重点任务/重大项目).
--
-- Standards are defined in core (planning/standards/definitions.ts) and copied here at start, so the numbers a
-- region edits survive upgrades; standard_params holds a region's own numbers (荆门 7.5 beds per 1,000, 连州 6.56).
-- Both are small reference tables (replicated in a Citus deployment). Tasks hang off plans (reference tables
-- too) and are dropped with their plan.

create table standards (
  code text primary key,
  params jsonb not null,                 -- the default numbers in force (edited by an administrator)
  enabled boolean not null default true,
  version integer not null default 1,
  updated_by text,
  updated_at timestamptz not null default now()
);

create table standard_params (
  code text not null references standards (code) on delete cascade,
  region_code text not null references areas (code),
  params jsonb not null,
  note text,
  version integer not null default 1,
  updated_by text,
  updated_at timestamptz not null default now(),
  primary key (code, region_code)
);

create table plan_tasks (
  id integer generated always as identity primary key,
  plan_id integer not null references plans (id) on delete cascade,
  kind text not null default 'task' check (kind in ('task', 'project')),
  seq integer not null default 0,        -- order within the plan
  number text,                           -- numbering as written (四（三）6)
  section text,                          -- 领域/章节 heading it sits under
  title text not null,
  description text,
  lead_department text,                  -- 牵头单位
  departments text[] not null default '{}', -- 责任单位/配合单位
  area_code text references areas (code),
  county_code text,                      -- county-level ancestor of area_code (distribution-friendly filters)
  start_date date,
  due_date date,
  state text not null default 'not-started' check (state in ('not-started', 'in-progress', 'done', 'paused')),
  progress smallint not null default 0 check (progress between 0 and 100),
  milestones jsonb not null default '[]', -- [{title, due, done}]
  deliverables jsonb not null default '[]', -- [{quantity, unit, what, text, achieved?}]
  budget double precision,               -- 万元, projects
  synthetic boolean not null default false,
  version integer not null default 1,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index plan_tasks_plan on plan_tasks (plan_id, seq);

-- Progress notes (调度记录): append-only history of what was reported, by whom and when.
create table plan_task_updates (
  id integer generated always as identity primary key,
  task_id integer not null references plan_tasks (id) on delete cascade,
  at timestamptz not null default now(),
  username text,
  progress smallint check (progress between 0 and 100),
  state text,
  note text not null
);
create index plan_task_updates_task on plan_task_updates (task_id, at);
