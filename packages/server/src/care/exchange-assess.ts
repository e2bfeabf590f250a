// Imported follow-ups get the 规范's assessment (classification, next due date, urgent and referral flags) as a
// follow-up saved on the form does (followups-service.ts): core's assessFollowup, in date order per resident and
// programme, each seeing the ones before it — the resident's stored follow-ups and the file's earlier lines —
// and the enrolment it falls in. Without it an imported patient had no next due date (never on a work list) and
// two uncontrolled visits in a row suggested no referral.
import { assessFollowup, type Classification, type FollowupMode, type Program } from '@weijian/core/care';
import type { Queryable } from '../platform/db.ts';

/** A resident reference resolved: in the file (index of its resident line) or stored (its id). */
export type Ref = { county: string; file: number } | { county: string; id: number };

export interface ImportedFollowup {
  ref: Ref;
  program: Program;
  date: string;
  mode: FollowupMode;
  sbp?: number | null;
  dbp?: number | null;
  fbg?: number | null;
  classification?: Classification | null;
  nextDue?: string | null;
  urgent?: boolean;
  referralSuggested?: boolean;
}

const keyOf = (ref: Ref, program: string) => `${ref.county}|${'file' in ref ? `f${ref.file}` : ref.id}|${program}`;

/** How many earlier follow-ups the rules look at (the latest decides "two consecutive uncontrolled"). */
const HISTORY = 3;

/** Sets each follow-up's assessment in place. Stored history is read in two queries, whatever the file's size. */
export async function assessImported(
  q: Queryable,
  followups: ImportedFollowup[],
  enrolments: readonly { ref: Ref; program: string; start: string }[],
): Promise<void> {
  if (!followups.length) return;
  const stored = new Map<string, { county: string; id: number }>();
  for (const f of followups) if ('id' in f.ref) stored.set(`${f.ref.county}|${f.ref.id}`, f.ref);
  const counties = [...stored.values()].map((r) => r.county);
  const ids = [...stored.values()].map((r) => r.id);

  const history = new Map<string, { date: string; classification: Classification | null }[]>();
  const starts = new Map<string, string[]>();
  for (const e of enrolments) {
    const k = keyOf(e.ref, e.program);
    starts.set(k, [...(starts.get(k) ?? []), e.start]);
  }
  if (ids.length) {
    const pairs = `select * from unnest($1::text[], $2::bigint[]) as p(county_code, resident_id)`;
    const [fu, en] = await Promise.all([
      q.query<{ county: string; id: number; program: string; date: string; classification: Classification | null }>(
        `select f.county_code as county, f.resident_id::float8 as id, f.program,
                to_char(f.date, 'YYYY-MM-DD') as date, f.classification
           from care_followups f join (${pairs}) p using (county_code, resident_id)
          order by f.date, f.id`,
        [counties, ids],
      ),
      q.query<{ county: string; id: number; program: string; start: string }>(
        `select e.county_code as county, e.resident_id::float8 as id, e.program,
                to_char(e.start_date, 'YYYY-MM-DD') as start
           from care_enrolments e join (${pairs}) p using (county_code, resident_id)`,
        [counties, ids],
      ),
    ]);
    for (const r of fu.rows) {
      const k = keyOf({ county: r.county, id: r.id }, r.program);
      history.set(k, [...(history.get(k) ?? []), { date: r.date, classification: r.classification }]);
    }
    for (const r of en.rows) {
      const k = keyOf({ county: r.county, id: r.id }, r.program);
      starts.set(k, [...(starts.get(k) ?? []), r.start]);
    }
  }

  const groups = new Map<string, ImportedFollowup[]>();
  for (const f of followups) {
    const k = keyOf(f.ref, f.program);
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  for (const [k, group] of groups) {
    // A stable sort: visits of one day keep the file's order, after the stored ones of that day.
    group.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const past = history.get(k) ?? [];
    const enrolmentStarts = (starts.get(k) ?? []).sort();
    let p = 0;
    const previous: { date: string; classification: Classification | null }[] = [];
    for (const f of group) {
      while (p < past.length && past[p]!.date <= f.date) {
        previous.unshift(past[p++]!);
        if (previous.length > HISTORY) previous.length = HISTORY;
      }
      const enrolmentStart = enrolmentStarts.filter((s) => s <= f.date).at(-1) ?? null;
      const a = assessFollowup({
        program: f.program,
        date: f.date,
        mode: f.mode,
        sbp: f.sbp ?? null,
        dbp: f.dbp ?? null,
        fbg: f.fbg ?? null,
        classification: f.classification ?? null,
        previous,
        enrolmentStart,
      });
      f.classification = a.classification;
      f.nextDue = a.nextDue;
      f.urgent = a.urgent;
      f.referralSuggested = a.referralSuggested;
      previous.unshift({ date: f.date, classification: a.classification });
      if (previous.length > HISTORY) previous.length = HISTORY;
    }
  }
}
