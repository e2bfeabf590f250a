// `weijian plan parse-target` as an operator runs it: a real process, JSON on stdout.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

describe('weijian plan parse-target', () => {
  it('prints one typed target as JSON, the unit travelling inside it', async () => {
    const { stdout } = await run('node', [BIN, 'plan', 'parse-target', '≥80岁', '--json'], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ kind: 'threshold', op: '>=', value: 80, unit: '岁', text: '≥80岁' });
    const r = await run('node', [BIN, 'plan', 'parse-target', '每年降低1个百分点左右', '--json'], { timeout: 60_000 });
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'annual-change',
      delta: -1,
      unit: '百分点',
      text: '每年降低1个百分点左右',
    });
  }, 120_000);
});
