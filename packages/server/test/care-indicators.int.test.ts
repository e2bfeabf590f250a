// The care indicators' SQL measures (care/indicators-sql.ts) agree with core's evaluateCare (the oracle of
// issue 15 §6) on random records loaded through the bulk writer: per county and per township, for two years,
// with the edges drawn on purpose (enrolment mid-year and after the year, death and move-out before and after
// the year end, phone follow-ups, follow-ups before enrolment and of another programme, missing readings,
// several readings on the last day, merged records, cancelled contracts). Then the plan side: the catalogue's
// care indicators are computed by the care module (numerator and programme denominator both module measures,
// population denominators from the registry), a follow-up saved changes the next evaluation at once (the
// version of migration 025), the care routes answer figures with definitions and refuse users out of scope.
import { type CareIndicatorValue, type CareRecords, evaluateCare } from '@weijian/core/care';
import { Rng } from '@weijian/core/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCareTables, insertFollowups, insertTeams } from '../src/care/bulk-repo.ts';
import type { CareServices } from '../src/care/services.ts';
import type { PlanningServices } from '../src/planning/services.ts';
import { PAIRS, randomRecords, storeRecords } from './care-random.ts';
import { createInstitution, createUsers, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const COUNTY = '410782'; // 辉县市
const TOWNSHIPS = ['410782001', '410782002'];
const YEARS = [2023, 2024];

describe.each(ENGINES)('care indicators on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let care: CareServices;
  let planning: PlanningServices;
  const byTownship = new Map<string, CareRecords>();
  const dbIds = new Map<string, number>();
  let doctorInstitution = 0;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    care = t.ctx.services.care as CareServices;
    planning = t.ctx.services.planning as PlanningServices;
    doctorInstitution = await createInstitution(t, admin, '辉县市某镇卫生院', TOWNSHIPS[0]!);
    const rng = new Rng(15);
    await care.db.tx(async (q) => {
      const [team] = await insertTeams(q, [
        { county: COUNTY, code: 'T1', institutionId: doctorInstitution, name: '一队', leadName: '张医生' },
      ]);
      for (const township of TOWNSHIPS) {
        const recs = randomRecords(rng, township, 220);
        byTownship.set(township, recs);
        await storeRecords(q, care.protector, COUNTY, team!, recs, dbIds);
      }
    });
    await analyzeCareTables(care.db);
    // A merged duplicate and a cancelled contract: stored, but counted by neither the SQL nor (absent) the oracle.
    const first = byTownship.get(TOWNSHIPS[0]!)!.residents[0]!;
    await care.db.query(
      `insert into care_residents (county_code, name, sex, birth_date, area_code, township_code, established, merged_into)
       values ($1, '重复', 'M', '1950-01-01', $2, $3, '2020-01-01', $4)`,
      [COUNTY, first.area, TOWNSHIPS[0], dbIds.get(first.id)],
    );
    await care.db.query(
      `insert into care_contracts (county_code, resident_id, team_id, start_date, end_date, cancelled)
       select $1, $2, id, '2023-01-01', '2025-12-31', true from care_teams where code = 'T1'`,
      [COUNTY, dbIds.get(first.id)],
    );
  }, 300_000);
  afterAll(() => t?.close());

  it('agrees with evaluateCare per county and per township, numerators and denominators', async () => {
    const tree = await care.areas.tree();
    const all: CareRecords = {
      residents: [...byTownship.values()].flatMap((r) => r.residents),
      enrolments: [...byTownship.values()].flatMap((r) => r.enrolments),
      followups: [...byTownship.values()].flatMap((r) => r.followups),
      checks: [...byTownship.values()].flatMap((r) => r.checks),
      contracts: [...byTownship.values()].flatMap((r) => r.contracts),
    };
    const table = await care.indicators.measuresMany(tree, [COUNTY, ...TOWNSHIPS], YEARS[0]!, YEARS[1]!);
    let compared = 0;
    for (const year of YEARS) {
      for (const [area, records] of [[COUNTY, all] as const, ...[...byTownship].map(([k, v]) => [k, v] as const)]) {
        const m = table.get(area, year);
        expect(m, `${area} ${year}`).toBeDefined();
        const oracle = new Map(evaluateCare(records, year).map((v: CareIndicatorValue) => [v.code, v]));
        for (const [code, [num, den]] of Object.entries(PAIRS)) {
          const o = oracle.get(code as CareIndicatorValue['code'])!;
          expect([m!.values[num], m!.values[den]], `${code} ${area} ${year}`).toEqual([o.numerator, o.denominator]);
          if (o.denominator > 0) compared++;
        }
      }
    }
    // The random records exercise every definition (no 0/0 everywhere).
    expect(compared).toBeGreaterThan(60);
    // Years without any care records: no data, so the plan keeps the reported value.
    const empty = await care.indicators.measuresMany(tree, [COUNTY], 2010, 2010);
    expect(empty.get(COUNTY, 2010)).toBeUndefined();
  }, 180_000);

  it('feeds the plan indicators; a saved follow-up changes the next evaluation at once', async () => {
    const r = await t.call(admin, 'PUT', `/api/v1/areas/${COUNTY}/population/2024`, {
      resident: 400,
      age65Plus: 100,
      age0To2: 30,
      age3To6: 40,
    });
    expect(r.statusCode, r.body).toBe(200);
    const codes = ['hypertension-management', 'ehr-coverage', 'child-0-6-health-management'];
    const before = await planning.indicators.values(codes, [COUNTY], 2024, 2024);
    const htn = before.get('hypertension-management', COUNTY, 2024)!;
    expect(htn).toMatchObject({ kind: 'computed', source: 'care', module: { name: 'care', hasData: true } });
    const num = htn.components['module:care/hypertension-standard']!;
    const den = htn.components['module:care/hypertension-managed']!;
    expect(htn.value).toBeCloseTo((num / den) * 100, 9);
    const ehr = before.get('ehr-coverage', COUNTY, 2024)!;
    expect(ehr.value).toBeCloseTo((ehr.components['module:care/established']! / 400) * 100, 9);
    expect(before.get('child-0-6-health-management', COUNTY, 2024)!.components).toMatchObject({
      'population:age0To2': 30,
      'population:age3To6': 40,
    });

    // A managed patient short of their follow-ups gets the missing ones: the numerator moves.
    const tree = await care.areas.tree();
    const records = byTownship.get(TOWNSHIPS[0]!)!;
    const oracle = evaluateCare(records, 2024).find((v) => v.code === 'hypertension-management')!;
    const short = records.residents.find((res) => {
      const one = {
        ...records,
        residents: [res],
      };
      const v = evaluateCare(one, 2024).find((x) => x.code === 'hypertension-management')!;
      return v.denominator === 1 && v.numerator === 0;
    })!;
    expect(short, 'a patient short of follow-ups').toBeDefined();
    await insertFollowups(
      care.db,
      ['2024-03-01', '2024-06-01', '2024-09-01', '2024-12-01'].map((date) => ({
        county: COUNTY,
        residentId: dbIds.get(short.id)!,
        program: 'hypertension' as const,
        date,
        mode: 'clinic' as const,
        sbp: 130,
        dbp: 80,
      })),
    );
    const after = await planning.indicators.values(codes, [COUNTY], 2024, 2024);
    expect(after.get('hypertension-management', COUNTY, 2024)!.components['module:care/hypertension-standard']).toBe(
      num + 1,
    );
    const township = await care.indicators.measuresMany(tree, [TOWNSHIPS[0]!], 2024, 2024);
    expect(township.get(TOWNSHIPS[0]!, 2024)!.values['hypertension-standard']).toBe(oracle.numerator + 1);
  }, 180_000);

  it('answers the figures with definitions, the map per township, and refuses users out of scope', async () => {
    const r = await t.call(admin, 'GET', `/api/v1/care/indicators?area=${COUNTY}&year=2024`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.indicators).toHaveLength(13);
    const htn = body.indicators.find((f: { code: string }) => f.code === 'hypertension-management');
    expect(htn).toMatchObject({ source: 'care', denominatorSource: 'care' });
    expect(htn.definition.zh).toContain('面对面');
    expect(htn.value).toBeCloseTo((htn.numerator / htn.denominator) * 100, 9);
    const ehr = body.indicators.find((f: { code: string }) => f.code === 'ehr-coverage');
    expect(ehr).toMatchObject({ denominator: 400, denominatorSource: 'registry' });

    const none = (await t.call(admin, 'GET', `/api/v1/care/indicators?area=${COUNTY}&year=2012`)).json();
    expect(none.indicators.every((f: { value: null; source: null }) => f.value === null && f.source === null)).toBe(
      true,
    );

    const map = await t.call(admin, 'GET', `/api/v1/care/indicators/map?area=${COUNTY}&year=2024&code=ehr-coverage`);
    expect(map.statusCode, map.body).toBe(200);
    const areas = map.json().areas as { code: string; numerator: number | null }[];
    const sum = areas.reduce((s, a) => s + (a.numerator ?? 0), 0);
    expect(sum).toBe(ehr.numerator);
    expect(areas.find((a) => a.code === TOWNSHIPS[0])!.numerator).toBeGreaterThan(0);

    expect(
      (await t.call(admin, 'GET', `/api/v1/care/indicators/map?area=${COUNTY}&year=2024&code=nope`)).statusCode,
    ).toBe(400);
    expect((await t.call(null, 'GET', `/api/v1/care/indicators?area=${COUNTY}&year=2024`)).statusCode).toBe(401);
    await createUsers(t, admin, [
      { username: 'cy-official', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
    ]);
    const other = await t.login('cy-official', STRONG);
    expect((await t.call(other, 'GET', `/api/v1/care/indicators?area=${COUNTY}&year=2024`)).statusCode).toBe(403);
    expect((await t.call(other, 'GET', '/api/v1/care/indicators?area=410783&year=2024')).statusCode).toBe(200);
  }, 180_000);
});
