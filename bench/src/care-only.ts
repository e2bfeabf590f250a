// The care benchmarks alone (care-indicators.ts), on the demo city at BENCH_SCALE (default 1), embedded or on
// BENCH_DATABASE_URL's PostgreSQL server: `npx tsx bench/src/care-only.ts` prints JSON. The full `npm run bench`
// runs them too; this is the quick loop while working on the care paths.
import { performance } from 'node:perf_hooks';
import { resetDemo } from '@weijian/server/demo/load-demo';
import { benchEngine, openBenchApp } from './bench-db.ts';
import { benchCare } from './care-indicators.ts';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const bench = await openBenchApp({}, { onDisk: true });
try {
  const t = performance.now();
  await resetDemo(bench.ctx, { scale });
  const demoLoadMs = Math.round(performance.now() - t);
  const care = await benchCare(bench.ctx, benchEngine);
  process.stdout.write(`${JSON.stringify({ scale, engine: benchEngine, demoLoadMs, care }, null, 2)}\n`);
} finally {
  await bench.close();
}
