// `weijian care evaluate` as an operator runs it: a real process reading NDJSON on stdin, no database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

function weijian(args: string[], stdin: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('node', [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', WEIJIAN_LANG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // the CLI may exit before reading everything
    child.stdin.end(stdin);
  });
}

const lines = (...records: object[]) => `${records.map((r) => JSON.stringify(r)).join('\r\n')}\n`;
const resident = (id: string, birthDate: string, more: object = {}) => ({
  kind: 'resident',
  id,
  sex: 'M',
  birthDate,
  area: '410782101201',
  ...more,
});

describe('weijian care evaluate', () => {
  it('evaluates a file: hand-worked values as JSON, and the same as a zh table', async () => {
    // Four residents in 2026: a (71, hypertension, 4 clinic visits, last BP 150/90, signed), b (46, hypertension
    // enrolled in Q3 with 2 home visits and a controlled BP, established), c (died 2026-05-01), d (child of 3
    // with a child check, signed).
    const input = `\uFEFF${lines(
      resident('a', '1955-03-01', { established: '2015-01-01' }),
      resident('b', '1980-03-01', { established: '2026-12-31' }),
      resident('c', '1950-01-01', { established: '2010-01-01', deathDate: '2026-05-01' }),
      resident('d', '2023-06-01'),
      { kind: 'enrolment', resident: 'a', program: 'hypertension', start: '2020-01-01' },
      { kind: 'enrolment', resident: 'b', program: 'hypertension', start: '2026-08-15', end: null },
      ...['2026-02-01', '2026-05-01', '2026-08-01'].map((date) => ({
        kind: 'followup',
        resident: 'a',
        program: 'hypertension',
        date,
        mode: 'clinic',
        sbp: 128,
        dbp: 80,
      })),
      {
        kind: 'followup',
        resident: 'a',
        program: 'hypertension',
        date: '2026-11-01',
        mode: 'clinic',
        sbp: 150,
        dbp: 90,
      },
      { kind: 'followup', resident: 'b', program: 'hypertension', date: '2026-09-01', mode: 'home', sbp: 120, dbp: 78 },
      { kind: 'followup', resident: 'b', program: 'hypertension', date: '2026-12-01', mode: 'home' },
      { kind: 'check', resident: 'd', type: 'child', date: '2026-06-01' },
      { kind: 'check', resident: 'a', type: 'elderly-annual', date: '2026-04-01', complete: false },
      { kind: 'contract', resident: 'a', team: 'T1', start: '2026-01-01', end: '2026-12-31' },
      { kind: 'contract', resident: 'd', team: 'T1', start: '2026-06-01', end: '2027-05-31' },
    )}\n\n`;
    const json = await weijian(['care', 'evaluate', '--year', '2026', '--json'], input);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as {
      year: number;
      indicators: { code: string; numerator: number; denominator: number; value: number | null }[];
    };
    expect(out.year).toBe(2026);
    const by = Object.fromEntries(out.indicators.map((i) => [i.code, [i.numerator, i.denominator, i.value]]));
    expect(Object.keys(by)).toHaveLength(13);
    expect(by['ehr-coverage']).toEqual([2, 3, (2 / 3) * 100]);
    expect(by['family-doctor-signing']).toEqual([2, 3, (2 / 3) * 100]);
    expect(by['family-doctor-signing-key']).toEqual([2, 3, (2 / 3) * 100]);
    expect(by['hypertension-management']).toEqual([2, 2, 100]);
    expect(by['hypertension-bp-control']).toEqual([1, 2, 50]);
    expect(by['elderly-health-management']).toEqual([0, 1, 0]);
    expect(by['child-0-6-health-management']).toEqual([1, 1, 100]);
    expect(by['diabetes-management']).toEqual([0, 0, null]);

    const text = await weijian(['care', 'evaluate', '--year', '2026'], input);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('2026 年基本公卫与家庭医生签约指标');
    expect(text.stdout).toMatch(/高血压患者血压控制率\s+hypertension-bp-control\s+1\s+2\s+50\.0/);
  }, 240_000);

  it('refuses bad lines by number in Chinese (English with --lang en), exit 1, nothing on stdout', async () => {
    const input = lines(
      resident('a', '1955-03-01'),
      { kind: 'followup', resident: 'a', program: 'hypertension', date: '2026-02-30', mode: 'clinic' },
      resident('a', '1960-01-01'),
      { kind: 'followup', resident: 'a', program: 'hypertension', date: '2026-02-01', mode: 'phone', fgb: 6 },
    );
    const zh = await weijian(['care', 'evaluate', '--year', '2026', '--json'], input);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toContain('输入有 3 行错误');
    expect(zh.stderr).toContain('第 2 行【date】“2026-02-30”不是有效日期');
    expect(zh.stderr).toContain('第 3 行【id】居民“a”已在第 1 行出现');
    expect(zh.stderr).toContain('第 4 行【fgb】');

    const en = await weijian(
      ['care', 'evaluate', '--year', '2026', '--lang', 'en'],
      lines(resident('a', '1955-03-01'), { kind: 'check', resident: 'ghost', type: 'child', date: '2026-01-01' }),
    );
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('line 2 [resident]: the file lists no resident "ghost"');
  }, 240_000);

  it('checks --year before reading anything', async () => {
    const r = await weijian(['care', 'evaluate', '--year', '1800'], '');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('参数 --year：1800 超出范围');
  }, 120_000);
});
