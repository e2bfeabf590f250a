// `weijian access place` as an operator runs it: a real process, GeoJSON files in, JSON out. A hand-made road
// (six villages 0.01° apart on one east–west road at 36 km/h, ≈1.51 minutes apart) whose answers are known.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

const LAT = 35.3;
const lng = (k: number) => 113.9 + k * 0.01;
const point = (id: string, x: number, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { id, ...props },
  geometry: { type: 'Point', coordinates: [x, LAT] },
});
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('weijian access place', () => {
  let dir: string;
  const file = (name: string, body: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, body);
    return f;
  };
  const weijian = (...args: string[]) =>
    run('node', [BIN, 'access', 'place', ...args], {
      env: { ...process.env, WEIJIAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' },
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  let network: string;
  let candidates: string;
  let demand: string;
  const weights = [1, 1, 1, 5, 5, 1];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-place-'));
    network = file(
      'network.geojson',
      collection([
        {
          type: 'Feature',
          properties: { speed_kmh: 36, oneway: 'no' },
          geometry: { type: 'LineString', coordinates: [0, 1, 2, 3, 4, 5].map((k) => [lng(k), LAT]) },
        },
      ]),
    );
    // A at village 0, B half-way between villages 2 and 3, C at village 5, D at village 1, E at village 4.
    candidates = file(
      'candidates.geojson',
      collection([
        point('A', lng(0)),
        point('B', lng(2.5)),
        point('C', lng(5)),
        point('D', lng(1)),
        point('E', lng(4)),
      ]),
    );
    demand = file('demand.geojson', collection(weights.map((w, k) => point(`v${k}`, lng(k), { weight: w }))));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers LSCP, MCLP and p-median with the known optimum', async () => {
    const common = ['--network', network, '--candidates', candidates, '--demand', demand, '--json'];
    const [lscp, mclp, pmedian] = await Promise.all([
      weijian('--model', 'lscp', '--minutes', '2', ...common),
      weijian('--model', 'mclp', '--minutes', '2', '--sites', '1', ...common),
      weijian('--model', 'pmedian', '--minutes', '2', '--sites', '2', ...common),
    ]);
    expect(lscp.stderr).toBe('');
    // Within 2 minutes each candidate reaches the villages one step (≈1.51 min) away: D and E cover all six.
    const l = JSON.parse(lscp.stdout);
    expect(l).toMatchObject({ model: 'lscp', objective: 2, optimal: true });
    expect([...l.sites].sort()).toEqual(['D', 'E']);
    // One site: E covers villages 3, 4, 5 (weight 5 + 5 + 1).
    const m = JSON.parse(mclp.stdout);
    expect(m).toMatchObject({ model: 'mclp', sites: ['E'], objective: 11, optimal: true });
    expect(m.added).toEqual([{ id: 'E', weight: 11 }]);
    // Two sites: the best pair by brute force over the road positions (B lies half-way along a segment).
    const step = (0.01 * (Math.PI / 180) * 6_371_008.8 * Math.cos((LAT * Math.PI) / 180)) / 10 / 60;
    const at: Record<string, number> = { A: 0, B: 2.5, C: 5, D: 1, E: 4 };
    const cost = (pair: string[]) =>
      weights.reduce((s, w, k) => s + w * step * Math.min(...pair.map((c) => Math.abs(k - at[c]!))), 0);
    const pairs = Object.keys(at).flatMap((a) =>
      Object.keys(at)
        .filter((b) => a < b)
        .map((b) => [a, b]),
    );
    const best = Math.min(...pairs.map(cost));
    const p = JSON.parse(pmedian.stdout);
    expect(p).toMatchObject({ model: 'pmedian', optimal: true });
    expect(p.sites).toHaveLength(2);
    expect(p.objective).toBeCloseTo(best, 3);
    expect(cost(p.sites)).toBeCloseTo(best, 6);
  }, 180_000);

  it('refuses bad input with a message naming the file and feature, exit 1, in either language', async () => {
    const oneway = file(
      'bad-oneway.geojson',
      collection([
        {
          type: 'Feature',
          properties: { oneway: 3 },
          geometry: {
            type: 'LineString',
            coordinates: [
              [113.9, LAT],
              [113.91, LAT],
            ],
          },
        },
      ]),
    );
    const far = file('far.geojson', collection([point('x', lng(0)), point('faraway', 114.9)]));
    const common = ['--candidates', candidates, '--demand', demand, '--minutes', '2'];
    const [missing, badType, farPoint, noSites] = await Promise.all([
      weijian('--model', 'lscp', '--network', path.join(dir, 'none.geojson'), ...common),
      weijian('--model', 'lscp', '--network', oneway, ...common, '--lang', 'en'),
      weijian('--model', 'lscp', '--network', network, '--candidates', far, '--demand', demand, '--minutes', '2'),
      weijian('--model', 'mclp', '--network', network, ...common),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('参数 --network');
    expect(missing.stderr).toContain('文件不存在');
    expect(badType.code).toBe(1);
    expect(badType.stderr).toContain('network feature 1: oneway must be true or "yes" (or false, "no", "-1"), not 3');
    expect(badType.stderr).toContain('bad-oneway.geojson');
    expect(farPoint.code).toBe(1);
    expect(farPoint.stderr).toContain('点 faraway 距最近道路超过 5 公里');
    expect(noSites.code).toBe(1);
    expect(noSites.stderr).toContain('--sites');
    for (const r of [missing, badType, farPoint, noSites]) expect(r.stdout).toBe('');
  }, 180_000);
});
