import { describe, expect, it } from 'vitest';
import { contract } from './ch.ts';
import { travelTimesDijkstra } from './dijkstra.ts';
import { buildGraph } from './graph.ts';
import { travelTimesCh, travelTimesWithin } from './matrix.ts';
import { DRIVE_PROFILE } from './profiles.ts';
import { snapPoints } from './snap.ts';
import { randomGrid, randomNetwork } from './testing.ts';

function compare(a: Float64Array, b: Float64Array) {
  expect(a.length).toBe(b.length);
  let finite = 0;
  for (let k = 0; k < a.length; k++) {
    if (b[k] === Number.POSITIVE_INFINITY) expect(a[k]).toBe(Number.POSITIVE_INFINITY);
    else {
      finite++;
      expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-6 * Math.max(1, b[k]!));
    }
  }
  return finite;
}

describe('contraction hierarchy tables against plain Dijkstra', () => {
  for (const [seed, size] of [
    [21, 12],
    [22, 30],
    [23, 45],
  ] as const) {
    it(`grid ${size}×${size} (seed ${seed}) with one-way roads and a detached part`, () => {
      const { lines, random } = randomGrid(seed, size);
      const graph = buildGraph(lines, DRIVE_PROFILE);
      const ch = contract(graph);
      expect(Array.from(new Set(ch.rank)).length).toBe(graph.nodeCount);
      const pts = Array.from({ length: 60 }, () => {
        const part = random() < 0.15 ? 1 : 0;
        const span = part ? (size >> 2) - 1 : size - 1;
        return { lng: 113.5 + part * 2 + random() * span * 0.011, lat: 35 + random() * span * 0.009 };
      });
      const snaps = snapPoints(graph, pts, { maxKm: 3 });
      const finite = compare(travelTimesCh(graph, ch, snaps, snaps), travelTimesDijkstra(graph, snaps, snaps));
      expect(finite).toBeGreaterThan(60 * 30);
      expect(finite).toBeLessThan(60 * 60);
      // A limit cuts the table the same way on both.
      compare(
        travelTimesCh(graph, ch, snaps, snaps, { maxSeconds: 600 }),
        travelTimesDijkstra(graph, snaps, snaps, { maxSeconds: 600 }),
      );
      // The sparse table within 600 s holds exactly the dense table's finite cells (float32 seconds).
      const dense = travelTimesDijkstra(graph, snaps, snaps, { maxSeconds: 600 });
      const sparse = travelTimesWithin(graph, snaps, snaps, { maxSeconds: 600 });
      const cells: [number, number, number][] = [];
      for (let i = 0; i < snaps.length; i++)
        for (let k = sparse.first[i]!; k < sparse.first[i + 1]!; k++)
          cells.push([i, sparse.target[k]!, sparse.seconds[k]!]);
      const finiteCells = [...dense.keys()].filter((c) => Number.isFinite(dense[c]!));
      expect(cells.map(([i, j]) => i * snaps.length + j)).toEqual(finiteCells);
      for (const [i, j, s] of cells) expect(Math.abs(s - dense[i * snaps.length + j]!)).toBeLessThan(1e-2);
    });
  }

  it('agrees on small random networks (parallel segments, single-segment trips, unsnapped points)', () => {
    for (const seed of [31, 32, 33, 34, 35]) {
      const { lines, random } = randomNetwork(seed, 40);
      const graph = buildGraph(lines, DRIVE_PROFILE);
      const pts = Array.from({ length: 30 }, () => ({
        lng: 113.9 + (random() < 0.25 ? 1 : 0) + random() * 0.06,
        lat: 35.3 + random() * 0.06,
      }));
      pts.push({ lng: 100, lat: 20 });
      const snaps = snapPoints(graph, pts, { maxKm: 5 });
      compare(travelTimesCh(graph, contract(graph), snaps, snaps), travelTimesDijkstra(graph, snaps, snaps));
    }
  });
});
