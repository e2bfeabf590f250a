// farringtonFlexible timed in a process of its own, as R is: the bench process has PGlite's WebAssembly and a
// large heap, whose background compilation and GC threads count in the process CPU time. Prints JSON:
// { msPerPoint, upperbound } for the series and parameters given as JSON on stdin.
import { type FarringtonFlexibleParams, farringtonFlexible } from '@weijian/core/surveillance';

const input = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as {
  observed: number[];
  range: [number, number];
  params: FarringtonFlexibleParams;
};
const series = { observed: input.observed, frequency: 52 as const, range: input.range };
const points = input.range[1] - input.range[0] + 1;
// Steady state on both sides: R runs byte-compiled code from its first call, V8 only once its JIT has
// optimised the fitting loop, which takes some calls.
for (let i = 0; i < 30; i++) farringtonFlexible(series, input.params);
const reps = 100;
const c0 = process.cpuUsage();
let out = farringtonFlexible(series, input.params);
for (let i = 1; i < reps; i++) out = farringtonFlexible(series, input.params);
const d = process.cpuUsage(c0);
process.stdout.write(
  JSON.stringify({ msPerPoint: (d.user + d.system) / 1000 / reps / points, upperbound: out.upperbound }),
);
