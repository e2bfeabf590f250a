// `weijian access place`: facility placement over GeoJSON files, no database — the road network (LineStrings with
// `speed_kmh` or `highway`, and `oneway`), candidate sites and demand points (Points with `id` and optional
// `weight`). Travel times by Dijkstra on the network (bounded at the time limit for the coverage models), the
// placement exact with HiGHS where the model fits (core placement-solve.ts). Prints
// {"model","sites":[ids],"objective","optimal",…}: objective = number of sites (lscp), covered weight (mclp) or
// weighted minutes (pmedian). Every refusal names the file and the feature, in the run's language, exit 1.
import {
  buildGraph,
  costFrom,
  coverageFrom,
  DRIVE_PROFILE,
  type LngLat,
  type PlacementResult,
  type RoadLine,
  snapPoints,
  travelTimesDijkstra,
} from '@weijian/core/access';
import { type Command, Option } from 'commander';
import { argError, cliLang, intArg, numberArg, readInputFile } from '../platform/cli-args.ts';
import { place } from './solver.ts';

export interface PlacePoint {
  id: string;
  at: LngLat;
  weight: number;
}

type Json = Record<string, unknown>;

function featuresOf(arg: string, file: string): Json[] {
  const body = readInputFile(arg, file);
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw argError(
      arg,
      `${file} 不是有效的 JSON：${(e as Error).message}`,
      `${file} is not JSON: ${(e as Error).message}`,
    );
  }
  const d = doc as Json;
  if (!d || typeof d !== 'object' || d.type !== 'FeatureCollection' || !Array.isArray(d.features))
    throw argError(arg, `${file} 不是 GeoJSON FeatureCollection`, `${file} is not a GeoJSON FeatureCollection`);
  return d.features as Json[];
}

const isCoord = (c: unknown): c is [number, number] =>
  Array.isArray(c) &&
  c.length >= 2 &&
  Number.isFinite(c[0]) &&
  Number.isFinite(c[1]) &&
  Math.abs(c[0] as number) <= 180 &&
  Math.abs(c[1] as number) <= 90;

/** Road lines of a network file; a feature that is not a line or has a property of the wrong type is refused. */
export function readNetwork(arg: string, file: string): RoadLine[] {
  const lines: RoadLine[] = [];
  featuresOf(arg, file).forEach((f, k) => {
    const where = { zh: `${file} 第 ${k + 1} 个要素`, en: `${file} feature ${k + 1}` };
    const g = (f?.geometry ?? null) as Json | null;
    const parts: unknown[] =
      g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? (g.coordinates as unknown[]) : [];
    if (!parts.length || !parts.every((p) => Array.isArray(p) && p.length >= 2 && p.every(isCoord)))
      throw argError(
        arg,
        `${where.zh}不是有效的 LineString（至少两个经纬度坐标）`,
        `${where.en} is not a valid LineString (two or more lng/lat positions)`,
      );
    const props = (f.properties ?? {}) as Json;
    const speed = props.speed_kmh;
    if (speed !== undefined && speed !== null && !(typeof speed === 'number' && speed > 0 && speed <= 200))
      throw argError(
        arg,
        `${where.zh}的 speed_kmh 应为 0–200 之间的数字，实际为 ${JSON.stringify(speed)}`,
        `${where.en}: speed_kmh must be a number in 0–200, got ${JSON.stringify(speed)}`,
      );
    const highway = props.highway;
    if (highway !== undefined && highway !== null && typeof highway !== 'string')
      throw argError(
        arg,
        `${where.zh}的 highway 应为文本，实际为 ${JSON.stringify(highway)}`,
        `${where.en}: highway must be a string, got ${JSON.stringify(highway)}`,
      );
    const oneway = props.oneway;
    if (oneway !== undefined && oneway !== null && typeof oneway !== 'boolean' && oneway !== 'yes' && oneway !== 'no')
      throw argError(
        arg,
        `${where.zh}的 oneway 应为 true、false、"yes" 或 "no"，实际为 ${JSON.stringify(oneway)}`,
        `${where.en}: oneway must be true, false, "yes" or "no", got ${JSON.stringify(oneway)}`,
      );
    for (const p of parts as [number, number][][])
      lines.push({
        coords: p.map(([lng, lat]) => ({ lng, lat })),
        highway: typeof highway === 'string' ? highway : null,
        oneway: oneway === true || oneway === 'yes',
        speedKmh: typeof speed === 'number' ? speed : null,
      });
  });
  if (!lines.length) throw argError(arg, `${file} 中没有道路`, `${file} has no roads`);
  return lines;
}

/** Points of a candidates or demand file: `id` (text or number, unique) and `weight` (≥ 0, default 1). */
export function readPoints(arg: string, file: string): PlacePoint[] {
  const seen = new Set<string>();
  const points = featuresOf(arg, file).map((f, k) => {
    const where = { zh: `${file} 第 ${k + 1} 个要素`, en: `${file} feature ${k + 1}` };
    const g = (f?.geometry ?? null) as Json | null;
    if (g?.type !== 'Point' || !isCoord(g.coordinates))
      throw argError(arg, `${where.zh}不是有效的 Point`, `${where.en} is not a valid Point`);
    const props = (f.properties ?? {}) as Json;
    const id = props.id ?? f.id;
    if (typeof id !== 'string' && typeof id !== 'number')
      throw argError(arg, `${where.zh}缺少 id（文本或数字）`, `${where.en} has no id (text or number)`);
    if (seen.has(String(id))) throw argError(arg, `${where.zh}的 id ${id} 重复`, `${where.en}: id ${id} is repeated`);
    seen.add(String(id));
    const weight = props.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      throw argError(
        arg,
        `${where.zh}（id ${id}）的 weight 应为非负数字，实际为 ${JSON.stringify(weight)}`,
        `${where.en} (id ${id}): weight must be a non-negative number, got ${JSON.stringify(weight)}`,
      );
    const [lng, lat] = g.coordinates;
    return { id: String(id), at: { lng, lat }, weight };
  });
  if (!points.length) throw argError(arg, `${file} 中没有点`, `${file} has no points`);
  return points;
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
  const lines = readNetwork('--network', a.network);
  const candidates = readPoints('--candidates', a.candidates);
  const demand = readPoints('--demand', a.demand);
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
  const tt = travelTimesDijkstra(graph, sc, sd, {
    offroadKmh: a.offroadKmh,
    ...(coverageModel ? { maxSeconds: a.minutes * 60 } : {}),
  });
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
