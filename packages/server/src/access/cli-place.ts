// `weijian access place`: facility placement over GeoJSON files, no database — the road network (LineStrings with
// `speed_kmh` or `highway`, and `oneway`), candidate sites and demand points (Points with `id` and optional
// `weight`), read and checked by core's geojson.ts. Travel times on the network (bounded searches for the coverage
// models, the contraction-hierarchy table for p-median), the placement exact with HiGHS where the model fits
// (core placement-solve.ts). Prints
// {"model","sites":[ids],"objective","optimal",…}: objective = number of sites (lscp), covered weight (mclp) or
// weighted minutes (pmedian). Every refusal names the file and the feature, in the run's language, exit 1.
import {
  buildGraph,
  costFrom,
  coverageFrom,
  DRIVE_PROFILE,
  GeoJsonError,
  type PlacementResult,
  type PlacePoint,
  parsePoints,
  parseRoadNetwork,
  snapPoints,
  travelTimes,
} from '@weijian/core/access';
import { type Command, Option } from 'commander';
import { argError, cliLang, intArg, numberArg, readInputFile } from '../platform/cli-args.ts';
import { place } from './solver.ts';

/** A GeoJSON file parsed by core's checks; a refusal names the argument and the file. */
function readGeoJson<T>(arg: string, file: string, parse: (json: unknown) => T): T {
  const body = readInputFile(arg, file);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw argError(
      arg,
      `${file} 不是有效的 JSON：${(e as Error).message}`,
      `${file} is not JSON: ${(e as Error).message}`,
    );
  }
  try {
    return parse(json);
  } catch (e) {
    if (e instanceof GeoJsonError) throw argError(arg, `${file}：${e.text.zh}`, `${file}: ${e.text.en}`);
    throw e;
  }
}

export interface PlaceArgs {
  model: 'lscp' | 'mclp' | 'pmedian';
  network: string;
  candidates: string;
  demand: string;
  minutes: number;
  sites?: number;
  offroadKmh: number;
  snapKm: number;
  timeLimit: number;
}

export interface PlaceAnswer {
  model: PlaceArgs['model'];
  sites: string[];
  objective: number;
  optimal: boolean;
  bound: number | null;
  gap: number | null;
  method: PlacementResult['method'];
  added: { id: string; weight: number }[];
  uncoverable: string[];
  totalWeight: number;
}

/** Reads the files, computes travel times and places the sites (everything a run does but printing). */
export async function placeFromFiles(a: PlaceArgs): Promise<PlaceAnswer> {
  if (a.model !== 'lscp' && a.sites === undefined)
    throw argError('--sites', `模型 ${a.model} 需要站点数 --sites`, `model ${a.model} needs the number of sites`);
  const lines = readGeoJson('--network', a.network, parseRoadNetwork);
  const candidates = readGeoJson('--candidates', a.candidates, (j) =>
    parsePoints(j, { zh: '候选点', en: 'candidates' }),
  );
  const demand = readGeoJson('--demand', a.demand, (j) => parsePoints(j, { zh: '需求点', en: 'demand' }));
  const graph = buildGraph(lines, { ...DRIVE_PROFILE, offroadKmh: a.offroadKmh });
  const snap = (arg: string, pts: PlacePoint[]) => {
    const snaps = snapPoints(
      graph,
      pts.map((p) => p.at),
      { maxKm: a.snapKm },
    );
    const far = snaps.findIndex((s) => s.segment < 0);
    if (far >= 0)
      throw argError(
        arg,
        `点 ${pts[far]!.id} 距最近道路超过 ${a.snapKm} 公里`,
        `point ${pts[far]!.id} is more than ${a.snapKm} km from any road`,
      );
    return snaps;
  };
  const sc = snap('--candidates', candidates);
  const sd = snap('--demand', demand);
  const nC = candidates.length;
  const nD = demand.length;
  const weights = demand.map((d) => d.weight);
  const coverageModel = a.model !== 'pmedian';
  // Coverage needs only what lies within the limit: one bounded search per candidate. p-median needs every
  // pair: the contraction-hierarchy table.
  const tt = coverageModel
    ? travelTimes(graph, sc, sd, { offroadKmh: a.offroadKmh, maxSeconds: a.minutes * 60, method: 'dijkstra' })
    : travelTimes(graph, sc, sd, { offroadKmh: a.offroadKmh });
  const time = (j: number, i: number) => tt[j * nD + i]!;
  const opts = { timeLimitSeconds: a.timeLimit };
  const res =
    a.model === 'pmedian'
      ? await place({ model: 'pmedian', cost: costFrom(nD, nC, weights, time), sites: a.sites! }, opts)
      : a.model === 'mclp'
        ? await place(
            { model: 'mclp', coverage: coverageFrom(nD, nC, weights, time, a.minutes * 60), sites: a.sites! },
            opts,
          )
        : await place({ model: 'lscp', coverage: coverageFrom(nD, nC, weights, time, a.minutes * 60) }, opts);
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    model: a.model,
    sites: res.sites.map((j) => candidates[j]!.id),
    objective: r6(res.objective),
    optimal: res.optimal,
    bound: res.bound === null ? null : r6(res.bound),
    gap: res.gap === null ? null : r6(res.gap),
    method: res.method,
    added: res.sites.map((j, k) => ({ id: candidates[j]!.id, weight: r6(res.added[k]!) })),
    uncoverable: [...res.uncoverable, ...res.unserved].map((i) => demand[i]!.id),
    totalWeight: r6(res.totalWeight),
  };
}

function print(ans: PlaceAnswer, json: boolean) {
  if (json) {
    process.stdout.write(`${JSON.stringify(ans)}\n`);
    return;
  }
  const zh = cliLang() === 'zh';
  const what = {
    lscp: zh ? '站点数' : 'sites',
    mclp: zh ? '覆盖权重' : 'covered weight',
    pmedian: zh ? '加权分钟' : 'weighted minutes',
  };
  const lines = [
    `${ans.model}: ${what[ans.model]} ${ans.objective}${ans.optimal ? (zh ? '（最优）' : ' (optimal)') : ans.gap === null ? '' : zh ? `（界 ${ans.bound}，差距 ${(ans.gap * 100).toFixed(2)}%）` : ` (bound ${ans.bound}, gap ${(ans.gap * 100).toFixed(2)}%)`}`,
    ...ans.added.map((s) => `  ${s.id}\t+${s.weight}`),
  ];
  if (ans.uncoverable.length)
    lines.push(
      zh
        ? `无法覆盖的需求点 ${ans.uncoverable.length} 个：${ans.uncoverable.slice(0, 20).join('、')}`
        : `${ans.uncoverable.length} demand points no site can serve: ${ans.uncoverable.slice(0, 20).join(', ')}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerPlaceCommand(access: Command) {
  access
    .command('place')
    .description('设施布局（LSCP/MCLP/p-median，HiGHS 精确求解）/ facility placement, exact with HiGHS where it fits')
    .addOption(
      new Option('--model <model>', 'lscp | mclp | pmedian').choices(['lscp', 'mclp', 'pmedian']).makeOptionMandatory(),
    )
    .requiredOption('--network <file>', 'road network GeoJSON (LineStrings)')
    .requiredOption('--candidates <file>', 'candidate sites GeoJSON (Points with id)')
    .requiredOption('--demand <file>', 'demand points GeoJSON (Points with id, weight)')
    .requiredOption('--minutes <T>', 'time limit of coverage, minutes', numberArg('--minutes', 0.1, 600))
    .option('--sites <P>', 'number of sites (mclp, pmedian)', intArg('--sites', 1, 100_000))
    .option('--offroad-kmh <kmh>', 'off-road connector speed, km/h', numberArg('--offroad-kmh', 0.5, 100), 5)
    .option('--snap-km <km>', 'farthest a point may lie from a road, km', numberArg('--snap-km', 0.01, 100), 5)
    .option('--time-limit <s>', 'solver time limit, seconds', numberArg('--time-limit', 1, 3600), 30)
    .option('--json', 'print JSON')
    .action(async (opts: PlaceArgs & { json?: boolean }) => {
      print(await placeFromFiles(opts), opts.json === true);
    });
}
