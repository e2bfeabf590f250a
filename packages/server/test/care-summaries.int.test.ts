// Migration 032's per-resident-year summaries stay equal to the live joins (indicators-sql.ts MEASURES_SQL) and
// to core's evaluateCare through every kind of write: a bulk import, single inserts, edits and deletes of
// follow-ups, checks, enrolments, contracts and residents (death, move-out, merge, a record withdrawn), a
// second import, and a follow-up dated in a year not yet materialised (the whole county computed for it).
// The in-memory records are edited alongside the database, and the oracle is evaluated on them.
import { type CareRecords, evaluateCare } from '@weijian/core/care';
import { Rng } from '@weijian/core/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTeams } from '../src/care/bulk-repo.ts';
import { MEASURES_SQL, SUMMARY_MEASURES_SQL } from '../src/care/indicators-sql.ts';
import type { CareServices } from '../src/care/services.ts';
import { PAIRS, randomRecords, storeRecords } from './care-random.ts';
import { createInstitution } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const COUNTY = '410782';
const TOWNSHIPS = ['410782001', '410782002', '410782101'];
// 2015: active only through establishment dates (read live); 2022–2025: follow-ups and checks (summarised).
const YEARS = [2015, 2022, 2023, 2024, 2025];

type Mutable = {
  residents: CareRecords['residents'][number][];
  enrolments: CareRecords['enrolments'][number][];
  followups: CareRecords['followups'][number][];
  checks: CareRecords['checks'][number][];
  contracts: CareRecords['contracts'][number][];
};

describe.each(ENGINES)('care summaries on %s', (engine) => {
  let t: TestApp;
  let care: CareServices;
  let team = 0;
  const rng = new Rng(32);
  const ids = new Map<string, number>();
  const byTownship = new Map<string, Mutable>();
  const all = (): CareRecords => {
    const v = [...byTownship.values()];
    return {
      residents: v.flatMap((r) => r.residents),
      enrolments: v.flatMap((r) => r.enrolments),
      followups: v.flatMap((r) => r.followups),
      checks: v.flatMap((r) => r.checks),
      contracts: v.flatMap((r) => r.contracts),
    };
  };
  const load = async (township: string, n: number) => {
    const recs = randomRecords(rng, township, n) as unknown as Mutable;
    byTownship.set(township, recs);
    await care.db.tx((q) => storeRecords(q, care.protector, COUNTY, team, recs as unknown as CareRecords, ids));
  };
  const residentsOf = (pick: (r: Mutable['residents'][number], i: number) => boolean) =>
    all().residents.filter((r, i) => pick(r, i));

  /** The summaries against the live joins (row for row), and the measures against the oracle. */
  const agree = async (label: string) => {
    const { rows: years } = await care.db.query<{ year: number }>(
      'select year from care_summary_years where county_code = $1 order by 1',
      [COUNTY],
    );
    const summarised = years.map((y) => y.year);
    for (const y of [2022, 2023, 2024, 2025]) expect(summarised, label).toContain(y);
    const sorted = (rows: { code: string }[]) =>
      [...rows].sort((a, b) => a.code.localeCompare(b.code)).map((r) => JSON.stringify(r));
    // Row for row in the years the oracle is asked about, the new year and the current year (the live joins
    // take seconds a year on PGlite).
    for (const year of summarised.filter((y) => y === 2016 || y >= 2022)) {
      const live = await care.db.query<{ code: string }>(MEASURES_SQL, [
        `${COUNTY}%`,
        `${year}-01-01`,
        `${year}-12-31`,
        year,
      ]);
      const kept = await care.db.query<{ code: string }>(SUMMARY_MEASURES_SQL, [`${COUNTY}%`, year]);
      expect(sorted(kept.rows), `${label}: summaries of ${year}`).toEqual(sorted(live.rows));
    }
    const tree = await care.areas.tree();
    const table = await care.indicators.measuresMany(tree, [COUNTY, ...TOWNSHIPS], YEARS[0]!, YEARS.at(-1)!);
    let compared = 0;
    for (const year of YEARS) {
      for (const [area, records] of [[COUNTY, all()] as const, ...[...byTownship].map(([k, v]) => [k, v] as const)]) {
        const m = table.get(area, year);
        expect(m, `${label}: ${area} ${year}`).toBeDefined();
        for (const o of evaluateCare(records as unknown as CareRecords, year)) {
          const [num, den] = PAIRS[o.code]!;
          expect([m!.values[num], m!.values[den]], `${label}: ${o.code} ${area} ${year}`).toEqual([
            o.numerator,
            o.denominator,
          ]);
          if (o.denominator > 0) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  };

  beforeAll(async () => {
    t = await makeApp(engine);
    const admin = await t.login('admin');
    care = t.ctx.services.care as CareServices;
    const institution = await createInstitution(t, admin, '辉县市某镇卫生院', TOWNSHIPS[0]!);
    [team] = (await insertTeams(care.db, [
      { county: COUNTY, code: 'T1', institutionId: institution, name: '一队', leadName: '张医生' },
    ])) as [number];
    await load(TOWNSHIPS[0]!, 200);
    await load(TOWNSHIPS[1]!, 200);
  }, 300_000);
  afterAll(() => t?.close());

  it('agree after a bulk import', async () => {
    await agree('import');
  }, 180_000);

  it('agree after single inserts, edits and deletes of every record kind', async () => {
    const rec = byTownship.get(TOWNSHIPS[0]!)!;
    const db = (id: string) => ids.get(id)!;
    // Single follow-ups (one statement each, as the follow-up form saves them): face-to-face and phone, one
    // before the enrolment's start.
    const patients = [...new Set(rec.enrolments.filter((e) => e.program === 'hypertension').map((e) => e.resident))];
    for (const [n, p] of patients.slice(0, 12).entries()) {
      const f = {
        resident: p,
        program: 'hypertension' as const,
        date: `2024-${String((n % 12) + 1).padStart(2, '0')}-15`,
        mode: n % 3 === 0 ? ('phone' as const) : ('clinic' as const),
        sbp: n % 4 === 0 ? null : 120 + n * 3,
        dbp: n % 4 === 0 ? null : 75 + n,
        fbg: null,
      };
      rec.followups.push(f);
      await care.db.query(
        `insert into care_followups (county_code, resident_id, program, date, mode, sbp, dbp)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [COUNTY, db(p), f.program, f.date, f.mode, f.sbp, f.dbp],
      );
    }
    // Follow-ups edited (to phone; a reading changed) and deleted.
    const edited = patients.slice(12, 30).map(db);
    await care.db.query(
      `update care_followups set mode = 'phone' where county_code = $1 and resident_id = any($2) and date >= '2024-07-01'`,
      [COUNTY, edited],
    );
    for (const f of rec.followups)
      if (edited.includes(db(f.resident)) && f.date >= '2024-07-01') (f as { mode: string }).mode = 'phone';
    const raised = patients.slice(30, 45).map(db);
    await care.db.query(
      `update care_followups set sbp = 150 where county_code = $1 and resident_id = any($2) and sbp is not null`,
      [COUNTY, raised],
    );
    for (const f of rec.followups) if (raised.includes(db(f.resident)) && f.sbp !== null) f.sbp = 150;
    const cut = patients.slice(45, 60).map(db);
    await care.db.query(
      `delete from care_followups where county_code = $1 and resident_id = any($2) and date < '2024-06-01'`,
      [COUNTY, cut],
    );
    rec.followups = rec.followups.filter((f) => !(cut.includes(db(f.resident)) && f.date < '2024-06-01'));

    // Enrolments ended (the patient leaves the programme in 2024) and moved later.
    const ended = patients.slice(60, 70).map(db);
    await care.db.query(
      `update care_enrolments set end_date = '2024-05-01' where county_code = $1 and resident_id = any($2)
          and program = 'hypertension' and start_date <= '2024-05-01'`,
      [COUNTY, ended],
    );
    for (const e of rec.enrolments)
      if (ended.includes(db(e.resident)) && e.program === 'hypertension' && e.start <= '2024-05-01')
        e.end = '2024-05-01';

    // Checks: some deleted, some marked incomplete.
    const checked = [...new Set(rec.checks.map((c) => c.resident))];
    const gone = checked.slice(0, 15).map(db);
    await care.db.query('delete from care_checks where county_code = $1 and resident_id = any($2)', [COUNTY, gone]);
    rec.checks = rec.checks.filter((c) => !gone.includes(db(c.resident)));
    const partial = checked.slice(15, 30).map(db);
    await care.db.query(
      `update care_checks set complete = false where county_code = $1 and resident_id = any($2) and type = 'elderly-annual'`,
      [COUNTY, partial],
    );
    for (const c of rec.checks)
      if (partial.includes(db(c.resident)) && c.type === 'elderly-annual')
        (c as { complete: boolean }).complete = false;

    // Contracts cancelled.
    const signed = [...new Set(rec.contracts.map((c) => c.resident))].slice(0, 20).map(db);
    await care.db.query('update care_contracts set cancelled = true where county_code = $1 and resident_id = any($2)', [
      COUNTY,
      signed,
    ]);
    rec.contracts = rec.contracts.filter((c) => !signed.includes(db(c.resident)));

    // Residents: died in 2024, moved out at the end of 2023, record withdrawn, merged into another, deleted.
    const [dead, moved, unrecorded, merged, deleted] = [0, 1, 2, 3, 4].map((k) =>
      residentsOf((_, i) => i % 17 === k && i < 200),
    );
    const set = async (sql: string, rs: typeof dead) => care.db.query(sql, [COUNTY, rs!.map((r) => db(r.id))]);
    await set(`update care_residents set death_date = '2024-08-08' where county_code = $1 and id = any($2)`, dead);
    for (const r of dead!) r.deathDate = '2024-08-08';
    await set(`update care_residents set moved_out = '2023-12-31' where county_code = $1 and id = any($2)`, moved);
    for (const r of moved!) r.movedOut = '2023-12-31';
    await set(`update care_residents set established = null where county_code = $1 and id = any($2)`, unrecorded);
    for (const r of unrecorded!) r.established = null;
    const survivor = db(rec.residents.at(-1)!.id);
    await care.db.query('update care_residents set merged_into = $3 where county_code = $1 and id = any($2)', [
      COUNTY,
      merged!.map((r) => db(r.id)),
      survivor,
    ]);
    await set('delete from care_residents where county_code = $1 and id = any($2)', deleted);
    const removed = new Set([...merged!, ...deleted!].map((r) => r.id));
    rec.residents = rec.residents.filter((r) => !removed.has(r.id));
    await agree('edits');
  }, 300_000);

  it('agree after a second import and a follow-up in a year not yet summarised', async () => {
    await load(TOWNSHIPS[2]!, 150);
    const { rows: before } = await care.db.query(
      'select 1 from care_summary_years where county_code = $1 and year = 2016',
      [COUNTY],
    );
    expect(before).toHaveLength(0);
    const rec = byTownship.get(TOWNSHIPS[2]!)!;
    const e = rec.enrolments.find((x) => x.program === 'diabetes' && x.start < '2016-06-01' && !x.end) ?? {
      resident: rec.residents.find((r) => r.birthDate < '1980-01-01' && !r.deathDate && !r.movedOut)!.id,
      program: 'diabetes' as const,
      start: '2016-02-01',
      end: null,
    };
    if (!rec.enrolments.includes(e)) {
      rec.enrolments.push(e);
      await care.db.query(
        'insert into care_enrolments (county_code, resident_id, program, start_date) values ($1, $2, $3, $4)',
        [COUNTY, ids.get(e.resident), e.program, e.start],
      );
    }
    const f = { resident: e.resident, program: 'diabetes' as const, date: '2016-11-11', mode: 'home' as const };
    rec.followups.push({ ...f, sbp: null, dbp: null, fbg: 6.1 });
    await care.db.query(
      `insert into care_followups (county_code, resident_id, program, date, mode, fbg) values ($1, $2, $3, $4, $5, 6.1)`,
      [COUNTY, ids.get(f.resident), f.program, f.date, f.mode],
    );
    const { rows: after } = await care.db.query<{ n: number }>(
      `select count(*)::int as n from care_summaries where county_code = $1 and year = 2016`,
      [COUNTY],
    );
    expect(after[0]!.n).toBeGreaterThan(100);
    await agree('second import');
    const tree = await care.areas.tree();
    const m = await care.indicators.measuresMany(tree, [COUNTY], 2016, 2016);
    const o = evaluateCare(all(), 2016).find((v) => v.code === 'diabetes-glucose-control')!;
    expect(m.get(COUNTY, 2016)!.values['diabetes-controlled']).toBe(o.numerator);
    expect(o.numerator).toBeGreaterThan(0);
  }, 300_000);
});
