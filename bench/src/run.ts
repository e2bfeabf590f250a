// Benchmarks of the registry: prints JSON. Run with `npm run bench` at the repository root.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { generateDemoCity } from '@weijian/core/demo';
import { buildApp } from '@weijian/server/app';
import { resetDemo } from '@weijian/server/demo/load-demo';
import { benchAccessEdit } from './access-edit.ts';
import { benchAccessPlace } from './access-place.ts';
import { benchAccessTravel } from './access-travel.ts';
import { benchEngine, openBenchApp } from './bench-db.ts';
import { benchCare } from './care-indicators.ts';
import { benchListPages } from './lists.ts';
import { benchPlanning } from './planning.ts';
import { benchStartup } from './startup.ts';
import { benchFarringtonVsR, benchSurveillance } from './surveillance.ts';
import { benchSurveillanceThroughput } from './surveillance-throughput.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const results: Record<string, unknown> = {
  scale,
  engine: benchEngine,
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
};

const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number) => Math.round(x * 100) / 100;
let ctxRef: { cache: { enabled: boolean } } | null = null;
/** Runs fn with the read cache off: the figures of the database path itself. */
async function withoutCache<T>(fn: () => Promise<T>): Promise<T> {
  const was = ctxRef!.cache.enabled;
  ctxRef!.cache.enabled = false;
  try {
    return await fn();
  } finally {
    ctxRef!.cache.enabled = was;
  }
}

// The process's resident set, sampled through the whole run (the embedded server's memory: PGlite runs in
// this process); reported at the end as rssPeakMb.
let rssPeak = process.memoryUsage().rss;
const rssSampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 50);
rssSampler.unref();

// farringtonFlexible against R first, on a small heap (see benchFarringtonVsR); reported under surveillance.
const farringtonVsR = benchFarringtonVsR();

// BENCH_DATABASE_URL runs the app on a fresh database of that PostgreSQL server (bench-db.ts); embedded, its
// data directory is on disk as with `weijian serve`, so the peak RSS is the server's.
const [bench, ctxMs] = await time(() => openBenchApp({}, { onDisk: true }));
const ctx = bench.ctx;
results.contextStartMs = round(ctxMs);
ctxRef = ctx;

// 1. Demo load: generation + bulk load into PGlite, against generation alone.
const [demo, loadMs] = await time(() => resetDemo(ctx, { scale }));
const tree = await ctx.services.registry.areas.tree();
const year = new Date().getFullYear();
const inputs = tree
  .childrenIn('4107', year)
  .flatMap((c) => [
    { code: c.code, name: c.name, level: 3 as const, parentCode: '4107', urbanRural: null },
    ...tree
      .childrenIn(c.code, year)
      .flatMap((t) => [
        { code: t.code, name: t.name, level: 4 as const, parentCode: c.code, urbanRural: null },
        ...tree
          .childrenIn(t.code, year)
          .map((v) => ({ code: v.code, name: v.name, level: 5 as const, parentCode: t.code, urbanRural: '220' })),
      ]),
  ]);
const [, genMs] = await time(() => generateDemoCity(inputs, { scale }));
results.demoLoad = {
  institutions: demo.institutions,
  yearlyReports: demo.resources,
  populationRows: demo.population,
  totalMs: round(loadMs),
  generationOnlyMs: round(genMs),
  ratioToGeneration: round(loadMs / genMs),
  targetMs: 60_000,
  pass: loadMs < 60_000,
};
// `weijian demo` targets (issue 13): < 30 s embedded at scale 1, < 90 s on PostgreSQL at scale 10.
const demoTarget = benchEngine === 'pglite' ? (scale === 1 ? 30_000 : null) : scale === 10 ? 90_000 : null;
const startupDemo = {
  scale,
  ms: round(loadMs),
  cards: (demo as { surveillance?: { cases?: number } }).surveillance?.cases ?? null,
  targetMs: demoTarget,
  pass: demoTarget === null ? null : loadMs < demoTarget,
};

// 2. Summary of all counties × 10 years, warm, against one aggregate query per county-year.
const counties = tree.childrenIn('4107', 2025).map((c) => c.code);
await ctx.services.registry.summaries.summaries(counties, 2016, 2025); // warm the per-year tree indexes
const runs: number[] = [];
await withoutCache(async () => {
  for (let i = 0; i < 10; i++)
    runs.push((await time(() => ctx.services.registry.summaries.summaries(counties, 2016, 2025)))[1]);
});
const cachedRuns: number[] = [];
for (let i = 0; i < 10; i++)
  cachedRuns.push((await time(() => ctx.services.registry.summaries.summaries(counties, 2016, 2025)))[1]);
const naiveRuns: number[] = [];
for (let i = 0; i < 3; i++) {
  naiveRuns.push(
    (
      await time(async () => {
        for (const c of counties)
          for (let y = 2016; y <= 2025; y++)
            await ctx.db.query(
              `select sum(r.beds_actual), sum(r.doctors), sum(r.nurses), sum(r.general_practitioners)
                 from institution_resources r join institutions i on i.id = r.institution_id
                where r.year = $1 and i.area_code like $2`,
              [y, `${c}%`],
            );
      })
    )[1],
  );
}
const median = (xs: number[]) => pct(xs, 50);
results.summaryAllCounties = {
  counties: counties.length,
  years: 10,
  medianMs: round(median(runs)),
  p95Ms: round(pct(runs, 95)),
  readCacheHitMedianMs: round(median(cachedRuns)),
  naivePerCountyYearMedianMs: round(median(naiveRuns)),
  speedupVsNaive: round(median(naiveRuns) / median(runs)),
  targetMs: 200,
  pass: median(runs) < 200,
};

results.planning = await benchPlanning(ctx);

// 3. List endpoint under 20 concurrent clients over real HTTP, against /api/health under the same load.
const app = await buildApp(ctx);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: 'weijian-demo' }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
type ListPage = { items: unknown[]; nextCursor: string | null };
const getPage = async (url: string) =>
  (await (await fetch(`${base}${url}`, { headers: { cookie } })).json()) as ListPage;
/**
 * The cursors of a middle and of the last page of 50 of a list (keyset paging: a page is reached from the one
 * before it). Walked once, 500 rows a step, then pages of 50 from the start of the last step to the end.
 */
async function pageCursors(url: string): Promise<string[]> {
  const steps: (string | null)[] = [null];
  for (let p = await getPage(`${url}&limit=500`); p.nextCursor; ) {
    steps.push(p.nextCursor);
    p = await getPage(`${url}&limit=500&cursor=${p.nextCursor}`);
  }
  let cursor = steps.at(-1) ?? null;
  let last = cursor;
  for (;;) {
    const p = await getPage(`${url}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    if (!p.nextCursor) break;
    last = cursor = p.nextCursor;
  }
  return [steps[Math.floor(steps.length / 2)], last].filter((c): c is string => !!c);
}
// A user's browsing mix: the first, a middle and the last page of every county and of the whole city,
// category filters, grades, searches and sorts.
const listUrls: string[] = [];
const deepUrls: string[] = [];
for (const area of [...counties, null]) {
  const url = `/api/v1/institutions?${area ? `area=${area}` : 'sort=area'}`;
  listUrls.push(`${url}&limit=50`);
  for (const cursor of await pageCursors(url)) deepUrls.push(`${url}&limit=50&cursor=${cursor}`);
}
listUrls.push(...deepUrls);
for (const c of counties) {
  listUrls.push(`/api/v1/institutions?area=${c}&category=A&sort=-grade&limit=50`);
  listUrls.push(`/api/v1/institutions?area=${c}&category=C&limit=50`);
}
for (const q of ['%E5%8D%AB%E7%94%9F%E9%99%A2', '%E4%BA%BA%E6%B0%91%E5%8C%BB%E9%99%A2', '%E8%AF%8A%E6%89%80'])
  listUrls.push(`/api/v1/institutions?q=${q}&limit=50`);
listUrls.push(
  '/api/v1/institutions?limit=50',
  '/api/v1/institutions?grade=3&limit=50',
  '/api/v1/institutions?ownership=private&sort=-grade&limit=100',
);
async function load(urls: string[], n: number, concurrency = 20) {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: { base, urls, n, concurrency, cookie },
  });
  const { lat, errors, wallMs } = await new Promise<{ lat: number[]; errors: number; wallMs: number }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await worker.terminate();
  return {
    p50: round(pct(lat, 50)),
    p95: round(pct(lat, 95)),
    p99: round(pct(lat, 99)),
    rps: round((n / wallMs) * 1000),
    errors,
  };
}
await load(listUrls, 200); // warm-up
const health = await load(['/api/health'], requests);
const list = await load(listUrls, requests);
// The same mix with every read going to the database (WEIJIAN_READ_CACHE=off behaviour).
const uncached = await withoutCache(() => load(listUrls, Math.min(requests, 600)));
// Only the middle and last pages, from the database: what paging deep into a list costs.
const deepUncached = await withoutCache(() => load(deepUrls, Math.min(requests, 600)));
results.listP95 = {
  concurrency: 20,
  requests,
  distinctUrls: listUrls.length,
  pages: 'first, a middle and the last page (by cursor) of every county and of the whole city, among filters',
  institutions: list,
  institutionsWithoutReadCache: uncached,
  middleAndLastPagesWithoutReadCache: deepUncached,
  healthBaseline: health,
  p95RatioToHealth: round(list.p95 / health.p95),
  targetP95Ms: 50,
  pass: list.p95 < 50 && list.errors === 0,
};
// The same pages one at a time, keyset against the former offset statement (bench/src/lists.ts).
results.listPages = await benchListPages(ctx, counties);
await app.close();
// Care (issue 15): indicators of every township, work list, lookup, follow-up → dashboard, bulk writer
// (care-indicators.ts) on the demo's care records (smallest county; WEIJIAN_CARE_DEMO=city: all counties).
results.care = await benchCare(ctx, benchEngine);
// Concurrent single-card reporting with the detection worker, and the latest-week run (surveillance-throughput.ts).
results.surveillanceThroughput = await benchSurveillanceThroughput(ctx);
// Access: coverage + 2SFCA of the city after an institution edit, against the cold first computation (access-edit.ts).
results.accessEdit = await benchAccessEdit(ctx);
await bench.close();
// Early warning: detectors against R, detection at city scale, bulk ingestion (own databases).
results.surveillance = await benchSurveillance(farringtonVsR);
clearInterval(rssSampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
results.rssPeakMb = { mb: Math.round(rssPeak / 2 ** 20), targetMb: 500, pass: rssPeak < 500 * 2 ** 20 };
// Facility placement (MCLP, LSCP) on a synthetic road network, exact with HiGHS (access-place.ts).
results.accessPlace = await benchAccessPlace();
// Travel times on a road network (access-travel.ts): pure computation, after the peak RSS above too.
results.accessTravel = benchAccessTravel();
// Start-up last, after the peak RSS above (it opens several databases side by side, which is no server's
// footprint): an empty database to a ready app against the former path, and from the prepared template.
results.startup = { ...(await benchStartup()), demo: startupDemo };
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
