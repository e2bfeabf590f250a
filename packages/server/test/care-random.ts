// Random care records for the indicator tests (care-indicators.int.test.ts, care-summaries.int.test.ts): one
// township's residents with the edges drawn on purpose (enrolment mid-year and after the year, death and
// move-out before and after the year end, phone follow-ups, follow-ups before enrolment and of another
// programme, missing readings, several readings on the last day), and how they are stored through the bulk
// writer (the path NDJSON import uses).
import type { CareRecords } from '@weijian/core/care';
import type { CareMeasure } from '@weijian/core/planning';
import type { Rng } from '@weijian/core/platform';
import {
  type BulkCheck,
  type BulkEnrolment,
  type BulkFollowup,
  insertChecks,
  insertContracts,
  insertEnrolments,
  insertFollowups,
  insertResidents,
} from '../src/care/bulk-repo.ts';
import type { Queryable } from '../src/platform/db.ts';
import type { Protector } from '../src/platform/protect.ts';

/** Which measures are each code's numerator and denominator (the population ones: the records' residents). */
export const PAIRS: Record<string, [CareMeasure, CareMeasure]> = {
  'ehr-coverage': ['established', 'residents'],
  'family-doctor-signing': ['signed', 'residents'],
  'family-doctor-signing-key': ['key-signed', 'key-population'],
  'hypertension-management': ['hypertension-standard', 'hypertension-managed'],
  'hypertension-bp-control': ['hypertension-controlled', 'hypertension-managed'],
  'diabetes-management': ['diabetes-standard', 'diabetes-managed'],
  'diabetes-glucose-control': ['diabetes-controlled', 'diabetes-managed'],
  'smi-management': ['smd-followed', 'smd-managed'],
  'smi-standard-management': ['smd-standard', 'smd-managed'],
  'elderly-health-management': ['elderly-checked', 'elderly'],
  'child-0-6-health-management': ['child-checked', 'children'],
  'child-u3-system-management': ['child-u3-managed', 'child-u3-due'],
  'maternal-system-management': ['maternal-managed', 'maternal-delivered'],
};

const pad = (n: number) => String(n).padStart(2, '0');
export const dateIn = (rng: Rng, from: number, to: number) =>
  `${rng.int(from, to)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
export const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Random records of one township (resident ids are indexes as strings until stored). */
export function randomRecords(rng: Rng, township: string, n: number): CareRecords & { areas: string[] } {
  const r: CareRecords & { areas: string[] } = {
    residents: [],
    enrolments: [],
    followups: [],
    checks: [],
    contracts: [],
    areas: [],
  };
  const residents = r.residents as CareRecords['residents'][number][];
  const enrolments = r.enrolments as CareRecords['enrolments'][number][];
  const followups = r.followups as CareRecords['followups'][number][];
  const checks = r.checks as CareRecords['checks'][number][];
  const contracts = r.contracts as CareRecords['contracts'][number][];
  for (let i = 0; i < n; i++) {
    const id = `${township}-${i}`;
    const band = rng.weighted([3, 2, 4, 3]);
    const birthDate = [
      dateIn(rng, 2018, 2025),
      dateIn(rng, 1990, 2010),
      dateIn(rng, 1950, 1960),
      dateIn(rng, 1940, 1990),
    ][band]!;
    const area = `${township}${pad(rng.int(1, 3)).padStart(3, '0')}`;
    residents.push({
      id,
      sex: rng.chance(0.5) ? 'M' : 'F',
      birthDate,
      area,
      established: rng.chance(0.85) ? dateIn(rng, 2015, 2025) : null,
      deathDate: rng.chance(0.06) ? dateIn(rng, 2022, 2025) : null,
      movedOut: rng.chance(0.05) ? dateIn(rng, 2022, 2025) : null,
    });
    r.areas.push(area);
    for (const program of ['hypertension', 'diabetes', 'smd'] as const) {
      if (!rng.chance(program === 'hypertension' ? 0.3 : program === 'diabetes' ? 0.15 : 0.08)) continue;
      const start = rng.chance(0.5) ? dateIn(rng, 2018, 2022) : dateIn(rng, 2023, 2025);
      const end = rng.chance(0.1) ? addDays(start, rng.int(30, 900)) : null;
      enrolments.push({ resident: id, program, start, end });
      if (rng.chance(0.1)) enrolments.push({ resident: id, program, start: dateIn(rng, 2019, 2024), end: null });
      const k = rng.int(0, 9);
      for (let f = 0; f < k; f++) {
        const date = dateIn(rng, 2022, 2025);
        const bp = rng.chance(0.8);
        followups.push({
          resident: id,
          program: rng.chance(0.05) ? 'tb' : program,
          date,
          mode: rng.chance(0.2) ? 'phone' : rng.chance(0.5) ? 'home' : 'clinic',
          sbp: bp ? rng.int(110, 185) : null,
          dbp: bp && rng.chance(0.95) ? rng.int(65, 112) : null,
          fbg: rng.chance(0.7) ? Math.round(rng.range(4, 12) * 10) / 10 : null,
        });
        // Several readings on one day.
        if (rng.chance(0.1))
          followups.push({ resident: id, program, date, mode: 'clinic', sbp: rng.int(110, 160), dbp: 80, fbg: 6.5 });
      }
    }
    if (band === 2 || band === 3) {
      for (let c = rng.int(0, 2); c > 0; c--)
        checks.push({ resident: id, type: 'elderly-annual', date: dateIn(rng, 2022, 2025), complete: rng.chance(0.8) });
    }
    if (band === 0) {
      if (rng.chance(0.3)) enrolments.push({ resident: id, program: 'child', start: birthDate, end: null });
      for (let c = rng.int(0, 5); c > 0; c--)
        checks.push({ resident: id, type: 'child', date: dateIn(rng, 2017, 2025), complete: true });
    }
    if (band === 1 && residents[i]!.sex === 'F' && rng.chance(0.5)) {
      const lmp = dateIn(rng, 2022, 2024);
      const start = addDays(lmp, rng.int(40, 120));
      const delivery = rng.chance(0.9) ? addDays(lmp, rng.int(260, 290)) : null;
      enrolments.push({
        resident: id,
        program: 'maternal',
        start,
        end: delivery ? addDays(delivery, 42) : null,
        lmp: rng.chance(0.9) ? lmp : null,
        delivery,
      });
      for (let c = rng.int(2, 7); c > 0; c--)
        checks.push({ resident: id, type: 'prenatal', date: addDays(lmp, rng.int(30, 280)), complete: true });
      if (delivery && rng.chance(0.8))
        checks.push({ resident: id, type: 'postpartum', date: addDays(delivery, rng.int(1, 40)), complete: true });
    }
    if (rng.chance(0.5)) {
      const start = dateIn(rng, 2021, 2024);
      contracts.push({ resident: id, team: 'T1', start, end: addDays(start, rng.chance(0.8) ? 364 : 730) });
    }
  }
  return r;
}

/** Stores one township's records in `county` (residents first); records each resident's database id in `ids`. */
export async function storeRecords(
  q: Queryable,
  protector: Protector,
  county: string,
  teamId: number,
  recs: CareRecords,
  ids: Map<string, number>,
): Promise<void> {
  const stored = await insertResidents(
    q,
    protector,
    recs.residents.map((r) => ({
      county,
      externalId: r.id,
      name: '居民',
      sex: r.sex,
      birthDate: r.birthDate,
      areaCode: r.area,
      established: r.established,
      deathDate: r.deathDate,
      movedOut: r.movedOut,
    })),
  );
  for (const [n, res] of recs.residents.entries()) ids.set(res.id, stored[n]!);
  const rid = (id: string) => ids.get(id)!;
  await insertEnrolments(
    q,
    recs.enrolments.map(
      (e): BulkEnrolment => ({
        county,
        residentId: rid(e.resident),
        program: e.program,
        start: e.start,
        end: e.end,
        lmp: e.lmp ?? null,
        delivery: e.delivery ?? null,
      }),
    ),
  );
  await insertFollowups(
    q,
    recs.followups.map((f): BulkFollowup => ({ county, residentId: rid(f.resident), ...f })),
  );
  await insertChecks(
    q,
    recs.checks.map(
      (c): BulkCheck => ({ county, residentId: rid(c.resident), type: c.type, date: c.date, complete: c.complete }),
    ),
  );
  await insertContracts(
    q,
    recs.contracts.map((c) => ({ county, residentId: rid(c.resident), teamId, start: c.start, end: c.end })),
  );
}
