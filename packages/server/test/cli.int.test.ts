// The operator's command line as a user runs it: a real process, a real data directory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

describe('weijian CLI', () => {
  let dir: string;
  const weijian = (...args: string[]) =>
    run('node', [BIN, ...args], {
      env: { ...process.env, WEIJIAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' },
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rejects a bad import with the row and column in Chinese, writes nothing, then imports the fixed file', async () => {
    const header = '机构名称,机构类别代码,级别,等次,举办主体,营利性,所在区划代码';
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      `\uFEFF${header}\n测试医院甲,A1,二级,甲等,政府办,否,410782001\n测试医院乙,A1,二级,甲等,政府办,否,999999999\n`,
    );
    const failed = await weijian('import', 'institutions', bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/第 ?3 ?行/);
    expect(failed.stderr).toContain('所在区划代码');

    const empty = await weijian('export', 'institutions', '--format', 'csv');
    expect(empty.code).toBe(0);
    expect(empty.stdout).not.toContain('测试医院甲');

    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(
      good,
      `\uFEFF${header}\n测试医院甲,A1,二级,甲等,政府办,否,410782001\n测试医院乙,A1,二级,甲等,政府办,否,410783001\n`,
    );
    const ok = await weijian('import', 'institutions', good, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'institutions', inserted: 2 });

    const exported = await weijian('export', 'institutions', '--area', '410783', '--format', 'csv');
    expect(exported.stdout).toContain('测试医院乙');
    expect(exported.stdout).not.toContain('测试医院甲');
  }, 240_000);
});
