-- What a work list needs of each enrolment's follow-ups, stored where one index probe finds it (helper H3,
-- issue 15 §5: a doctor's list p95 < 50 ms). Per enrolment: the latest follow-up of its programme dated on or
-- after its start (date, the next due date the rules proposed, classification, mode, urgency) and the latest
-- face-to-face one (whether this quarter had one is then a comparison with the quarter's start, not a probe).
-- The list used to find both by a backward step over care_followups per enrolment and a second probe for the
-- quarter's face-to-face visit; with ~1,000 enrolments per doctor those probes were most of the list's time.
--
-- Maintained in the writing transaction by statement-level triggers (transition tables), so single saves,
-- edits, deletes, merges (which move follow-ups and enrolments to the surviving record) and bulk COPY imports
-- all keep it exact: each statement recomputes the enrolments of the (county, resident, programme) triples it
-- touched. The work list still checks the dates against today: a follow-up dated after today (not accepted by
-- the API, but possible in a database) makes it fall back to reading care_followups for that enrolment.
create table care_enrolment_state (
  county_code text not null,
  enrolment_id bigint not null,
  last_date date,
  last_next_due date,
  last_class text,
  last_mode text,
  last_urgent boolean,
  last_f2f date,
  primary key (county_code, enrolment_id)
);
comment on table care_enrolment_state is 'citus: distributed';

-- The probes below (and the work list's fallback) walk one enrolment's follow-ups newest first. This index
-- matches their order exactly, so the planner takes it over care_followups_date (county, program, date), which
-- it otherwise may pick when statistics are stale — in the trigger of a bulk load into fresh tables, where that
-- path reads every follow-up of the programme per enrolment (a 1,000-patient load took minutes, not a second).
create index care_followups_latest on care_followups (county_code, resident_id, program, date desc, id desc);

-- The recompute of every enrolment of some (county, resident, programme) triples, given as a query's rows.
create function care_enrolment_state_refresh(triples jsonb) returns void language sql as $$
  with k as (
    select distinct x->>0 as county_code, (x->>1)::bigint as resident_id, x->>2 as program
      from jsonb_array_elements(triples) x
  )
  insert into care_enrolment_state as s
         (county_code, enrolment_id, last_date, last_next_due, last_class, last_mode, last_urgent, last_f2f)
  select e.county_code, e.id, f.date, f.next_due, f.classification, f.mode, f.urgent,
         (select p.date from care_followups p
           where p.county_code = e.county_code and p.resident_id = e.resident_id and p.program = e.program
             and p.date >= e.start_date and p.mode <> 'phone'
           order by p.date desc, p.id desc limit 1)
    from k
    join care_enrolments e on e.county_code = k.county_code and e.resident_id = k.resident_id and e.program = k.program
    left join lateral (
      select date, next_due, classification, mode, urgent from care_followups f
       where f.county_code = e.county_code and f.resident_id = e.resident_id and f.program = e.program
         and f.date >= e.start_date
       order by f.date desc, f.id desc limit 1) f on true
  on conflict (county_code, enrolment_id) do update set
    last_date = excluded.last_date, last_next_due = excluded.last_next_due, last_class = excluded.last_class,
    last_mode = excluded.last_mode, last_urgent = excluded.last_urgent, last_f2f = excluded.last_f2f
$$;

create function care_enrolment_state_followups() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform care_enrolment_state_refresh(
      (select jsonb_agg(distinct jsonb_build_array(county_code, resident_id, program)) from new_rows));
  elsif tg_op = 'DELETE' then
    perform care_enrolment_state_refresh(
      (select jsonb_agg(distinct jsonb_build_array(county_code, resident_id, program)) from old_rows));
  else
    perform care_enrolment_state_refresh(
      (select jsonb_agg(distinct t) from (
         select jsonb_build_array(county_code, resident_id, program) as t from new_rows
         union all
         select jsonb_build_array(county_code, resident_id, program) from old_rows) u));
  end if;
  return null;
end $$;

create trigger care_followups_state_ins after insert on care_followups
  referencing new table as new_rows for each statement execute function care_enrolment_state_followups();
create trigger care_followups_state_upd after update on care_followups
  referencing old table as old_rows new table as new_rows for each statement execute function care_enrolment_state_followups();
create trigger care_followups_state_del after delete on care_followups
  referencing old table as old_rows for each statement execute function care_enrolment_state_followups();

-- An enrolment's own row: created with it (its follow-ups may predate it: an enrolment backdated after visits
-- were recorded, or an import that loads follow-ups first), recomputed when its start, resident or programme
-- change, removed with it.
create function care_enrolment_state_enrolments() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from care_enrolment_state s using old_rows o
     where s.county_code = o.county_code and s.enrolment_id = o.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform care_enrolment_state_refresh(
      (select jsonb_agg(distinct jsonb_build_array(county_code, resident_id, program)) from new_rows));
  end if;
  return null;
end $$;

create trigger care_enrolments_state_ins after insert on care_enrolments
  referencing new table as new_rows for each statement execute function care_enrolment_state_enrolments();
create trigger care_enrolments_state_upd after update on care_enrolments
  referencing old table as old_rows new table as new_rows for each statement execute function care_enrolment_state_enrolments();
create trigger care_enrolments_state_del after delete on care_enrolments
  referencing old table as old_rows for each statement execute function care_enrolment_state_enrolments();

-- Backfill.
insert into care_enrolment_state
       (county_code, enrolment_id, last_date, last_next_due, last_class, last_mode, last_urgent, last_f2f)
select e.county_code, e.id, f.date, f.next_due, f.classification, f.mode, f.urgent,
       (select p.date from care_followups p
         where p.county_code = e.county_code and p.resident_id = e.resident_id and p.program = e.program
           and p.date >= e.start_date and p.mode <> 'phone'
         order by p.date desc, p.id desc limit 1)
  from care_enrolments e
  left join lateral (
    select date, next_due, classification, mode, urgent from care_followups f
     where f.county_code = e.county_code and f.resident_id = e.resident_id and f.program = e.program
       and f.date >= e.start_date
     order by f.date desc, f.id desc limit 1) f on true;
