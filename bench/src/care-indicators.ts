// Care benchmarks (issue 15 Targets), on the app `run.ts` loaded the demo into (full care records for the
// smallest county; with WEIJIAN_CARE_DEMO=city every county, e.g. on PostgreSQL at --scale 1 the city's
// 6.25 M residents):
// - all care measures for every township of the city for one year (uncached), against a count of the care
//   residents in the same run (the floor of any pass over them); and for one county;
// - the plan engine's 13 care indicators for every township (what a dashboard asks), uncached;
// - a doctor's work list (p95 over HTTP), against GET /health;
// - a resident looked up by 身份证号 (HTTP search, HMAC index), against GET /health;
// - a follow-up saved over HTTP → the next plan evaluation of its county shows it (ms);
// - bulk writer throughput (residents + records per second through bulk-repo.ts, the path NDJSON import uses).
import { performance } from 'node:perf_hooks';
import { type CareDemoChunk, generateCareDemo } from '@weijian/core/care';
import type { App } from '@weijian/server/app';
import { buildApp } from '@weijian/server/app';
import { insertChecks, insertEnrolments, insertFollowups, insertResidents } from '@weijian/server/care/bulk-repo';
import { MEASURES_SQL } from '@weijian/server/care/indicators-sql';
import type { CareServices } from '@weijian/server/care/services';

const round = (x: number) => Math.round(x * 100) / 100;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const time = async <T>(fn: () => Promise<T>): Promise<[T, number, number]> => {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const cpu = process.cpuUsage(c);
  return [out, performance.now() - t, (cpu.user + cpu.system) / 1000];
};

const CARE_CODES = [
  'ehr-coverage',
  'family-doctor-signing',
  'family-doctor-signing-key',
  'hypertension-management',
  'hypertension-bp-control',
  'diabetes-management',
  'diabetes-glucose-control',
  'smi-management',
  'smi-standard-management',
  'elderly-health-management',
  'maternal-system-management',
  'child-u3-system-management',
  'child-0-6-health-management',
];

export async function benchCare(ctx: App, engine: 'pglite' | 'postgres', year = 2025) {
  const care = ctx.services.care as CareServices;
  const planning = ctx.services.planning as {
    indicators: { values(c: string[], a: string[], f: number, t: number): Promise<unknown> };
  };
  const tree = await care.areas.tree();
  const counties = tree.childrenIn('4107', year).map((c) => c.code);
  const townships = counties.flatMap((c) => tree.childrenIn(c, year).map((t) => t.code));
  const { rows: sizes } = await ctx.db.query<{ county: string; n: number; f: number }>(
    `select r.county_code as county, count(*)::float8 as n,
            (select count(*) from care_followups f where f.county_code = r.county_code)::float8 as f
       from care_residents r group by 1 order by 2 desc`,
  );
  const fullCounty = sizes[0]?.county ?? null;
  const residents = sizes.reduce((s, r) => s + r.n, 0);
  const followups = sizes.reduce((s, r) => s + r.f, 0);
  if (!fullCounty) return { skipped: 'no care records in the demo' };

  // 1. Measures for every township of the city, and for the full county's townships, uncached.
  const cityRuns: number[] = [];
  const cityCpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [, ms, cpu] = await time(() => care.indicators.measuresMany(tree, townships, year, year));
    cityRuns.push(ms);
    cityCpu.push(cpu);
  }
  const countyTownships = tree.childrenIn(fullCounty, year).map((t) => t.code);
  const countyRuns: number[] = [];
  for (let i = 0; i < 3; i++)
    countyRuns.push((await time(() => care.indicators.measuresMany(tree, countyTownships, year, year)))[1]);
  const countRuns: number[] = [];
  for (let i = 0; i < 3; i++)
    countRuns.push((await time(() => ctx.db.query('select area_code, count(*) from care_residents group by 1')))[1]);
  // Before migration 032's summaries: the same measures by the live joins over every record table (once).
  const [, liveMs] = await time(() => ctx.db.query(MEASURES_SQL, ['4107%', `${year}-01-01`, `${year}-12-31`, year]));
  // The plan engine's 13 indicators for every township (read cache off: the database path).
  const was = ctx.cache.enabled;
  ctx.cache.enabled = false;
  const [, planMs] = await time(() => planning.indicators.values(CARE_CODES, townships, year, year));
  ctx.cache.enabled = was;

  // 2–4 over HTTP as admin.
  const app = await buildApp(ctx);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: ctx.config.adminPassword ?? 'weijian-demo' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const health: number[] = [];
  for (let i = 0; i < 50; i++) health.push((await time(() => get('/api/v1/health')))[1]);

  const { rows: doctors } = await ctx.db.query<{ id: number }>(
    `select doctor_user_id::float8 as id from care_enrolments where doctor_user_id is not null group by 1 order by count(*) desc limit 1`,
  );
  const { rows: teams } = await ctx.db.query<{ id: number }>(
    `select team_id::float8 as id from care_contracts where county_code = $1 group by 1 order by count(*) desc limit 1`,
    [fullCounty],
  );
  const listUrl = doctors[0]
    ? `/api/v1/care/worklist?doctor=${doctors[0].id}&status=all`
    : `/api/v1/care/worklist?team=${teams[0]?.id}&status=all`;
  const list: number[] = [];
  let listStatus = 0;
  for (let i = 0; i < 50; i++) {
    const [r, ms] = await time(() => get(listUrl));
    listStatus = r.statusCode;
    list.push(ms);
  }

  // Lookup by 身份证号: real ones, unsealed from the stored records.
  const { rows: sealed } = await ctx.db.query<{ e: string }>(
    'select id_enc as e from care_residents where id_enc is not null order by id limit 50',
  );
  const idNumbers = sealed.map((r) => care.protector.decrypt(r.e));
  const lookup: number[] = [];
  let lookupStatus = 0;
  for (let i = 0; i < 50; i++) {
    const [r, ms] = await time(() => get(`/api/v1/care/residents?q=${idNumbers[i % idNumbers.length]}`));
    lookupStatus = r.statusCode;
    lookup.push(ms);
  }

  // 4. A follow-up saved → the county's plan value reflects it.
  const { rows: patient } = await ctx.db.query<{ id: number }>(
    `select resident_id::float8 as id from care_enrolments where county_code = $1 and program = 'hypertension'
      and end_date is null order by id limit 1`,
    [fullCounty],
  );
  let savedToDashboard: Record<string, unknown> = { skipped: 'no hypertension patient' };
  if (patient[0]) {
    await planning.indicators.values(CARE_CODES, [fullCounty], year, year);
    const t0 = performance.now();
    const saved = await app.inject({
      method: 'POST',
      url: '/api/v1/care/followups',
      headers: { cookie },
      payload: {
        residentId: patient[0].id,
        program: 'hypertension',
        date: `${year}-12-30`,
        mode: 'clinic',
        sbp: 128,
        dbp: 78,
      },
    });
    const savedMs = performance.now() - t0;
    await planning.indicators.values(CARE_CODES, [fullCounty], year, year);
    const total = performance.now() - t0;
    savedToDashboard = {
      status: saved.statusCode,
      saveMs: round(savedMs),
      saveToValuesMs: round(total),
      targetMs: 1000,
      pass: saved.statusCode === 201 && total < 1000,
    };
  }
  await app.close();

  // 5. Bulk writer throughput: one synthetic county's worth of lines into a scratch county code.
  const chunk = generateCareDemo({
    seed: 7,
    year,
    villages: Array.from({ length: 20 }, (_, n) => ({
      code: `419999001${String(n + 1).padStart(3, '0')}`,
      bands: [30, 40, 90, 600, 70, 170],
    })),
  }).next().value as CareDemoChunk;
  const lines = chunk.residents.length + chunk.enrolments.length + chunk.followups.length + chunk.checks.length;
  const [, bulkMs] = await time(() =>
    ctx.db.tx(async (q) => {
      const ids = await insertResidents(
        q,
        care.protector,
        chunk.residents.map((r) => ({
          county: '419999',
          externalId: r.id,
          name: r.name,
          sex: r.sex,
          birthDate: r.birthDate,
          areaCode: r.area,
          idNumber: r.idNumber,
          phone: r.phone,
          established: r.established,
          deathDate: r.deathDate,
          movedOut: r.movedOut,
        })),
      );
      const id = new Map(chunk.residents.map((r, n) => [r.id, ids[n]!]));
      await insertEnrolments(
        q,
        chunk.enrolments.map((e) => ({
          county: '419999',
          residentId: id.get(e.resident)!,
          program: e.program,
          start: e.start,
          end: e.end,
          lmp: e.lmp ?? null,
          delivery: e.delivery ?? null,
        })),
      );
      await insertFollowups(
        q,
        chunk.followups.map((f) => ({ county: '419999', residentId: id.get(f.resident)!, ...f })),
      );
      await insertChecks(
        q,
        chunk.checks.map((c) => ({
          county: '419999',
          residentId: id.get(c.resident)!,
          type: c.type,
          date: c.date,
          complete: c.complete,
        })),
      );
    }),
  );
  for (const t of ['care_followups', 'care_checks', 'care_enrolments', 'care_residents'])
    await ctx.db.query(`delete from ${t} where county_code = '419999'`);

  const cityMs = Math.min(...cityRuns);
  return {
    engine,
    year,
    residents,
    followups,
    fullCounty,
    allTownshipsOfCity: {
      townships: townships.length,
      bestMs: round(cityMs),
      cpuMs: round(Math.min(...cityCpu)),
      countResidentsBaselineMs: round(Math.min(...countRuns)),
      liveJoinsBaselineMs: round(liveMs),
      ratioToCount: round(cityMs / Math.min(...countRuns)),
      targetMs: engine === 'postgres' ? 2000 : null,
    },
    oneCounty: {
      bestMs: round(Math.min(...countyRuns)),
      targetMs: engine === 'pglite' ? 1000 : null,
      pass: engine === 'pglite' ? Math.min(...countyRuns) < 1000 : null,
    },
    planEngineAllTownshipsMs: round(planMs),
    worklist: {
      status: listStatus,
      p50: round(pct(list, 50)),
      p95: round(pct(list, 95)),
      healthP95: round(pct(health, 95)),
      ratioToHealth: round(pct(list, 95) / pct(health, 95)),
      targetP95Ms: 50,
      pass: listStatus === 200 && pct(list, 95) < 50,
    },
    lookupById: {
      status: lookupStatus,
      p50: round(pct(lookup, 50)),
      p95: round(pct(lookup, 95)),
      targetMs: 10,
      pass: lookupStatus === 200 && pct(lookup, 50) < 10,
    },
    savedToDashboard,
    bulkWriter: {
      lines,
      ms: round(bulkMs),
      linesPerS: Math.round((lines / bulkMs) * 1000),
      target: engine === 'postgres' ? 20_000 : 5_000,
    },
  };
}
