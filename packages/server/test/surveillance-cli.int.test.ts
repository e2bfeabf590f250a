// `weijian detect` and `weijian surveillance evaluate` as a script calls them: a real process, JSON in and out.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

function weijian(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('node', [BIN, ...args], { env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(stdin);
  });
}

describe('weijian detect', () => {
  it('reads a request from stdin and prints upperbound, alarm and expected (null where no bound)', async () => {
    const request = {
      algorithm: 'farrington-flexible',
      frequency: 52,
      observed: [...Array.from({ length: 3 * 52 + 4 }, (_, i) => (i % 5) + 1), 30],
      range: [3 * 52 + 3, 3 * 52 + 4],
      params: { b: 3, w: 2 },
    };
    const r = await weijian(['detect'], JSON.stringify(request));
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['upperbound', 'alarm', 'expected']);
    expect(out.upperbound).toHaveLength(2);
    expect(out.alarm).toEqual([false, true]);
    // A missing value in the baseline: no bound (R's NA) is printed as null.
    const ears = await weijian(
      ['detect'],
      JSON.stringify({ algorithm: 'ears-c1', frequency: 52, observed: [null, 2, 3, 2, 1, 2, 3, 2, 10], range: [7, 8] }),
    );
    expect(JSON.parse(ears.stdout)).toMatchObject({ upperbound: [null, expect.any(Number)], alarm: [null, true] });
  }, 60_000);

  it('exits 1 with a message naming the field on bad input, in Chinese or (--lang en) English', async () => {
    const bad = JSON.stringify({ algorithm: 'ears-c1', frequency: 7, observed: [1], range: [0, 0] });
    const r = await weijian(['detect'], bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('frequency');
    expect(r.stderr).toMatch(/必须/);
    const en = await weijian(['detect', '--lang', 'en'], bad);
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/frequency.*must/);
    const junk = await weijian(['detect'], '{oops');
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('JSON');
  }, 60_000);

  it('evaluates detectors reproducibly as JSON', async () => {
    const r = await weijian([
      'surveillance',
      'evaluate',
      '--algorithms',
      'ears-c2',
      '--series',
      '2',
      '--seed',
      '5',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows).toHaveLength(3);
    expect(out.rows[0]).toHaveProperty('sensitivity');
  }, 60_000);
});
