// The demo county's care records, generated (pure and deterministic: one seeded stream per village, so a
// village's records do not depend on how the output is chunked). Living residents match the villages'
// population by age band exactly (the registry's 常住人口), plus those who died or moved out during the years;
// rates are calibrated to published ones for the last year: 建档 ~90%, hypertension found in ~25% of adults
// ≥35 (about half of them managed, ~70% of those standardised, ~60% controlled), diabetes ~8% of ≥35, severe
// mental disorders ~0.5%, 老年人体检 ~70%, child checks ~90%, 孕产妇系统管理 ~90%, 签约 ~45% (key ~75%).
// Some visits are missed, so work lists have overdue patients. Output comes in chunks of whole villages.

import { personName } from '../demo/names.ts';
import { type Rng, rngFor } from '../platform/prng.ts';
import { citizenIdCheckChar } from '../registry/validators.ts';
import { addDays, addMonths, ageAt, daysBetween, maxDate, minDate, quarterEnd, quarterOf } from './dates.ts';
import { assessFollowup } from './followup.ts';
import { childSchedule } from './schedules.ts';
import type {
  CareCheck,
  CareContract,
  CareEnrolment,
  CareFollowup,
  CareResident,
  Classification,
  FollowupMode,
  Program,
} from './types.ts';

/** Age bands of the registry's population (0–2, 3–6, 7–14, 15–59, 60–64, 65+). */
export const DEMO_AGE_BANDS: readonly (readonly [number, number])[] = [
  [0, 2],
  [3, 6],
  [7, 14],
  [15, 59],
  [60, 64],
  [65, 99],
];

export interface CareDemoVillage {
  /** 12-digit village/community code; its first 6 digits are the ID numbers' address code. */
  code: string;
  /** Living residents at the end of the last year by DEMO_AGE_BANDS. */
  bands: readonly number[];
  /** Share of men (default 0.51). */
  maleShare?: number;
}

export interface CareDemoInput {
  seed: number;
  /** Last year with records; the indicators are calibrated for it. */
  year: number;
  /** First year with follow-ups and checks (default `year`): each year adds about one year of visits. */
  fromYear?: number;
  /** Nothing is dated after this (default `year`-12-31): visits not yet made show up as due or overdue. */
  asOf?: string;
  villages: readonly CareDemoVillage[];
  /** Family-doctor teams and the villages each serves; a village no team lists gets `T` + its township code. */
  teams?: readonly { code: string; villages: readonly string[] }[];
  /** Residents per chunk, at least (whole villages; default 20,000). */
  chunkSize?: number;
}

export interface CareDemoResident extends CareResident {
  idNumber: string;
  name: string;
  phone: string | null;
}

export interface CareDemoFollowup extends CareFollowup {
  classification: Classification;
  nextDue: string;
  urgent: boolean;
  referralSuggested: boolean;
}

export interface CareDemoCondition {
  resident: string;
  icd10: string;
  name: string;
  diagnosed: string;
}

export interface CareDemoChunk {
  residents: CareDemoResident[];
  conditions: CareDemoCondition[];
  enrolments: CareEnrolment[];
  followups: CareDemoFollowup[];
  checks: CareCheck[];
  contracts: CareContract[];
}

/** The calibration, for tests and documentation. */
export const CARE_DEMO_RATES = {
  established: 0.9,
  hypertensionFound: 0.25,
  diabetesFound: 0.08,
  /** Share of found patients enrolled in management (the rest are known but not followed). */
  managedOfFound: 0.53,
  standardised: 0.7,
  controlled: 0.6,
  smd: 0.005,
  tb: 0.0005,
  elderlyChecked: 0.7,
  childDiligent: 0.85,
  maternalSystematic: 0.9,
  signing: 0.45,
  signingKey: 0.75,
  /** Yearly share of extra residents who died or moved out. */
  leaving: 0.012,
} as const;

const R = CARE_DEMO_RATES;
const CONDITIONS = {
  hypertension: { icd10: 'I10', name: '原发性高血压' },
  diabetes: { icd10: 'E11', name: '2型糖尿病' },
  smd: { icd10: 'F20', name: '精神分裂症' },
  tb: { icd10: 'A15', name: '肺结核' },
} as const;

/** The ID numbers given so far per address code, birth date and sex (3-digit sequences, odd for men). */
class IdBook {
  // Numeric keys (day number × 2 + sex) per address code: millions of look-ups, no key strings to build.
  private readonly used = new Map<string, Map<number, number>>();

  issue(area6: string, birthDate: string, sex: 'M' | 'F'): string {
    let byDay = this.used.get(area6);
    if (!byDay) {
      byDay = new Map();
      this.used.set(area6, byDay);
    }
    const key = daysBetween('1970-01-01', birthDate) * 2 + (sex === 'M' ? 1 : 0);
    const n = byDay.get(key) ?? 0;
    byDay.set(key, n + 1);
    // 500 of a sex per day and county; beyond that the sequence wraps (a demo county never gets there).
    const seq = ((n % 500) * 2 + (sex === 'M' ? 1 : 2)) % 1000;
    const first17 = `${area6}${birthDate.slice(0, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${String(seq).padStart(3, '0')}`;
    return first17 + citizenIdCheckChar(first17);
  }
}

const dateIn = (rng: Rng, from: string, to: string): string =>
  from >= to ? from : addDays(from, rng.int(0, daysBetween(from, to)));

/** An age in a band; 65+ thins out with age. */
function ageIn(rng: Rng, band: readonly [number, number]): number {
  if (band[0] === 65) return Math.min(99, 65 + Math.floor(-Math.log(1 - rng.next()) * 9));
  return rng.int(band[0], band[1]);
}

interface Person {
  r: CareDemoResident;
  /** Nothing is dated after this (death, move-out, asOf). */
  until: string;
  key: boolean;
}

class VillageBuilder {
  readonly out: CareDemoChunk = {
    residents: [],
    conditions: [],
    enrolments: [],
    followups: [],
    checks: [],
    contracts: [],
  };
  private readonly end: string;
  private readonly from: number;

  constructor(
    private readonly rng: Rng,
    private readonly input: CareDemoInput,
    private readonly ids: IdBook,
    private readonly village: CareDemoVillage,
    private readonly team: string,
  ) {
    this.end = `${input.year}-12-31`;
    this.from = input.fromYear ?? input.year;
  }

  private get asOf(): string {
    return this.input.asOf ?? this.end;
  }

  build(): CareDemoChunk {
    const { rng, village } = this;
    const people: Person[] = [];
    let seq = 0;
    const living = village.bands.reduce((s, n) => s + n, 0);
    const leaving = Math.round(living * R.leaving * (this.input.year - this.from + 1));
    const plan: { band: number; leaves: boolean }[] = [];
    village.bands.forEach((n, band) => {
      for (let k = 0; k < n; k++) plan.push({ band, leaves: false });
    });
    for (let k = 0; k < leaving; k++) plan.push({ band: rng.chance(0.6) ? 5 : rng.int(3, 4), leaves: true });
    for (const p of plan) people.push(this.person(++seq, p.band, p.leaves));
    for (const p of people) this.programmes(p);
    for (const p of people) this.checks(p);
    const births = people.filter((p) => p.r.birthDate >= `${this.from}-01-01`);
    this.maternal(people, births);
    this.contracts(people);
    this.establishFirst();
    return this.out;
  }

  /**
   * 建档 comes before any service: a record's established date drawn above may fall after the resident's first
   * enrolment, follow-up or check, which a real system cannot hold (the visit is entered into the record), so it
   * moves back to that first service. Residents without a record (the 10% the coverage rate leaves out) keep none.
   * No random draw here: everything else generated stays as it was.
   */
  private establishFirst() {
    const first = new Map<string, string>();
    const seen = (resident: string, date: string) => {
      const d = first.get(resident);
      if (d === undefined || date < d) first.set(resident, date);
    };
    for (const e of this.out.enrolments) seen(e.resident, e.start);
    for (const f of this.out.followups) seen(f.resident, f.date);
    for (const c of this.out.checks) seen(c.resident, c.date);
    for (const r of this.out.residents) {
      const d = first.get(r.id);
      if (r.established && d !== undefined && d < r.established) r.established = d;
    }
  }

  private person(seq: number, band: number, leaves: boolean): Person {
    const { rng, village } = this;
    const age = ageIn(rng, DEMO_AGE_BANDS[band]!);
    const year = this.input.year - age;
    let birthDate = dateIn(rng, `${year}-01-01`, `${year}-12-31`);
    if (birthDate > this.asOf) birthDate = addDays(this.asOf, -rng.int(0, 30));
    const sex = rng.chance(village.maleShare ?? 0.51) ? 'M' : 'F';
    let deathDate: string | null = null;
    let movedOut: string | null = null;
    if (leaves) {
      const when = dateIn(rng, `${this.from}-01-01`, this.asOf);
      if (rng.chance(age >= 60 ? 0.75 : 0.25)) deathDate = when;
      else movedOut = when;
    }
    const until = minDate(this.asOf, deathDate ?? movedOut ?? this.asOf);
    const established = rng.chance(R.established)
      ? dateIn(rng, birthDate > '2009-06-01' ? birthDate : '2009-06-01', until)
      : null;
    const r: CareDemoResident = {
      id: `${village.code}${String(seq).padStart(5, '0')}`,
      sex,
      birthDate,
      area: village.code,
      established,
      deathDate,
      movedOut,
      idNumber: this.ids.issue(village.code.slice(0, 6), birthDate, sex),
      name: personName(rng),
      phone:
        age >= 18 && rng.chance(0.85)
          ? `1${rng.pick(['3', '5', '8'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
          : null,
    };
    this.out.residents.push(r);
    return { r, until, key: age >= 65 || age < 7 };
  }

  private programmes(p: Person) {
    const { rng } = this;
    const age = ageAt(p.r.birthDate, this.end);
    if (age >= 35) {
      // Prevalence rises with age; the line averages ~25% over a Henan age structure of adults ≥35.
      const ht = Math.min(0.55, 0.07 + 0.0085 * (age - 35));
      if (rng.chance(ht)) this.chronic(p, 'hypertension');
      const dm = Math.min(0.2, 0.02 + 0.0028 * (age - 35));
      if (rng.chance(dm)) this.chronic(p, 'diabetes');
    }
    if (age >= 15 && rng.chance(R.smd)) this.chronic(p, 'smd');
    if (age >= 15 && rng.chance(R.tb * (this.input.year - this.from + 1))) this.tb(p);
  }

  private chronic(p: Person, program: 'hypertension' | 'diabetes' | 'smd') {
    const { rng } = this;
    const earliest = addDays(p.r.birthDate, 365 * (program === 'smd' ? 15 : 35) + 10);
    const diagnosed = dateIn(rng, earliest > '2010-01-01' ? earliest : '2010-01-01', p.until);
    const condition = CONDITIONS[program];
    this.out.conditions.push({ resident: p.r.id, icd10: condition.icd10, name: condition.name, diagnosed });
    // Severe mental disorders are registered on diagnosis; of the chronic diseases about half are managed.
    if (program !== 'smd' && !rng.chance(R.managedOfFound)) return;
    const start = rng.chance(0.9) ? diagnosed : addDays(diagnosed, rng.int(10, 200));
    if (start > p.until) return;
    const ended = rng.chance(0.02) ? dateIn(rng, start, p.until) : null;
    this.out.enrolments.push({ resident: p.r.id, program, start, end: ended });
    if (ended === null) p.key = true;
    const last = ended ?? p.until;
    const previous: { date: string; classification: Classification | null }[] = [];
    for (let y = this.from; y <= this.input.year; y++) {
      const yStart = `${y}-01-01`;
      if (start > `${y}-12-31` || last < yStart) continue;
      const standard = rng.chance(program === 'smd' ? 0.75 : R.standardised);
      const anyVisit = program !== 'smd' || standard || rng.chance(0.7);
      const first = quarterOf(start > yStart ? start : yStart);
      const visits: { date: string; mode: FollowupMode }[] = [];
      for (let q = first; q <= 4; q++) {
        const qStart = `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
        const from = start > qStart ? start : qStart;
        const date = dateIn(rng, from, quarterEnd(qStart));
        if (standard) visits.push({ date, mode: rng.chance(0.6) ? 'clinic' : 'home' });
        else if (anyVisit && rng.chance(0.55)) visits.push({ date, mode: rng.chance(0.3) ? 'phone' : 'clinic' });
        if (rng.chance(0.1)) visits.push({ date: dateIn(rng, from, quarterEnd(qStart)), mode: 'phone' });
      }
      visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const kept = visits.filter((v) => v.date <= last);
      const lastWithReading = kept.findLastIndex((v) => v.mode !== 'phone');
      kept.forEach((v, k) => {
        // The latest reading of the year is controlled at a rate that gives ~60% over all managed patients
        // (some have none); earlier ones a little less often.
        const controlled = rng.chance(k === lastWithReading ? 0.64 : 0.55);
        this.followup(p, program, v.date, v.mode, controlled, previous);
      });
    }
  }

  private followup(
    p: Person,
    program: Program,
    date: string,
    mode: FollowupMode,
    controlled: boolean,
    previous: { date: string; classification: Classification | null }[],
  ) {
    const { rng } = this;
    let sbp: number | null = null;
    let dbp: number | null = null;
    let fbg: number | null = null;
    if (mode !== 'phone' && (program === 'hypertension' || program === 'diabetes')) {
      const bpOk = program === 'hypertension' ? controlled : rng.chance(0.7);
      const urgent = !bpOk && rng.chance(0.02);
      sbp = bpOk ? rng.int(108, 139) : urgent ? rng.int(180, 196) : rng.int(132, 172);
      dbp = bpOk ? rng.int(62, 89) : urgent ? rng.int(100, 112) : sbp >= 140 ? rng.int(75, 104) : rng.int(90, 104);
      if (program === 'diabetes') {
        const sugarOk = controlled;
        fbg =
          Math.round(
            (sugarOk ? rng.range(4.6, 6.95) : rng.chance(0.02) ? rng.range(16.7, 19) : rng.range(7.0, 12.5)) * 10,
          ) / 10;
      }
    }
    const a = assessFollowup({
      program,
      date,
      mode,
      sbp,
      dbp,
      fbg,
      classification:
        mode === 'phone' || program === 'smd' || program === 'tb' ? (controlled ? 'controlled' : 'uncontrolled') : null,
      previous,
    });
    previous.unshift({ date, classification: a.classification });
    if (previous.length > 2) previous.length = 2;
    this.out.followups.push({
      resident: p.r.id,
      program,
      date,
      mode,
      sbp,
      dbp,
      fbg,
      classification: a.classification,
      nextDue: a.nextDue,
      urgent: a.urgent,
      referralSuggested: a.referralSuggested,
    });
  }

  private tb(p: Person) {
    const { rng } = this;
    const start = dateIn(rng, `${this.from}-01-01`, p.until);
    const end = addMonths(start, 6);
    this.out.conditions.push({ resident: p.r.id, ...CONDITIONS.tb, diagnosed: start });
    const closed = end <= p.until ? end : null;
    this.out.enrolments.push({ resident: p.r.id, program: 'tb', start, end: closed });
    if (closed === null || closed >= this.end) p.key = true;
    const previous: { date: string; classification: Classification | null }[] = [];
    for (let m = 0; m < 6; m++) {
      const date = addDays(addMonths(start, m), rng.int(0, 6));
      if (date > p.until) break;
      this.followup(p, 'tb', date, 'home', rng.chance(0.9), previous);
    }
  }

  private checks(p: Person) {
    const { rng } = this;
    const diligent = rng.chance(R.childDiligent);
    for (let y = this.from; y <= this.input.year; y++) {
      const age = ageAt(p.r.birthDate, `${y}-12-31`);
      if (age < 0) continue;
      const yEnd = minDate(`${y}-12-31`, p.until);
      if (age >= 65 && rng.chance(R.elderlyChecked + 0.03)) {
        const date = dateIn(rng, `${y}-03-01`, `${y}-11-30`);
        if (date <= yEnd)
          this.out.checks.push({ resident: p.r.id, type: 'elderly-annual', date, complete: rng.chance(0.96) });
      }
      if (age < 7) {
        for (const v of childSchedule(p.r.birthDate)) {
          if (!v.due.startsWith(String(y))) continue;
          if (!(diligent ? rng.chance(0.99) : rng.chance(0.55))) continue;
          let date = addDays(v.due, rng.int(-3, 10));
          if (date > `${y}-12-31`) date = `${y}-12-31`;
          if (date < p.r.birthDate) date = p.r.birthDate;
          if (date <= yEnd) this.out.checks.push({ resident: p.r.id, type: 'child', date, complete: true });
        }
      }
    }
  }

  /** A pregnancy per baby born in the years (mothers from the village's women 20–42), and ongoing ones at the end. */
  private maternal(people: readonly Person[], babies: readonly Person[]) {
    const { rng } = this;
    const women = people.filter((p) => {
      const age = ageAt(p.r.birthDate, this.end);
      return p.r.sex === 'F' && age >= 21 && age <= 42 && !p.r.deathDate && !p.r.movedOut;
    });
    if (women.length === 0) return;
    const pregnancy = (mother: Person, delivery: string | null, lmp: string) => {
      const systematic = rng.chance(R.maternalSystematic);
      const flaw = systematic ? -1 : rng.int(0, 2); // 0 late booking, 1 too few visits, 2 no postpartum visit
      const start = addDays(lmp, flaw === 0 ? rng.int(92, 130) : rng.int(42, 84));
      if (start > this.asOf) return;
      const due = delivery ?? addDays(lmp, 280);
      const gestation = daysBetween(lmp, due);
      const visitDays = [0, rng.int(112, 140), rng.int(147, 174), rng.int(196, 250), gestation - rng.int(1, 7)];
      const dates = visitDays.map((d, k) => (k === 0 ? start : addDays(lmp, d))).filter((d) => d >= start && d < due);
      if (flaw === 1) dates.splice(rng.int(1, dates.length - 1), 1);
      for (const date of dates)
        if (date <= this.asOf) this.out.checks.push({ resident: mother.r.id, type: 'prenatal', date, complete: true });
      let end: string | null = null;
      if (delivery) {
        const postpartum = addDays(delivery, rng.int(3, 10));
        if (flaw !== 2 && postpartum <= this.asOf)
          this.out.checks.push({ resident: mother.r.id, type: 'postpartum', date: postpartum, complete: true });
        const check42 = addDays(delivery, rng.int(42, 50));
        if (rng.chance(0.92) && check42 <= this.asOf)
          this.out.checks.push({ resident: mother.r.id, type: 'postpartum-42', date: check42, complete: true });
        end = check42 <= this.asOf ? check42 : null;
      }
      this.out.enrolments.push({
        resident: mother.r.id,
        program: 'maternal',
        start,
        end,
        lmp,
        delivery: delivery && delivery <= this.asOf ? delivery : null,
      });
      if (end === null) mother.key = true;
    };
    for (const baby of babies)
      pregnancy(rng.pick(women), baby.r.birthDate, addDays(baby.r.birthDate, -rng.int(266, 290)));
    // Pregnant at the end: about 7/12 of a year's births have their LMP in the last 9 months.
    const ongoing = Math.round((babies.length / (this.input.year - this.from + 1)) * 0.6);
    for (let k = 0; k < ongoing; k++)
      pregnancy(rng.pick(women), null, dateIn(rng, addDays(this.end, -260), addDays(this.end, -60)));
  }

  /** 签约: key people at ~75%, the rest at the rate that brings the village to ~45%. */
  private contracts(people: readonly Person[]) {
    const { rng } = this;
    const present = people.filter((p) => !p.r.deathDate && !p.r.movedOut);
    const key = present.filter((p) => p.key).length;
    const rest = present.length - key;
    const pRest = rest > 0 ? Math.max(0, Math.min(1, (R.signing * present.length - R.signingKey * key) / rest)) : 0;
    for (const p of people) {
      const signed = rng.chance(p.key ? R.signingKey : pRest);
      const floor = p.r.birthDate > `${this.input.year - 1}-01-01` ? p.r.birthDate : `${this.input.year - 1}-01-02`;
      if (signed) {
        // A one-year contract covering 31 December of the last year, renewed back through the first year so
        // every year of the range is signed at its end.
        const start = dateIn(rng, maxDate(floor, addDays(this.end, -364)), this.end);
        for (let k = 0; k <= this.input.year - this.from; k++) {
          const from = addMonths(start, -12 * k);
          if (from < p.r.birthDate) break;
          if (from <= p.until)
            this.out.contracts.push({
              resident: p.r.id,
              team: this.team,
              start: from,
              end: addDays(addMonths(from, 12), -1),
            });
        }
      } else if (rng.chance(0.1)) {
        // Signed once, not renewed.
        const start = dateIn(rng, `${this.input.year - 2}-01-01`, `${this.input.year - 2}-12-31`);
        if (start >= p.r.birthDate && start <= p.until)
          this.out.contracts.push({ resident: p.r.id, team: this.team, start, end: addDays(addMonths(start, 12), -1) });
      }
    }
  }
}

const emptyChunk = (): CareDemoChunk => ({
  residents: [],
  conditions: [],
  enrolments: [],
  followups: [],
  checks: [],
  contracts: [],
});

/** The county's records in chunks of whole villages (≥ chunkSize residents each, the last one smaller). */
export function* generateCareDemo(input: CareDemoInput): Generator<CareDemoChunk> {
  const chunkSize = input.chunkSize ?? 20_000;
  const ids = new IdBook();
  const teamOf = new Map<string, string>();
  for (const t of input.teams ?? []) for (const v of t.villages) if (!teamOf.has(v)) teamOf.set(v, t.code);
  let chunk = emptyChunk();
  for (const village of input.villages) {
    const team = teamOf.get(village.code) ?? `T${village.code.slice(0, 9)}`;
    const part = new VillageBuilder(rngFor(input.seed, `care:${village.code}`), input, ids, village, team).build();
    for (const k of Object.keys(chunk) as (keyof CareDemoChunk)[])
      (chunk[k] as unknown[]).push(...(part[k] as unknown[]));
    if (chunk.residents.length >= chunkSize) {
      yield chunk;
      chunk = emptyChunk();
    }
  }
  if (chunk.residents.length > 0) yield chunk;
}
