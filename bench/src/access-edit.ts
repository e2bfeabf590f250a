// Access after a facility edit (issue 17 target: coverage and 2SFCA for the whole city after a facility edit
// < 1 s), on the app `run.ts` loaded the demo into, over HTTP (inject): the city's 15-minute coverage plus its
// 2SFCA of beds per township, on the demo's synthetic drive network. Baseline in the same run: the first (cold)
// computation, which snaps every village and contracts the network. Then: the same requests again (cached),
// after one institution's beds change, after a clinic is added, and after a population edit (which moves no
// village). Wall and CPU ms each. Standalone: `npx tsx bench/src/access-edit.ts` (loads the demo itself).
import { performance } from 'node:perf_hooks';
import type { AccessServices } from '@weijian/server/access/services';
import { type App, buildApp } from '@weijian/server/app';

const round = (x: number) => Math.round(x * 100) / 100;

export async function benchAccessEdit(ctx: App, year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()) {
  const app = await buildApp(ctx);
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'weijian-demo' },
    });
    const cookie = (login.headers['set-cookie'] as string | string[] | undefined)?.toString().split(';')[0] ?? '';
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const r = await app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload: payload as never });
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return r.json();
    };
    const stats = (ctx.services.access as AccessServices).analysis.cacheStats;
    /** Coverage of the city at 15 minutes and 2SFCA of beds per township: what the map asks after an edit. */
    const both = async () => {
      const before = { ...stats };
      const cpu = process.cpuUsage();
      const t = performance.now();
      const coverage = await call('GET', '/access/coverage?area=4107&minutes=15');
      const fca = await call('GET', '/access/fca?area=4107&resource=bedsActual&minutes=30&level=township');
      const ms = performance.now() - t;
      const d = process.cpuUsage(cpu);
      return {
        ms: round(ms),
        cpuMs: round((d.user + d.system) / 1000),
        share: coverage.area.share as number,
        townships: (fca.items as unknown[]).length,
        // What the point caches computed for these two requests (villages and institutions snapped, catchment
        // rows and columns searched).
        snapped: stats.snapped - before.snapped,
        snapReused: stats.snapReused - before.snapReused,
        rowsComputed: stats.rowsComputed - before.rowsComputed,
        columnsComputed: stats.columnsComputed - before.columnsComputed,
      };
    };
    const cold = await both();
    const cached = await both();
    // A hospital's beds change (its yearly report).
    const hospitals = await call('GET', '/institutions?area=4107&category=A&limit=1');
    const hospital = hospitals.items[0] as { id: number };
    const reports = await call('GET', `/institutions/${hospital.id}/resources`);
    const report = (reports.items as { year: number; version: number }[]).find((r) => r.year === year);
    await call('PUT', `/institutions/${hospital.id}/resources/${year}`, { bedsActual: 999, version: report?.version });
    const afterBeds = await both();
    // A new village clinic where the city's least-covered village is.
    // The demo's village clinics leave no village outside 15 minutes of some institution; then the clinic goes
    // to the village farthest from its nearest one, so the edit still snaps and searches a new point.
    const uncovered = await call('GET', '/access/uncovered?area=4107&minutes=15');
    const nearest = uncovered.items.length ? null : await call('GET', '/access/nearest?area=4107');
    const farthest = ((nearest?.items ?? []) as { code: string; lng: number; lat: number; minutes: number | null }[])
      .filter((v) => v.minutes !== null)
      .sort((a, b) => b.minutes! - a.minutes!)[0];
    const village = (uncovered.items[0] ?? farthest) as { code: string; lng: number; lat: number } | undefined;
    let afterClinic: Awaited<ReturnType<typeof both>> | null = null;
    if (village) {
      await call('POST', '/institutions', {
        name: '基准测试村卫生室',
        category: 'D4',
        ownership: 'government',
        forProfit: false,
        areaCode: village.code,
        lng: village.lng + 0.0005,
        lat: village.lat,
      });
      afterClinic = await both();
    }
    const edits = [afterBeds, afterClinic].filter((x) => x !== null);
    const worst = Math.max(...edits.map((e) => e.ms));
    return {
      what: 'GET coverage (city, 15 min) + GET fca (city, beds, 30 min, townships), in-process HTTP',
      coldBaseline: cold,
      cached,
      afterBedsEdit: afterBeds,
      afterClinicAdded: afterClinic,
      speedupVsCold: round(cold.ms / worst),
      targetMs: 1000,
      pass: worst < 1000,
    };
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openBenchApp } = await import('./bench-db.ts');
  const { resetDemo } = await import('@weijian/server/demo/load-demo');
  const bench = await openBenchApp({}, { onDisk: true });
  await resetDemo(bench.ctx, { scale: 1 });
  process.stdout.write(`${JSON.stringify(await benchAccessEdit(bench.ctx), null, 2)}\n`);
  await bench.close();
}
