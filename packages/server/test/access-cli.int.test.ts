// `weijian access coverage` as an operator runs it: a real process, GeoJSON files in, JSON out. A hand-made
// network whose answers are worked out below: an east–west road, a one-way road going north from its east
// end, and a road 150 km away that nothing joins, all at 36 km/h (10 m/s).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

/** Great-circle metres, written out here so the expected minutes do not come from the code under test. */
function metres(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const s =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(s));
}

const road = (coordinates: number[][], properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});
const point = (id: string, at: [number, number], props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { id, ...props },
  geometry: { type: 'Point', coordinates: at },
});
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('weijian access coverage', () => {
  let dir: string;
  const file = (name: string, body: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, body);
    return f;
  };
  const weijian = (...args: string[]) =>
    run('node', [BIN, 'access', 'coverage', ...args], {
      env: { ...process.env, WEIJIAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' },
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  let network: string;
  let facilities: string;
  let demand: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-access-cli-'));
    network = file(
      'network.geojson',
      collection([
        road(
          [
            [114, 35],
            [114.1, 35],
          ],
          { speed_kmh: 36 },
        ),
        road(
          [
            [114.1, 35],
            [114.1, 35.05],
          ],
          { speed_kmh: 36, oneway: 'yes' },
        ),
        road(
          [
            [115, 36],
            [115.01, 36],
          ],
          { highway: 'residential' },
        ),
      ]),
    );
    facilities = file('facilities.geojson', collection([point('F1', [114, 35]), point('F2', [114.1, 35.05])]));
    demand = file(
      'demand.geojson',
      collection([
        point('d1', [114.05, 35], { weight: 3 }),
        point('d2', [114.1, 35.04]),
        point('d3', [114.101, 35.01]),
        point('d4', [115.005, 36], { weight: 2 }),
      ]),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers the nearest facility and the covered share worked out by hand', async () => {
    const ok = await weijian(
      '--network',
      network,
      '--facilities',
      facilities,
      '--demand',
      demand,
      '--minutes',
      '8',
      '--json',
    );
    expect(ok.code, ok.stderr).toBe(0);
    const out = JSON.parse(ok.stdout);
    // d1: 0.05° west along the two-way road to F1 (F2 is 0.05° east, then 0.05° north).
    const d1 = metres([114.05, 35], [114, 35]) / 10 / 60;
    // d2: on the one-way road, 0.01° north to F2; it cannot drive south to F1.
    const d2 = metres([114.1, 35.04], [114.1, 35.05]) / 10 / 60;
    // d3: 0.001° of longitude off the road on foot at 5 km/h, then 0.04° north.
    const d3 =
      (metres([114.101, 35.01], [114.1, 35.01]) / (5 / 3.6) + metres([114.1, 35.01], [114.1, 35.05]) / 10) / 60;
    expect(d1).toBeLessThan(8);
    expect(d3).toBeGreaterThan(8);
    expect(out.points).toEqual([
      { id: 'd1', minutes: expect.closeTo(d1, 2), facility: 'F1' },
      { id: 'd2', minutes: expect.closeTo(d2, 2), facility: 'F2' },
      { id: 'd3', minutes: expect.closeTo(d3, 2), facility: 'F2' },
      { id: 'd4', minutes: null, facility: null },
    ]);
    // Weights 3, 1, 1, 2: d1 and d2 within 8 minutes.
    expect(out).toMatchObject({ total: 7, covered: 4, share: expect.closeTo(4 / 7, 5) });

    const text = await weijian('--network', network, '--facilities', facilities, '--demand', demand, '--minutes', '8');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('4 / 7');
    expect(text.stdout).toContain('d4\t不可达');
  }, 240_000);

  it('refuses a missing network, unknown property types and a point far from any road, in either language', async () => {
    const badSpeed = file(
      'bad-speed.geojson',
      collection([
        road(
          [
            [114, 35],
            [114.1, 35],
          ],
          { speed_kmh: 'fast' },
        ),
      ]),
    );
    const points = file('points-as-network.geojson', collection([point('x', [114, 35])]));
    const far = file('far.geojson', collection([point('d1', [114.05, 35]), point('far1', [114.05, 35.2])]));
    const args = (net: string, dem = demand) => [
      '--network',
      net,
      '--facilities',
      facilities,
      '--demand',
      dem,
      '--minutes',
      '8',
    ];
    const [missing, speed, notLines, farAway, farEn] = await Promise.all([
      weijian(...args(path.join(dir, 'nope.geojson'))),
      weijian(...args(badSpeed)),
      weijian(...args(points)),
      weijian(...args(network, far)),
      weijian(...args(network, far), '--lang', 'en'),
    ]);
    for (const r of [missing, speed, notLines, farAway, farEn]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(missing.stderr).toMatch(/--network.*文件不存在/);
    expect(speed.stderr).toContain('第 1 个要素');
    expect(speed.stderr).toContain('speed_kmh');
    expect(notLines.stderr).toMatch(/LineString/);
    expect(farAway.stderr).toMatch(/--demand.*距最近道路超过 5 公里（far1；far1 距道路 17\.\d+ 公里）/);
    expect(farEn.stderr).toMatch(
      /--demand: 1 point\(s\) more than 5 km from any road \(far1; far1 is 17\.\d+ km away\)/,
    );
  }, 240_000);
});
