// Road lines as imported from OpenStreetMap (PBF or XML), GeoJSON or the synthetic generator, packed in typed
// arrays: a city's 200,000 lines as objects would cost ten times the memory and cross a worker thread slowly.
// What an OSM way keeps: its `highway` class, `oneway` (yes/true/1 forward, -1/reverse backward) and
// `maxspeed` (km/h; "mph" converted; walk/none/signals and country-zone codes unknown → null).

/** Lines packed in typed arrays; line i's coordinates are pairs coords[2k], coords[2k+1] for k in [starts[i], starts[i+1]). */
export interface PackedLines {
  /** lng, lat pairs of every line, one after another. */
  coords: Float64Array;
  /** n + 1 offsets into the pairs of `coords`. */
  starts: Uint32Array;
  /** OSM highway class per line ('' unknown). */
  highway: string[];
  /** 1: traversable in coordinate order only; 0: both ways. */
  oneway: Uint8Array;
  /** Posted speed limit, km/h (NaN when none). */
  maxspeed: Float32Array;
  /** An explicit travel speed, km/h (GeoJSON speed_kmh; NaN when none): wins over class and maxspeed. */
  speed: Float32Array;
}

/** A road line as the graph builder takes it (the access core's RoadLine). */
export interface RoadLineLike {
  coords: { lng: number; lat: number }[];
  highway?: string;
  oneway?: boolean;
  maxspeedKmh?: number | null;
  speedKmh?: number | null;
}

export const lineCount = (p: PackedLines): number => p.starts.length - 1;

/**
 * `highway` values that are not roads one travels along (planned, under construction, stops, platforms, areas of
 * rest): their ways are dropped on import.
 */
const NOT_ROADS = new Set([
  'proposed',
  'construction',
  'abandoned',
  'disused',
  'razed',
  'platform',
  'bus_stop',
  'rest_area',
  'services',
  'elevator',
  'emergency_bay',
  'raceway',
  'bus_guideway',
  'escape',
  'corridor',
]);

export function isRoad(highway: string | undefined | null): boolean {
  return !!highway && !NOT_ROADS.has(highway);
}

/** OSM `oneway`: 1 forward, -1 against the way's direction, 0 both ways. */
export function parseOneway(v: string | undefined | null): 1 | -1 | 0 {
  if (!v) return 0;
  const s = v.trim().toLowerCase();
  if (s === 'yes' || s === 'true' || s === '1') return 1;
  if (s === '-1' || s === 'reverse') return -1;
  return 0;
}

/** OSM `maxspeed` in km/h: "60", "60 km/h", "40 mph", "60;80" (the lowest); anything else (walk, none, CN:urban) → null. */
export function parseMaxspeed(v: string | undefined | null): number | null {
  if (!v) return null;
  let best: number | null = null;
  for (const part of v.split(';')) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph)?\s*$/i.exec(part);
    if (!m) continue;
    const n = Number(m[1]) * (m[2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
    if (n > 0 && n <= 300 && (best === null || n < best)) best = n;
  }
  return best;
}

/** Accumulates lines into packed arrays (growing buffers), in the order they are added. */
export class LinePacker {
  private coords = new Float64Array(1024);
  private points = 0;
  private readonly starts: number[] = [0];
  private readonly highway: string[] = [];
  private readonly oneway: number[] = [];
  private readonly maxspeed: number[] = [];
  private readonly speed: number[] = [];

  get lines(): number {
    return this.highway.length;
  }
  get pointCount(): number {
    return this.points;
  }

  /** Adds a line of `n` points read by `at(k)` (lng, lat), reversed when `reverse`. Fewer than 2 points: skipped. */
  add(
    n: number,
    at: (k: number) => readonly [number, number],
    attrs: { highway: string; oneway: boolean; maxspeed: number | null; speed?: number | null },
    reverse = false,
  ): void {
    if (n < 2) return;
    while ((this.points + n) * 2 > this.coords.length) {
      const bigger = new Float64Array(this.coords.length * 2);
      bigger.set(this.coords);
      this.coords = bigger;
    }
    for (let k = 0; k < n; k++) {
      const [lng, lat] = at(reverse ? n - 1 - k : k);
      this.coords[(this.points + k) * 2] = lng;
      this.coords[(this.points + k) * 2 + 1] = lat;
    }
    this.points += n;
    this.starts.push(this.points);
    this.highway.push(attrs.highway);
    this.oneway.push(attrs.oneway ? 1 : 0);
    this.maxspeed.push(attrs.maxspeed ?? Number.NaN);
    this.speed.push(attrs.speed ?? Number.NaN);
  }

  finish(): PackedLines {
    return {
      coords: this.coords.slice(0, this.points * 2),
      starts: Uint32Array.from(this.starts),
      highway: this.highway,
      oneway: Uint8Array.from(this.oneway),
      maxspeed: Float32Array.from(this.maxspeed),
      speed: Float32Array.from(this.speed),
    };
  }
}

/** The lines as the graph builder takes them. */
export function unpackLines(p: PackedLines): RoadLineLike[] {
  const out: RoadLineLike[] = new Array(lineCount(p));
  for (let i = 0; i < out.length; i++) {
    const coords: { lng: number; lat: number }[] = [];
    for (let k = p.starts[i]!; k < p.starts[i + 1]!; k++)
      coords.push({ lng: p.coords[2 * k]!, lat: p.coords[2 * k + 1]! });
    const maxspeed = p.maxspeed[i]!;
    const speed = p.speed[i]!;
    out[i] = {
      coords,
      highway: p.highway[i]!,
      oneway: p.oneway[i] === 1,
      maxspeedKmh: Number.isNaN(maxspeed) ? null : maxspeed,
      speedKmh: Number.isNaN(speed) ? null : speed,
    };
  }
  return out;
}

/**
 * Node coordinates by OSM id for resolving ways: ids and fixed-point coordinates in growing typed arrays
 * (16 bytes a node rather than ~80 in a Map), sorted once before the first look-up (PBF and XML extracts are
 * usually sorted already, which the sort detects).
 */
export class NodeIndex {
  private ids = new Float64Array(1024);
  private lnglat = new Int32Array(2048);
  private n = 0;
  private sorted = true;

  get size(): number {
    return this.n;
  }

  add(id: number, lng: number, lat: number): void {
    if (this.n === this.ids.length) {
      const ids = new Float64Array(this.n * 2);
      ids.set(this.ids);
      this.ids = ids;
      const ll = new Int32Array(this.n * 4);
      ll.set(this.lnglat);
      this.lnglat = ll;
    }
    if (this.n > 0 && id <= this.ids[this.n - 1]!) this.sorted = false;
    this.ids[this.n] = id;
    this.lnglat[2 * this.n] = Math.round(lng * 1e7);
    this.lnglat[2 * this.n + 1] = Math.round(lat * 1e7);
    this.n++;
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => this.ids[a]! - this.ids[b]!);
    const ids = new Float64Array(this.n);
    const ll = new Int32Array(2 * this.n);
    order.forEach((from, to) => {
      ids[to] = this.ids[from]!;
      ll[2 * to] = this.lnglat[2 * from]!;
      ll[2 * to + 1] = this.lnglat[2 * from + 1]!;
    });
    this.ids = ids;
    this.lnglat = ll;
    this.sorted = true;
  }

  /** [lng, lat] of a node, or null when the extract does not hold it. */
  get(id: number): [number, number] | null {
    this.ensureSorted();
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v === id) return [this.lnglat[2 * mid]! / 1e7, this.lnglat[2 * mid + 1]! / 1e7];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }
}

/** Counts of an OSM read, for the import's answer. */
export interface OsmReadStats {
  nodes: number;
  ways: number;
  roads: number;
  /** Road ways cut where the extract lacks their nodes (clipped at the extract's edge). */
  missingNodes: number;
}

/**
 * Turns OSM ways into packed road lines: the way's referenced nodes resolved, a way whose nodes are partly
 * outside the extract split at the gaps (the parts inside kept), `oneway=-1` reversed.
 */
export class OsmWayCollector {
  readonly nodes = new NodeIndex();
  private readonly packer = new LinePacker();
  readonly stats: OsmReadStats = { nodes: 0, ways: 0, roads: 0, missingNodes: 0 };

  node(id: number, lng: number, lat: number): void {
    this.stats.nodes++;
    this.nodes.add(id, lng, lat);
  }

  way(refs: readonly number[], tags: Readonly<Record<string, string>>): void {
    this.stats.ways++;
    const highway = tags.highway;
    if (!isRoad(highway)) return;
    this.stats.roads++;
    const dir = parseOneway(tags.oneway);
    const attrs = { highway: highway!, oneway: dir !== 0, maxspeed: parseMaxspeed(tags.maxspeed) };
    let run: [number, number][] = [];
    const flush = () => {
      this.packer.add(run.length, (k) => run[k]!, attrs, dir === -1);
      run = [];
    };
    for (const ref of refs) {
      const p = this.nodes.get(ref);
      if (p) run.push(p);
      else {
        this.stats.missingNodes++;
        flush();
      }
    }
    flush();
  }

  get lines(): number {
    return this.packer.lines;
  }

  finish(): PackedLines {
    return this.packer.finish();
  }
}
