// The care indicators of one year over a set of records (issue 15 §6), the ORACLE the database measures are
// tested against. For year Y, with D = Y-12-31:
// - residents: born on or before D, and neither dead nor moved out on or before D; records of anyone else
//   (or of an id not among the residents) are not read;
// - age is completed years at D;
// - a programme's managed patients: an enrolment started on or before D and not ended before D (an enrolment
//   ending on D still counts); with several, the earliest start of those covering D;
// - only follow-ups of the programme dated in Y and on or after that start count;
// - required follow-ups: the calendar quarters of Y from the quarter of max(start, Y-01-01) to Q4;
// - hypertension-management, diabetes-management, smi-standard-management: managed patients with at least the
//   required number of face-to-face (clinic or home) follow-ups ÷ managed patients;
// - smi-management: managed SMD patients with at least one follow-up of any mode ÷ managed SMD patients;
// - hypertension-bp-control: managed patients whose latest follow-up with a BP (both SBP and DBP) has
//   SBP <140 and DBP <90 ÷ managed patients (none → not controlled; several on that latest day → the highest
//   SBP and the highest DBP of the day must both be below the line);
// - diabetes-glucose-control: likewise the latest fasting glucose <7.0 mmol/L (the highest of its day);
// - elderly-health-management: residents aged ≥65 with a complete elderly-annual check dated in Y ÷ residents ≥65;
// - child-0-6-health-management: residents aged 0–6 (under 7) with at least one child check in Y ÷ those children;
// - child-u3-system-management (3岁以下儿童系统管理, the 规范's 4:2:2 rule): children under 3 with at least as
//   many child checks dated in Y as their schedule has visits due in Y (schedules.ts childVisitsDueIn: newborn
//   visit, one-month, 3, 6, 8, 12, 18, 24, 30 months) ÷ children under 3 with at least one visit due in Y;
// - maternal-system-management (孕产妇系统管理): maternal enrolments with a delivery date in Y whose 建册 (enrolment
//   start) was before 13 weeks of pregnancy (start − LMP < 91 days), with ≥5 prenatal checks dated from LMP
//   (or the start when no LMP) to the delivery, and a postpartum visit within 28 days after delivery ÷ maternal
//   enrolments with a delivery date in Y (one per pregnancy; no LMP → not systematically managed);
// - ehr-coverage: residents with a record established on or before D ÷ residents;
// - family-doctor-signing: residents with a contract covering D (start ≤ D ≤ end) ÷ residents;
//   family-doctor-signing-key: the same over the key population (65+, managed in any programme — a maternal
//   enrolment being pregnant — at D, children under 7).
// Values are percentages (numerator ÷ denominator × 100), null when the denominator is 0.
import { addDays, ageAt, daysBetween, quarterOf, yearEnd } from './dates.ts';
import { managedAt } from './key-population.ts';
import { BOOKING_DAYS, childVisitsDueIn, PRENATAL_VISITS_REQUIRED } from './schedules.ts';
import {
  CARE_INDICATOR_CODES,
  type CareIndicatorCode,
  type CareIndicatorValue,
  type CareRecords,
  type Program,
} from './types.ts';

const QUARTERLY: readonly Program[] = ['hypertension', 'diabetes', 'smd'];

/** Required face-to-face follow-ups in year Y of an enrolment started on `start` (≤ Y-12-31). */
export function requiredFollowups(start: string, year: number): number {
  return start.slice(0, 4) < String(year).padStart(4, '0') ? 4 : 5 - quarterOf(start);
}

export const percent = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : (numerator / denominator) * 100;

interface ProgramState {
  /** Earliest start of an enrolment covering D, per resident index; '' = not managed. */
  start: string[];
  faceToFace: Int32Array;
  any: Int32Array;
  bpDate: string[];
  bpSbp: Float64Array;
  bpDbp: Float64Array;
  fbgDate: string[];
  fbg: Float64Array;
}

function programState(n: number): ProgramState {
  return {
    start: new Array<string>(n).fill(''),
    faceToFace: new Int32Array(n),
    any: new Int32Array(n),
    bpDate: new Array<string>(n).fill(''),
    bpSbp: new Float64Array(n),
    bpDbp: new Float64Array(n),
    fbgDate: new Array<string>(n).fill(''),
    fbg: new Float64Array(n),
  };
}

/** The care indicators of `year` over `records` (denominators are the records' residents). */
export function evaluateCare(records: CareRecords, year: number): CareIndicatorValue[] {
  const y = String(year).padStart(4, '0');
  const end = yearEnd(year);
  const residents = records.residents.filter(
    (r) => r.birthDate <= end && (r.deathDate == null || r.deathDate > end) && (r.movedOut == null || r.movedOut > end),
  );
  const n = residents.length;
  const index = new Map<string, number>();
  for (let i = 0; i < residents.length; i++) index.set(residents[i]!.id, i);
  const age = residents.map((r) => ageAt(r.birthDate, end));

  // Only the quarterly programmes have follow-up indicators; TB, maternal and child follow-ups are not read.
  const programs = new Map<Program, ProgramState>(QUARTERLY.map((p) => [p, programState(n)]));
  const managedAny = new Uint8Array(n);
  const maternal: { i: number; lmp: string | null; start: string; delivery: string }[] = [];
  for (const e of records.enrolments) {
    const i = index.get(e.resident);
    if (i === undefined) continue;
    if (e.program === 'maternal' && e.delivery && e.delivery.startsWith(y))
      maternal.push({ i, lmp: e.lmp ?? null, start: e.start, delivery: e.delivery });
    if (!managedAt(e, end)) continue;
    managedAny[i] = 1;
    const s = programs.get(e.program);
    if (s && (s.start[i] === '' || e.start < s.start[i]!)) s.start[i] = e.start;
  }

  for (const f of records.followups) {
    const s = programs.get(f.program);
    if (!s || !f.date.startsWith(y)) continue;
    const i = index.get(f.resident);
    if (i === undefined) continue;
    const start = s.start[i]!;
    if (start === '' || f.date < start) continue;
    s.any[i]!++;
    if (f.mode !== 'phone') s.faceToFace[i]!++;
    if (f.sbp !== null && f.dbp !== null) {
      if (f.date > s.bpDate[i]!) {
        s.bpDate[i] = f.date;
        s.bpSbp[i] = f.sbp;
        s.bpDbp[i] = f.dbp;
      } else if (f.date === s.bpDate[i]) {
        s.bpSbp[i] = Math.max(s.bpSbp[i]!, f.sbp);
        s.bpDbp[i] = Math.max(s.bpDbp[i]!, f.dbp);
      }
    }
    if (f.fbg !== null) {
      if (f.date > s.fbgDate[i]!) {
        s.fbgDate[i] = f.date;
        s.fbg[i] = f.fbg;
      } else if (f.date === s.fbgDate[i]) s.fbg[i] = Math.max(s.fbg[i]!, f.fbg);
    }
  }

  const elderlyChecked = new Uint8Array(n);
  const childChecks = new Int32Array(n);
  const prenatal = new Map<number, string[]>();
  const postpartum = new Map<number, string[]>();
  for (const c of records.checks) {
    const i = index.get(c.resident);
    if (i === undefined) continue;
    if (c.type === 'prenatal' || c.type === 'postpartum') {
      const m = c.type === 'prenatal' ? prenatal : postpartum;
      const list = m.get(i);
      if (list) list.push(c.date);
      else m.set(i, [c.date]);
      continue;
    }
    if (!c.date.startsWith(y)) continue;
    if (c.type === 'elderly-annual' && c.complete) elderlyChecked[i] = 1;
    else if (c.type === 'child' && c.date >= residents[i]!.birthDate) childChecks[i]!++;
  }

  const signed = new Uint8Array(n);
  for (const c of records.contracts) {
    const i = index.get(c.resident);
    if (i !== undefined && c.start <= end && c.end >= end) signed[i] = 1;
  }

  const count: Record<CareIndicatorCode, [number, number]> = Object.fromEntries(
    CARE_INDICATOR_CODES.map((c) => [c, [0, 0]]),
  ) as Record<CareIndicatorCode, [number, number]>;
  const add = (code: CareIndicatorCode, hit: boolean) => {
    const c = count[code];
    c[1]++;
    if (hit) c[0]++;
  };

  const [ht, dm, smd] = QUARTERLY.map((p) => programs.get(p)!);
  for (let i = 0; i < n; i++) {
    const r = residents[i]!;
    const a = age[i]!;
    add('ehr-coverage', r.established != null && r.established <= end);
    add('family-doctor-signing', signed[i] === 1);
    if (a >= 65 || a < 7 || managedAny[i] === 1) add('family-doctor-signing-key', signed[i] === 1);
    if (a >= 65) add('elderly-health-management', elderlyChecked[i] === 1);
    if (a < 7) add('child-0-6-health-management', childChecks[i]! > 0);
    if (a < 3) {
      const due = childVisitsDueIn(r.birthDate, year);
      if (due > 0) add('child-u3-system-management', childChecks[i]! >= due);
    }
    const htStart = ht!.start[i]!;
    if (htStart !== '') {
      add('hypertension-management', ht!.faceToFace[i]! >= requiredFollowups(htStart, year));
      add('hypertension-bp-control', ht!.bpDate[i] !== '' && ht!.bpSbp[i]! < 140 && ht!.bpDbp[i]! < 90);
    }
    const dmStart = dm!.start[i]!;
    if (dmStart !== '') {
      add('diabetes-management', dm!.faceToFace[i]! >= requiredFollowups(dmStart, year));
      add('diabetes-glucose-control', dm!.fbgDate[i] !== '' && dm!.fbg[i]! < 7.0);
    }
    const smdStart = smd!.start[i]!;
    if (smdStart !== '') {
      add('smi-management', smd!.any[i]! > 0);
      add('smi-standard-management', smd!.faceToFace[i]! >= requiredFollowups(smdStart, year));
    }
  }

  for (const m of maternal) {
    const from = m.lmp ?? m.start;
    const visits = (prenatal.get(m.i) ?? []).filter((d) => d >= from && d <= m.delivery).length;
    const lastPostpartum = addDays(m.delivery, 28);
    const visited = (postpartum.get(m.i) ?? []).some((d) => d >= m.delivery && d <= lastPostpartum);
    const booked = m.lmp !== null && m.start >= m.lmp && daysBetween(m.lmp, m.start) < BOOKING_DAYS;
    add('maternal-system-management', booked && visits >= PRENATAL_VISITS_REQUIRED && visited);
  }

  return CARE_INDICATOR_CODES.map((code) => {
    const [numerator, denominator] = count[code];
    return { code, numerator, denominator, value: percent(numerator, denominator) };
  });
}
