// Reading an uploaded road file into packed lines: OpenStreetMap PBF (osm-pbf-parser-node, streaming blocks),
// OSM XML (saxes, a streaming SAX parser fed in 1 MB slices) and GeoJSON LineStrings. Runs in the server's
// parse worker pool (HTTP uploads; time and heap limits, platform/sheet-worker.ts) or in-process (CLI).
// Memory stays bounded by the extract's nodes (16 bytes each, core NodeIndex) and the kept roads; the file
// itself is already bounded by the upload size limit. Every refusal is bilingual and names the file.
import { Readable } from 'node:stream';
import {
  isRoad,
  LinePacker,
  OsmWayCollector,
  type PackedLines,
  parseMaxspeed,
  parseOneway,
} from '@weijian/core/access';
import { OSMTransform } from 'osm-pbf-parser-node';
import { SaxesParser } from 'saxes';
import { AppError, type ErrorDetail, type Text } from '../platform/errors.ts';
import type { UploadLimits } from '../platform/upload-limits.ts';

export type RoadFormat = 'osm-pbf' | 'osm-xml' | 'geojson';

export interface RoadFileResult {
  format: RoadFormat;
  lines: PackedLines;
  stats: { nodes: number; ways: number; roads: number; missingNodes: number; features: number };
}

/** A road file with more lines than this is refused (a province's roads: split it by city). */
export const MAX_LINES = 1_000_000;

const refuse = (filename: string, why: Text, details: ErrorDetail[] = []) =>
  new AppError(
    'VALIDATION_FAILED',
    { zh: `路网文件“${filename}”无法导入：${why.zh}`, en: `The road file "${filename}" cannot be imported: ${why.en}` },
    details.length ? details : [{ path: 'file', message: why }],
  );

/** The format from the name, else from the first bytes. */
export function roadFormatOf(filename: string, body: Buffer): RoadFormat | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.pbf')) return 'osm-pbf';
  if (name.endsWith('.osm') || name.endsWith('.xml')) return 'osm-xml';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  const head = body.subarray(0, 64).toString('latin1');
  if (head.includes('OSMHeader')) return 'osm-pbf';
  const text = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (text.startsWith('<')) return 'osm-xml';
  if (text.startsWith('{')) return 'geojson';
  return null;
}

/** The worker-pool reader: `(bytes, filename, limits)`. */
export async function readRoadFile(body: Buffer, filename: string, _limits?: UploadLimits): Promise<RoadFileResult> {
  const format = roadFormatOf(filename, body);
  if (!format) {
    throw refuse(filename, {
      zh: '无法识别格式，请上传 .osm.pbf、.osm（XML）或 .geojson 文件',
      en: 'unknown format; upload an .osm.pbf, .osm (XML) or .geojson file',
    });
  }
  const result =
    format === 'osm-pbf'
      ? await readPbf(body, filename)
      : format === 'osm-xml'
        ? readXml(body, filename)
        : readGeojson(body, filename);
  if (result.lines.starts.length - 1 === 0) {
    throw refuse(filename, {
      zh: '文件中没有道路（OSM 中带 highway 标签的 way，或 GeoJSON 的 LineString）',
      en: 'the file holds no roads (OSM ways tagged highway, or GeoJSON LineStrings)',
    });
  }
  return result;
}

function tooMany(filename: string) {
  return refuse(filename, {
    zh: `道路超过 ${MAX_LINES} 条的上限，请按城市裁剪后再导入`,
    en: `more than the limit of ${MAX_LINES} roads; clip the extract to one city`,
  });
}

async function readPbf(body: Buffer, filename: string): Promise<RoadFileResult> {
  const c = new OsmWayCollector();
  const transform = new OSMTransform({
    withTags: { node: false, way: ['highway', 'oneway', 'maxspeed'], relation: false },
  });
  try {
    // Fed in 1 MB slices: the parser holds one block at a time, not a copy of the file.
    const source = Readable.from(
      (function* () {
        for (let at = 0; at < body.length; at += 1 << 20) yield body.subarray(at, at + (1 << 20));
      })(),
    );
    for await (const batch of source.pipe(transform) as AsyncIterable<unknown[]>) {
      for (const item of batch as {
        type?: string;
        id: number;
        lat: number;
        lon: number;
        refs: number[];
        tags?: Record<string, string>;
      }[]) {
        if (item.type === 'node') c.node(item.id, item.lon, item.lat);
        else if (item.type === 'way') c.way(item.refs, item.tags ?? {});
      }
      if (c.lines > MAX_LINES) throw tooMany(filename);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(filename, {
      zh: '不是有效的 OSM PBF 文件（文件损坏或被截断）',
      en: 'not a valid OSM PBF file (damaged or cut off)',
    });
  }
  return { format: 'osm-pbf', lines: c.finish(), stats: { ...c.stats, features: 0 } };
}

function readXml(body: Buffer, filename: string): RoadFileResult {
  const c = new OsmWayCollector();
  const parser = new SaxesParser();
  let refs: number[] | null = null;
  let tags: Record<string, string> = {};
  let sawOsm = false;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawOsm = true;
        break;
      case 'node': {
        const id = Number(a.id);
        const lat = Number(a.lat);
        const lon = Number(a.lon);
        if (Number.isFinite(id) && Number.isFinite(lat) && Number.isFinite(lon)) c.node(id, lon, lat);
        break;
      }
      case 'way':
        refs = [];
        tags = {};
        break;
      case 'nd':
        if (refs) refs.push(Number(a.ref));
        break;
      case 'tag':
        if (refs && (a.k === 'highway' || a.k === 'oneway' || a.k === 'maxspeed')) tags[a.k] = a.v ?? '';
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'way' && refs) {
      c.way(refs, tags);
      refs = null;
      if (c.lines > MAX_LINES) throw tooMany(filename);
    }
  });
  try {
    const decoder = new TextDecoder('utf-8');
    for (let at = 0; at < body.length; at += 1 << 20) {
      parser.write(decoder.decode(body.subarray(at, at + (1 << 20)), { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const line = (e as { message?: string }).message?.match(/^(\d+):/)?.[1];
    throw refuse(filename, {
      zh: `不是有效的 OSM XML 文件${line ? `（第 ${line} 行）` : ''}`,
      en: `not a valid OSM XML file${line ? ` (line ${line})` : ''}`,
    });
  }
  if (!sawOsm) {
    throw refuse(filename, { zh: '不是 OSM XML 文件（缺少 <osm> 根元素）', en: 'not an OSM XML file (no <osm> root)' });
  }
  return { format: 'osm-xml', lines: c.finish(), stats: { ...c.stats, features: 0 } };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * GeoJSON: a FeatureCollection of LineString / MultiLineString features (other geometries are skipped and
 * counted). Properties: `highway` (text), `oneway` (true, "yes", "-1"), `maxspeed` (number or OSM text),
 * `speed_kmh` (number ≥ 0). A wrong type is refused naming the feature and the property.
 */
function readGeojson(body: Buffer, filename: string): RoadFileResult {
  let doc: Json;
  try {
    doc = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, '')) as Json;
  } catch {
    throw refuse(filename, { zh: '不是有效的 JSON', en: 'not valid JSON' });
  }
  const features =
    doc &&
    typeof doc === 'object' &&
    !Array.isArray(doc) &&
    doc.type === 'FeatureCollection' &&
    Array.isArray(doc.features)
      ? doc.features
      : null;
  if (!features) {
    throw refuse(filename, { zh: '应为 GeoJSON FeatureCollection', en: 'expected a GeoJSON FeatureCollection' });
  }
  const packer = new LinePacker();
  const problems: ErrorDetail[] = [];
  let roads = 0;
  /** Reads one feature; false when it was refused (its problem recorded). */
  const readFeature = (f: Json, i: number): boolean => {
    if (problems.length >= 50) return true;
    const at = (what: string, zh: string, en: string): false => {
      problems.push({
        path: `features[${i}].${what}`,
        row: i + 1,
        message: { zh: `第 ${i + 1} 个要素：${zh}`, en: `Feature ${i + 1}: ${en}` },
      });
      return false;
    };
    if (!f || typeof f !== 'object' || Array.isArray(f)) return at('type', '不是对象', 'not an object');
    const g = f.geometry as { type?: Json; coordinates?: Json } | null;
    const p = (f.properties ?? {}) as Record<string, Json>;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) return true;
    const parts = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as Json[];
    if (!Array.isArray(parts)) return at('geometry', '坐标缺失', 'coordinates missing');
    const highway = p.highway;
    if (highway !== undefined && highway !== null && typeof highway !== 'string') {
      return at('properties.highway', 'highway 应为文本', 'highway must be text');
    }
    if (typeof highway === 'string' && !isRoad(highway)) return true;
    const speed = p.speed_kmh;
    if (speed !== undefined && speed !== null && (typeof speed !== 'number' || !(speed >= 0) || speed > 300)) {
      return at('properties.speed_kmh', 'speed_kmh 应为 0–300 之间的数字', 'speed_kmh must be a number from 0 to 300');
    }
    const ow = p.oneway;
    if (ow !== undefined && ow !== null && typeof ow !== 'boolean' && typeof ow !== 'string') {
      return at('properties.oneway', 'oneway 应为 true/false 或 "yes"', 'oneway must be true/false or "yes"');
    }
    const dir = ow === true ? 1 : typeof ow === 'string' ? parseOneway(ow) : 0;
    const ms = p.maxspeed;
    const maxspeed = typeof ms === 'number' ? (ms > 0 ? ms : null) : typeof ms === 'string' ? parseMaxspeed(ms) : null;
    for (const part of parts) {
      if (!Array.isArray(part) || part.length < 2)
        return at('geometry', '线至少需要两个坐标', 'a line needs two coordinates or more');
      for (const pt of part) {
        if (
          !Array.isArray(pt) ||
          typeof pt[0] !== 'number' ||
          typeof pt[1] !== 'number' ||
          Math.abs(pt[0]) > 180 ||
          Math.abs(pt[1]) > 90
        ) {
          return at('geometry', '坐标应为 [经度, 纬度]', 'coordinates must be [lng, lat]');
        }
      }
      const pts = part as [number, number][];
      packer.add(
        pts.length,
        (k) => pts[k]!,
        {
          highway: typeof highway === 'string' ? highway : '',
          oneway: dir !== 0,
          maxspeed,
          speed: typeof speed === 'number' ? speed : null,
        },
        dir === -1,
      );
      roads++;
    }
    if (packer.lines > MAX_LINES) problems.push({ path: 'file', message: tooMany(filename).text });
    return true;
  };
  features.forEach((f, i) => {
    readFeature(f, i);
  });
  if (problems.length) {
    throw refuse(filename, { zh: `${problems.length} 处错误`, en: `${problems.length} problems` }, problems);
  }
  return {
    format: 'geojson',
    lines: packer.finish(),
    stats: { nodes: 0, ways: 0, roads, missingNodes: 0, features: features.length },
  };
}
