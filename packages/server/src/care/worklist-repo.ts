// The SQL of work lists: which residents a doctor, team, institution or township looks after today, with what
// the schedules need of each — their open enrolments with the latest follow-up of each (its stored next_due,
// classification, urgency) and whether a face-to-face one happened this quarter, the latest complete elderly
// check and child check, and a maternal enrolment's visits. One statement; the due dates come from core's
// schedules over these facts (worklist-service.ts). The follow-up facts come from care_enrolment_state
// (migration 031, kept by triggers): one primary-key probe per enrolment instead of a search of its follow-ups.
import type { Queryable } from '../platform/db.ts';

/** Where a list starts: one of these, the others narrowing it. */
export type WorklistSource =
  | { kind: 'doctor'; userId: number }
  | { kind: 'team'; teamId: number; countyCode: string }
  | { kind: 'institution'; institutionId: number; countyCode: string }
  | { kind: 'township'; code: string; countyCode: string };

export interface WorklistEnrolmentFacts {
  id: number;
  program: string;
  start: string;
  lmp: string | null;
  delivery: string | null;
  doctor: number | null;
  lastDate: string | null;
  lastNextDue: string | null;
  lastClass: string | null;
  lastMode: string | null;
  urgent: boolean | null;
  /** A face-to-face follow-up since the quarter's start (and the enrolment's). */
  f2f: boolean | null;
  /** Maternal enrolments: the prenatal/postpartum checks since the LMP (or enrolment). */
  mchecks: { type: string; date: string }[] | null;
}

export interface WorklistResidentFacts {
  countyCode: string;
  id: number;
  name: string;
  sex: string;
  birthDate: string;
  areaCode: string;
  idMasked: string | null;
  phoneMasked: string | null;
  enrolments: WorklistEnrolmentFacts[] | null;
  lastElderly: string | null;
  lastChild: string | null;
}

/**
 * The residents of a source alive and present today (`whole` = every enrolment of theirs is the source's: a
 * contracted team's, a keeper's, a township's; otherwise only the enrolments the doctor or institution holds).
 */
function candidates(source: WorklistSource, bind: (v: unknown) => string, today: string): string {
  const live = `start_date <= ${today} and (end_date is null or end_date >= ${today})`;
  const contracted = `not c.cancelled and c.start_date <= ${today} and c.end_date >= ${today}`;
  switch (source.kind) {
    case 'doctor': {
      const u = bind(source.userId);
      return `select county_code, resident_id, false as whole from care_enrolments
               where doctor_user_id = ${u} and ${live}
              union all
              select c.county_code, c.resident_id, true from care_team_members m
                join care_contracts c on c.county_code = m.county_code and c.team_id = m.team_id
               where m.user_id = ${u} and ${contracted}
              union all
              select c.county_code, c.resident_id, true from care_teams t
                join care_contracts c on c.county_code = t.county_code and c.team_id = t.id
               where t.lead_user_id = ${u} and ${contracted}`;
    }
    case 'team':
      return `select c.county_code, c.resident_id, true as whole from care_contracts c
               where c.county_code = ${bind(source.countyCode)} and c.team_id = ${bind(source.teamId)} and ${contracted}`;
    case 'institution': {
      const county = bind(source.countyCode);
      const i = bind(source.institutionId);
      return `select county_code, id as resident_id, true as whole from care_residents
               where county_code = ${county} and keeper_institution_id = ${i}
              union all
              select county_code, resident_id, false from care_enrolments
               where institution_id = ${i} and county_code = ${county} and ${live}`;
    }
    case 'township':
      return `select county_code, id as resident_id, true as whole from care_residents
               where county_code = ${bind(source.countyCode)} and township_code = ${bind(source.code)}
                 and merged_into is null`;
  }
}

/** The enrolments a non-whole resident contributes: those the doctor or institution holds. */
function heldBy(source: WorklistSource, bind: (v: unknown) => string): string {
  if (source.kind === 'doctor') return `e.doctor_user_id = ${bind(source.userId)}`;
  if (source.kind === 'institution') return `e.institution_id = ${bind(source.institutionId)}`;
  return 'false';
}

export async function worklistFacts(
  q: Queryable,
  source: WorklistSource,
  opts: { today: string; quarterStart: string; areaPrefix: string | null; elderlyBorn: string; childBorn: string },
): Promise<WorklistResidentFacts[]> {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const today = `${bind(opts.today)}::date`;
  const qStart = `${bind(opts.quarterStart)}::date`;
  const area = bind(opts.areaPrefix);
  const elderlyBorn = `${bind(opts.elderlyBorn)}::date`;
  const childBorn = `${bind(opts.childBorn)}::date`;
  const stale = `(s.enrolment_id is null or s.last_date > ${today})`;
  const sql = `
    with cand as (${candidates(source, bind, today)}),
    res as (
      select r.county_code, r.id, r.name, r.sex, r.birth_date, r.area_code, r.id_masked, r.phone_masked, c.whole
        from (select county_code, resident_id, bool_or(whole) as whole from cand group by 1, 2) c
        join care_residents r on r.county_code = c.county_code and r.id = c.resident_id
       where r.merged_into is null
         and (r.death_date is null or r.death_date > ${today})
         and (r.moved_out is null or r.moved_out > ${today})
         and (${area}::text is null or r.area_code like ${area}::text || '%')
    )
    select res.county_code as "countyCode", res.id, res.name, res.sex,
           to_char(res.birth_date, 'YYYY-MM-DD') as "birthDate", res.area_code as "areaCode",
           res.id_masked as "idMasked", res.phone_masked as "phoneMasked",
           (select json_agg(json_build_object(
                     'id', e.id, 'program', e.program, 'start', e.start_date, 'lmp', e.lmp,
                     'delivery', e.delivery_date, 'doctor', e.doctor_user_id,
                     'lastDate', case when ${stale} then f.date else s.last_date end,
                     'lastNextDue', case when ${stale} then f.next_due else s.last_next_due end,
                     'lastClass', case when ${stale} then f.classification else s.last_class end,
                     'lastMode', case when ${stale} then f.mode else s.last_mode end,
                     'urgent', case when ${stale} then f.urgent else s.last_urgent end,
                     'f2f', case when ${stale} then g.x else s.last_f2f >= greatest(${qStart}, e.start_date) end,
                     'mchecks', case when e.program = 'maternal' then
                       (select json_agg(json_build_object('type', k.type, 'date', k.date))
                          from care_checks k
                         where k.county_code = e.county_code and k.resident_id = e.resident_id
                           and k.type in ('prenatal', 'postpartum', 'postpartum-42')
                           and k.date >= coalesce(e.lmp, e.start_date)) end))
              from care_enrolments e
              left join care_enrolment_state s on s.county_code = e.county_code and s.enrolment_id = e.id
              -- The stored state is exact unless a follow-up is dated after today (then the latest one as of today
              -- is read from care_followups) or the row is missing; the ${stale} test is a one-time filter of each
              -- probe below, so with the state fresh they do not run.
              left join lateral (
                select date, next_due, classification, mode, urgent from care_followups f
                 where ${stale}
                   and f.county_code = e.county_code and f.resident_id = e.resident_id and f.program = e.program
                   and f.date >= e.start_date and f.date <= ${today}
                 order by f.date desc, f.id desc limit 1) f on true
              -- Only a phone call as the latest visit leaves open whether the quarter had a face-to-face one.
              left join lateral (
                select true as x from care_followups p
                 where ${stale} and f.mode = 'phone'
                   and p.county_code = e.county_code and p.resident_id = e.resident_id
                   and p.program = e.program and p.date >= greatest(${qStart}, e.start_date) and p.date <= ${today}
                   and p.mode <> 'phone'
                 limit 1) g on true
             where e.county_code = res.county_code and e.resident_id = res.id
               and e.start_date <= ${today} and (e.end_date is null or e.end_date >= ${today})
               and (res.whole or ${heldBy(source, bind)})) as enrolments,
           case when res.birth_date <= ${elderlyBorn} then
             (select to_char(max(k.date), 'YYYY-MM-DD') from care_checks k
               where k.county_code = res.county_code and k.resident_id = res.id and k.type = 'elderly-annual'
                 and k.complete and k.date <= ${today}) end as "lastElderly",
           case when res.birth_date > ${childBorn} then
             (select to_char(max(k.date), 'YYYY-MM-DD') from care_checks k
               where k.county_code = res.county_code and k.resident_id = res.id and k.type = 'child'
                 and k.date <= ${today}) end as "lastChild"
      from res`;
  const { rows } = await q.query<WorklistResidentFacts>(sql, params);
  return rows;
}
