import { describe, expect, it } from 'vitest';
import { apportion } from '../demo/apportion.ts';
import { ageShares } from '../demo/calibration.ts';
import { validateCitizenId } from '../registry/validators.ts';
import { CareRecordsCollector } from './collect.ts';
import { type CareDemoChunk, type CareDemoInput, generateCareDemo } from './demo-generate.ts';
import { evaluateCare } from './evaluate.ts';
import { parseCareLine } from './ndjson.ts';
import type { CareIndicatorCode, CareRecords } from './types.ts';

const YEAR = 2025;
const villages = Array.from({ length: 16 }, (_, i) => ({
  code: `410782${String(100 + (i % 4)).padStart(3, '0')}${String(200 + i).padStart(3, '0')}`,
  bands: apportion(1800 + 100 * (i % 5), ageShares(YEAR)),
}));
const input: CareDemoInput = {
  seed: 7,
  year: YEAR,
  fromYear: YEAR - 1,
  villages,
  teams: [{ code: 'T-A', villages: villages.slice(0, 8).map((v) => v.code) }],
  chunkSize: 5000,
};

function merge(chunks: Iterable<CareDemoChunk>): CareDemoChunk {
  const all: CareDemoChunk = {
    residents: [],
    conditions: [],
    enrolments: [],
    followups: [],
    checks: [],
    contracts: [],
  };
  for (const c of chunks)
    for (const k of Object.keys(all) as (keyof CareDemoChunk)[]) (all[k] as unknown[]).push(...c[k]);
  return all;
}

const chunks = [...generateCareDemo(input)];
const all = merge(chunks);
const values = evaluateCare(all, YEAR);
const rate = (code: CareIndicatorCode) => values.find((v) => v.code === code)!.value!;

describe('generateCareDemo', () => {
  it('emits whole villages in chunks, deterministically and whatever the chunk size', () => {
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.slice(0, -1).every((c) => c.residents.length >= 5000)).toBe(true);
    const again = merge(generateCareDemo({ ...input, chunkSize: 1 }));
    expect(again.residents.length).toBe(all.residents.length);
    expect(again.followups.at(-1)).toEqual(all.followups.at(-1));
    expect(JSON.stringify(again.contracts.slice(0, 50))).toBe(JSON.stringify(all.contracts.slice(0, 50)));
  });

  it('living residents match the bands; every ID number is valid, unique and agrees with sex and birth date', () => {
    const living = all.residents.filter((r) => !r.deathDate && !r.movedOut);
    expect(living.length).toBe(villages.reduce((s, v) => s + v.bands.reduce((a, b) => a + b, 0), 0));
    expect(all.residents.length - living.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    const wrong = all.residents.filter((r) => {
      const v = validateCitizenId(r.idNumber);
      ids.add(r.idNumber);
      return !(v.ok && v.birthDate === r.birthDate && (v.sex === 'male') === (r.sex === 'M'));
    });
    expect(wrong).toEqual([]);
    expect(ids.size).toBe(all.residents.length);
  });

  it('every record passes the NDJSON checks and refers to a listed resident', () => {
    const collector = new CareRecordsCollector();
    let line = 0;
    const feed = (kind: string, items: readonly object[], drop: readonly string[] = []) => {
      for (const item of items) {
        const o: Record<string, unknown> = { kind, ...item };
        for (const k of drop) delete o[k];
        const parsed = parseCareLine(JSON.stringify(o), ++line);
        if (!parsed.ok) throw new Error(parsed.message.en);
        const refused = collector.add(parsed.item, line);
        if (refused) throw new Error(refused.en);
      }
    };
    feed('resident', all.residents);
    feed('enrolment', all.enrolments);
    feed('followup', all.followups, ['nextDue', 'urgent', 'referralSuggested']);
    feed('check', all.checks);
    feed('contract', all.contracts);
    expect(collector.finish().ok).toBe(true);
    expect(all.contracts.find((c) => c.resident.startsWith(villages[0]!.code))!.team).toBe('T-A');
    expect(all.contracts.find((c) => c.resident.startsWith(villages[15]!.code))!.team).toBe(
      `T${villages[15]!.code.slice(0, 9)}`,
    );
  });

  it('dates every enrolment, follow-up and check on or after the record’s 建档 and every follow-up within an enrolment', () => {
    const established = new Map(all.residents.map((r) => [r.id, r.established]));
    const before = (resident: string, date: string) => {
      const e = established.get(resident);
      return e != null && date < e;
    };
    expect(all.enrolments.filter((e) => before(e.resident, e.start))).toEqual([]);
    expect(all.followups.filter((f) => before(f.resident, f.date))).toEqual([]);
    expect(all.checks.filter((c) => before(c.resident, c.date))).toEqual([]);
    const starts = new Map<string, string[]>();
    for (const e of all.enrolments) {
      const k = `${e.resident}|${e.program}`;
      starts.set(k, [...(starts.get(k) ?? []), e.start]);
    }
    const outside = all.followups.filter(
      (f) => !(starts.get(`${f.resident}|${f.program}`) ?? []).some((s) => s <= f.date),
    );
    expect(outside).toEqual([]);
    // records are still established over the years, not all on the day of a first visit
    expect(all.residents.filter((r) => r.established).length / all.residents.length).toBeGreaterThan(0.85);
  });

  it('is calibrated to the published rates for the last year', () => {
    const end = `${YEAR}-12-31`;
    const present = all.residents.filter((r) => !r.deathDate && !r.movedOut);
    const adults35 = present.filter((r) => Number(end.slice(0, 4)) - Number(r.birthDate.slice(0, 4)) >= 35);
    const found = new Set(all.conditions.filter((c) => c.icd10 === 'I10').map((c) => c.resident));
    const foundShare = adults35.filter((r) => found.has(r.id)).length / adults35.length;
    expect(foundShare).toBeGreaterThan(0.22);
    expect(foundShare).toBeLessThan(0.28);
    const managed = values.find((v) => v.code === 'hypertension-management')!.denominator;
    expect(managed / adults35.length).toBeGreaterThan(0.1);
    expect(managed / adults35.length).toBeLessThan(0.16);
    expect(rate('ehr-coverage')).toBeCloseTo(90, -0.7);
    expect(rate('family-doctor-signing')).toBeCloseTo(45, -0.7);
    expect(rate('family-doctor-signing-key')).toBeCloseTo(75, -0.7);
    expect(rate('hypertension-management')).toBeCloseTo(70, -0.9);
    expect(rate('diabetes-management')).toBeCloseTo(70, -1);
    expect(rate('hypertension-bp-control')).toBeCloseTo(60, -0.9);
    expect(rate('diabetes-glucose-control')).toBeCloseTo(60, -1);
    expect(rate('elderly-health-management')).toBeCloseTo(70, -0.7);
    expect(rate('child-0-6-health-management')).toBeGreaterThan(85);
    expect(rate('child-u3-system-management')).toBeGreaterThan(75);
    expect(rate('maternal-system-management')).toBeCloseTo(88, -1);
    expect(rate('smi-management')).toBeGreaterThan(80);
    expect(values.every((v) => v.denominator > 0)).toBe(true);
    // The first year of the range is signed and followed up too (contracts are renewed yearly).
    const first = evaluateCare(all, YEAR - 1);
    const firstRate = (code: CareIndicatorCode) => first.find((v) => v.code === code)!.value!;
    expect(firstRate('family-doctor-signing')).toBeGreaterThan(38);
    expect(firstRate('hypertension-management')).toBeCloseTo(70, -0.9);
  });

  it('leaves some patients overdue when visits are cut off at asOf', () => {
    const cut = merge(generateCareDemo({ ...input, villages: villages.slice(0, 4), asOf: `${YEAR}-11-15` }));
    expect(cut.followups.every((f) => f.date <= `${YEAR}-11-15`)).toBe(true);
    expect(cut.checks.every((c) => c.date <= `${YEAR}-11-15`)).toBe(true);
    const r = evaluateCare(cut as CareRecords, YEAR).find((v) => v.code === 'hypertension-management')!;
    expect(r.value!).toBeLessThan(rate('hypertension-management'));
  });
});
