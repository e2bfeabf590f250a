// `weijian access coverage`: the share of demand within T minutes of the nearest facility, over GeoJSON files,
// no database. The road network (LineStrings with `speed_kmh` or `highway`, and `oneway`), facilities and
// demand points (Points with `id`, demand with optional `weight`, default 1) are read and checked by core's
// geojson.ts; points attach to the nearest point of a road, the connector travelled at --offroad-kmh; one
// multi-source search gives every demand point its nearest facility (travel toward the facility). Prints
// {"total","covered","share","points":[{"id","minutes","facility"}]} with --json (minutes and facility null
// when no facility is reachable), else a summary. Every refusal names the file and the feature, exit 1.
import {
  buildGraph,
  coverage,
  DRIVE_PROFILE,
  GeoJsonError,
  nearestFacility,
  type PlacePoint,
  parsePoints,
  parseRoadNetwork,
  snapPoints,
  WALK_PROFILE,
} from '@weijian/core/access';
import { type Command, Option } from 'commander';
import { argError, cliLang, numberArg, readInputFile } from '../platform/cli-args.ts';

export interface CoverageArgs {
  network: string;
  facilities: string;
  demand: string;
  minutes: number;
  offroadKmh: number;
  snapKm: number;
  profile: 'drive' | 'walk';
}

export interface CoverageAnswer {
  total: number;
  covered: number;
  share: number;
  minutes: number;
  points: { id: string; minutes: number | null; facility: string | null }[];
}

/** A GeoJSON file parsed by core's checks; a refusal names the argument and the file. */
function readGeoJson<T>(arg: string, file: string, parse: (json: unknown) => T): T {
  const body = readInputFile(arg, file);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
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

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Reads the files and computes the coverage (everything a run does but printing). */
export function coverageFromFiles(a: CoverageArgs): CoverageAnswer {
  const lines = readGeoJson('--network', a.network, parseRoadNetwork);
  const facilities = readGeoJson('--facilities', a.facilities, (j) =>
    parsePoints(j, { zh: '设施点', en: 'facilities' }),
  );
  const demand = readGeoJson('--demand', a.demand, (j) => parsePoints(j, { zh: '需求点', en: 'demand' }));
  const profile = a.profile === 'walk' ? WALK_PROFILE : DRIVE_PROFILE;
  const graph = buildGraph(lines, { ...profile, offroadKmh: a.offroadKmh });
  if (!graph.segmentCount)
    throw argError('--network', `${a.network}：没有可通行的道路`, `${a.network}: no road is traversable`);
  const snap = (arg: string, pts: PlacePoint[]) => {
    const snaps = snapPoints(
      graph,
      pts.map((p) => p.at),
      { maxKm: a.snapKm },
    );
    const far = pts.filter((_, i) => snaps[i]!.segment < 0);
    if (far.length) {
      const km = Math.round((snaps.find((s) => s.segment < 0)!.offroadM / 1000) * 100) / 100;
      const ids = far
        .slice(0, 10)
        .map((p) => p.id)
        .join(', ');
      throw argError(
        arg,
        `${far.length} 个点距最近道路超过 ${a.snapKm} 公里（${ids}；${far[0]!.id} 距道路 ${km} 公里）`,
        `${far.length} point(s) more than ${a.snapKm} km from any road (${ids}; ${far[0]!.id} is ${km} km away)`,
      );
    }
    return snaps;
  };
  const sf = snap('--facilities', facilities);
  const sd = snap('--demand', demand);
  const near = nearestFacility(graph, sd, sf, { offroadKmh: a.offroadKmh });
  const minutes = Array.from(near.seconds, (s) => (Number.isFinite(s) ? s / 60 : null));
  const c = coverage(demand, minutes, a.minutes);
  return {
    total: r4(c.total),
    covered: r4(c.covered),
    share: Math.round(c.share * 1e6) / 1e6,
    minutes: a.minutes,
    points: demand.map((d, i) => ({
      id: d.id,
      minutes: minutes[i] == null ? null : Math.round(minutes[i]! * 100) / 100,
      facility: near.facility[i]! >= 0 ? facilities[near.facility[i]!]!.id : null,
    })),
  };
}

function print(ans: CoverageAnswer, json: boolean) {
  if (json) {
    process.stdout.write(`${JSON.stringify(ans)}\n`);
    return;
  }
  const zh = cliLang() === 'zh';
  const pct = `${(ans.share * 100).toFixed(1)}%`;
  const outside = ans.points.filter((p) => p.minutes === null || p.minutes > ans.minutes);
  const lines = [
    zh
      ? `${ans.minutes} 分钟内可达最近设施：${ans.covered} / ${ans.total}（${pct}）`
      : `within ${ans.minutes} minutes of the nearest facility: ${ans.covered} / ${ans.total} (${pct})`,
  ];
  if (outside.length) {
    lines.push(zh ? `圈外需求点 ${outside.length} 个：` : `${outside.length} demand points outside:`);
    for (const p of outside.slice(0, 50))
      lines.push(
        `  ${p.id}\t${p.minutes === null ? (zh ? '不可达' : 'unreachable') : `${p.minutes} ${zh ? '分钟' : 'min'} → ${p.facility}`}`,
      );
    if (outside.length > 50) lines.push(zh ? `  ……（--json 列出全部）` : '  … (--json lists all)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerCoverageCommand(access: Command) {
  access
    .command('coverage')
    .description('T 分钟可达覆盖率 / share of demand within T minutes of the nearest facility')
    .requiredOption('--network <file>', 'road network GeoJSON (LineStrings)')
    .requiredOption('--facilities <file>', 'facilities GeoJSON (Points with id)')
    .requiredOption('--demand <file>', 'demand points GeoJSON (Points with id, weight)')
    .requiredOption('--minutes <T>', 'time limit, minutes', numberArg('--minutes', 0.1, 1440))
    .option('--offroad-kmh <kmh>', 'off-road connector speed, km/h', numberArg('--offroad-kmh', 0.5, 100), 5)
    .option('--snap-km <km>', 'farthest a point may lie from a road, km', numberArg('--snap-km', 0.01, 100), 5)
    .addOption(
      new Option('--profile <profile>', 'speed profile of roads without speed_kmh')
        .choices(['drive', 'walk'])
        .default('drive'),
    )
    .option('--json', 'print JSON')
    .action((opts: CoverageArgs & { json?: boolean }) => {
      print(coverageFromFiles(opts), opts.json === true);
    });
}
