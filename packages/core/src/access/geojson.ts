// GeoJSON input of the access context (CLI files, uploads): road networks as LineString features and places
// as Point features, checked feature by feature. A bad feature is refused with a bilingual message naming it
// (its position in the collection, 1-based, and its id where it has one); nothing is guessed.
import type { Bilingual } from '../platform/text.ts';
import type { LngLat } from './geo.ts';
import type { RoadLine } from './graph.ts';

/** A refused GeoJSON input: `text` says what and where, in both languages. */
export class GeoJsonError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'GeoJsonError';
  }
}

const fail = (zh: string, en: string): never => {
  throw new GeoJsonError({ zh, en });
};

type Feature = { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown };

/** The features of a FeatureCollection (a lone Feature counts as a collection of one). */
function featuresOf(json: unknown, what: Bilingual): Feature[] {
  const o = json as { type?: unknown; features?: unknown };
  if (o && typeof o === 'object' && o.type === 'Feature') return [o as Feature];
  if (!o || typeof o !== 'object' || o.type !== 'FeatureCollection' || !Array.isArray(o.features))
    fail(`${what.zh}不是 GeoJSON FeatureCollection`, `${what.en} is not a GeoJSON FeatureCollection`);
  return (o.features as unknown[]).map((f) => (f && typeof f === 'object' ? (f as Feature) : {}));
}

const where = (what: Bilingual, i: number, f: Feature): Bilingual => {
  const props = (f.properties ?? {}) as Record<string, unknown>;
  const id = props.id ?? f.id;
  const tag = typeof id === 'string' || typeof id === 'number' ? ` (id ${id})` : '';
  return { zh: `${what.zh}第 ${i + 1} 个要素${tag}`, en: `${what.en} feature ${i + 1}${tag}` };
};

function position(c: unknown, at: Bilingual): LngLat {
  if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number')
    fail(`${at.zh}：坐标应为 [经度, 纬度] 数字`, `${at.en}: a coordinate must be [longitude, latitude] numbers`);
  const [lng, lat] = c as number[];
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng!) > 180 || Math.abs(lat!) > 90)
    fail(`${at.zh}：坐标 [${lng}, ${lat}] 超出经纬度范围`, `${at.en}: coordinate [${lng}, ${lat}] is out of range`);
  return { lng: lng!, lat: lat! };
}

function propertiesOf(f: Feature, at: Bilingual): Record<string, unknown> {
  if (f.properties == null) return {};
  if (typeof f.properties !== 'object' || Array.isArray(f.properties))
    fail(`${at.zh}：properties 应为对象`, `${at.en}: properties must be an object`);
  return f.properties as Record<string, unknown>;
}

const typeName = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** km/h of an OSM-style maxspeed: a number, or "50", "50 km/h", "30 mph"; anything else is refused. */
function maxspeedOf(v: unknown, at: Bilingual): number | null {
  if (v == null) return null;
  if (typeof v === 'number' && v > 0) return v;
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(km\/h|kmh|mph)?\s*$/i.exec(v) : null;
  if (!m) fail(`${at.zh}：maxspeed“${String(v)}”不是速度`, `${at.en}: maxspeed "${String(v)}" is not a speed`);
  return Number(m![1]) * (m![2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
}

/**
 * Road lines of a network file: `LineString` (or `MultiLineString`) features with optional properties
 * `speed_kmh` (number > 0: used as it is), `highway` (string: the profile's class speed), `maxspeed`, and
 * `oneway` (true or "yes": in coordinate order only; "-1": against it; false, "no" or absent: both ways).
 */
export function parseRoadNetwork(json: unknown): RoadLine[] {
  const what = { zh: '路网', en: 'network' };
  const lines: RoadLine[] = [];
  featuresOf(json, what).forEach((f, i) => {
    const at = where(what, i, f);
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString'))
      fail(
        `${at.zh}：几何类型应为 LineString，而不是 ${String(g?.type ?? '空')}`,
        `${at.en}: the geometry must be a LineString, not ${String(g?.type ?? 'empty')}`,
      );
    const parts = (g!.type === 'LineString' ? [g!.coordinates] : g!.coordinates) as unknown;
    if (!Array.isArray(parts)) fail(`${at.zh}：缺少坐标`, `${at.en}: coordinates are missing`);
    const p = propertiesOf(f, at);
    const speed = p.speed_kmh;
    if (speed != null && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0))
      fail(
        `${at.zh}：speed_kmh 应为大于 0 的数字，而不是 ${JSON.stringify(speed)}`,
        `${at.en}: speed_kmh must be a number above 0, not ${JSON.stringify(speed)} (${typeName(speed)})`,
      );
    if (p.highway != null && typeof p.highway !== 'string')
      fail(
        `${at.zh}：highway 应为文字，而不是 ${JSON.stringify(p.highway)}`,
        `${at.en}: highway must be a string, not ${typeName(p.highway)}`,
      );
    const ow = p.oneway;
    let oneway = 0;
    if (ow === true || ow === 'yes' || ow === 'true' || ow === '1') oneway = 1;
    else if (ow === '-1' || ow === -1) oneway = -1;
    else if (!(ow == null || ow === false || ow === 'no' || ow === 'false' || ow === '0'))
      fail(
        `${at.zh}：oneway 应为 true 或 "yes"（或 false、"no"、"-1"），而不是 ${JSON.stringify(ow)}`,
        `${at.en}: oneway must be true or "yes" (or false, "no", "-1"), not ${JSON.stringify(ow)}`,
      );
    const maxspeedKmh = maxspeedOf(p.maxspeed, at);
    for (const part of parts as unknown[]) {
      if (!Array.isArray(part) || part.length < 2)
        fail(`${at.zh}：线至少要有两个坐标`, `${at.en}: a line needs at least two coordinates`);
      const coords = (part as unknown[]).map((c) => position(c, at));
      if (oneway === -1) coords.reverse();
      lines.push({
        coords,
        highway: (p.highway as string | undefined) ?? null,
        oneway: oneway !== 0,
        maxspeedKmh,
        speedKmh: (speed as number | undefined) ?? null,
      });
    }
  });
  if (!lines.length) fail('路网为空：没有 LineString 要素', 'the network is empty: no LineString features');
  return lines;
}

export interface PlacePoint {
  id: string;
  at: LngLat;
  /** Demand weight (households, residents); 1 when absent. */
  weight: number;
}

/**
 * Places of a points file: `Point` features with an `id` (property or feature id; string or number, unique)
 * and an optional `weight` ≥ 0. `what` names the file in messages.
 */
export function parsePoints(json: unknown, what: Bilingual): PlacePoint[] {
  const seen = new Set<string>();
  const out = featuresOf(json, what).map((f, i) => {
    const at = where(what, i, f);
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (g?.type !== 'Point')
      fail(
        `${at.zh}：几何类型应为 Point，而不是 ${String(g?.type ?? '空')}`,
        `${at.en}: the geometry must be a Point, not ${String(g?.type ?? 'empty')}`,
      );
    const p = propertiesOf(f, at);
    const rawId = p.id ?? f.id;
    if (!(typeof rawId === 'string' && rawId.trim()) && !(typeof rawId === 'number' && Number.isFinite(rawId)))
      fail(`${at.zh}：缺少 id（文字或数字）`, `${at.en}: id (a string or number) is missing`);
    const id = String(rawId).trim();
    if (seen.has(id)) fail(`${at.zh}：id ${id} 重复`, `${at.en}: id ${id} appears twice`);
    seen.add(id);
    const w = p.weight;
    if (w != null && !(typeof w === 'number' && Number.isFinite(w) && w >= 0))
      fail(
        `${at.zh}：weight 应为不小于 0 的数字，而不是 ${JSON.stringify(w)}`,
        `${at.en}: weight must be a number ≥ 0, not ${JSON.stringify(w)} (${typeName(w)})`,
      );
    return { id, at: position(g!.coordinates, at), weight: (w as number | undefined) ?? 1 };
  });
  if (!out.length) fail(`${what.zh}为空：没有 Point 要素`, `${what.en} is empty: no Point features`);
  return out;
}
