// The plan monitoring benchmarks alone, on the demo city at BENCH_SCALE (default 1), embedded or on
// BENCH_DATABASE_URL's PostgreSQL server: `BENCH_SCALE=10 npx tsx bench/src/planning-only.ts` prints JSON.
import { performance } from 'node:perf_hooks';
import { resetDemo } from '@weijian/server/demo/load-demo';
import { openBenchApp } from './bench-db.ts';
import { benchPlanning } from './planning.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const bench = await openBenchApp();
try {
  const t = performance.now();
  await resetDemo(bench.ctx, { scale });
  const demoLoadMs = Math.round(performance.now() - t);
  const planning = await benchPlanning(bench.ctx);
  process.stdout.write(`${JSON.stringify({ scale, demoLoadMs, planning }, null, 2)}\n`);
} finally {
  await bench.close();
}
