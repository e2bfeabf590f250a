// The binary form of a network's lines in road_network_chunks: a chunk of up to CHUNK_LINES lines is
//   u32 lines, u32 points, u32 classBytes, u32[lines + 1] starts (relative), f64[2·points] lng/lat,
//   u8[lines] oneway, f32[lines] maxspeed, f32[lines] speed (NaN = none), utf-8 JSON array of highway classes.
// Little-endian throughout; typed-array views need aligned offsets, so sections are copied, not viewed.
import type { PackedLines } from '@weijian/core/access';

export const CHUNK_LINES = 4000;

export function encodeChunks(p: PackedLines): { lines: number; payload: Buffer }[] {
  const n = p.starts.length - 1;
  const out: { lines: number; payload: Buffer }[] = [];
  for (let from = 0; from < n; from += CHUNK_LINES) {
    const to = Math.min(n, from + CHUNK_LINES);
    const lines = to - from;
    const p0 = p.starts[from]!;
    const points = p.starts[to]! - p0;
    const classes = Buffer.from(JSON.stringify(p.highway.slice(from, to)), 'utf8');
    const size = 12 + 4 * (lines + 1) + 16 * points + lines + 8 * lines + classes.length;
    const buf = Buffer.alloc(size);
    let o = 0;
    o = buf.writeUInt32LE(lines, o);
    o = buf.writeUInt32LE(points, o);
    o = buf.writeUInt32LE(classes.length, o);
    for (let i = from; i <= to; i++) o = buf.writeUInt32LE(p.starts[i]! - p0, o);
    Buffer.from(p.coords.buffer, p.coords.byteOffset + p0 * 16, points * 16).copy(buf, o);
    o += points * 16;
    Buffer.from(p.oneway.buffer, p.oneway.byteOffset + from, lines).copy(buf, o);
    o += lines;
    Buffer.from(p.maxspeed.buffer, p.maxspeed.byteOffset + from * 4, lines * 4).copy(buf, o);
    o += lines * 4;
    Buffer.from(p.speed.buffer, p.speed.byteOffset + from * 4, lines * 4).copy(buf, o);
    o += lines * 4;
    classes.copy(buf, o);
    out.push({ lines, payload: buf });
  }
  return out;
}

/** The chunks (in chunk order) back into one packed set of lines. */
export function decodeChunks(chunks: readonly Uint8Array[]): PackedLines {
  const heads = chunks.map((c) => {
    const b = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    return { b, lines: b.readUInt32LE(0), points: b.readUInt32LE(4), classBytes: b.readUInt32LE(8) };
  });
  const lines = heads.reduce((s, h) => s + h.lines, 0);
  const points = heads.reduce((s, h) => s + h.points, 0);
  const coords = new Float64Array(points * 2);
  const starts = new Uint32Array(lines + 1);
  const oneway = new Uint8Array(lines);
  const maxspeed = new Float32Array(lines);
  const speed = new Float32Array(lines);
  const highway: string[] = [];
  let line = 0;
  let point = 0;
  for (const h of heads) {
    let o = 12;
    for (let i = 0; i <= h.lines; i++) {
      starts[line + i] = point + h.b.readUInt32LE(o);
      o += 4;
    }
    new Uint8Array(coords.buffer, point * 16, h.points * 16).set(h.b.subarray(o, o + h.points * 16));
    o += h.points * 16;
    oneway.set(h.b.subarray(o, o + h.lines), line);
    o += h.lines;
    new Uint8Array(maxspeed.buffer, line * 4, h.lines * 4).set(h.b.subarray(o, o + h.lines * 4));
    o += h.lines * 4;
    new Uint8Array(speed.buffer, line * 4, h.lines * 4).set(h.b.subarray(o, o + h.lines * 4));
    o += h.lines * 4;
    highway.push(...(JSON.parse(h.b.subarray(o, o + h.classBytes).toString('utf8')) as string[]));
    line += h.lines;
    point += h.points;
  }
  return { coords, starts, highway, oneway, maxspeed, speed };
}
