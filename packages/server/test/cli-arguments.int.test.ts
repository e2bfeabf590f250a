// The command line refuses what it cannot do, as an operator sees it: a real process, exit code 1 and one
// message naming the argument (Chinese by default, English with --lang en); and a data folder held by a
// running server is refused, never worked on as a copy the server does not see.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

describe('weijian command-line arguments', () => {
  let dir: string;
  const env = () => ({ ...process.env, WEIJIAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', WEIJIAN_LANG: '' });
  const weijian = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('node', [BIN, ...args], { env: env(), timeout: 120_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-cli-args-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses bad arguments before opening anything: exit 1, the argument named, no stack', async () => {
    const missing = path.join(dir, 'missing.csv');
    const cases: [string[], string][] = [
      [['import', 'population', missing], `weijian: 参数 <file>：无法读取 ${missing}：文件不存在`],
      [
        ['import', 'people', missing],
        'weijian: 参数 <kind>：未知的数据类型“people”，可选：institutions、resources、population',
      ],
      [
        ['surveillance', 'run', '--from', '2024-03-01', '--to', '2024-02-01'],
        'weijian: 参数 --from：开始日期 2024-03-01 晚于 --to 2024-02-01',
      ],
      [
        ['surveillance', 'run', '--from', '2024-02-30', '--to', '2024-03-01'],
        'weijian: 参数 --from：“2024-02-30”不是有效日期',
      ],
      [['surveillance', 'run', '--from', '2024-01-01'], 'weijian: 缺少必填选项 --to <date>'],
      [['areas', 'load', '12ab'], 'weijian: 参数 <code>：“12ab”不是区划代码（应为 4、6 位数字）'],
      [['export', 'institutions', '--year', '20x'], 'weijian: 参数 --year：“20x”不是整数'],
      [
        ['export', 'institutions', '--format', 'pdf'],
        'weijian: 选项 --format <format> 的取值“pdf”无效，可选：csv、xlsx',
      ],
      [['demo', '--scale', '0'], 'weijian: 参数 --scale：0 超出范围'],
      [['plan', 'report', 'abc'], 'weijian: 参数 <planId>：“abc”不是整数'],
      [['import', 'population', missing, '--lang', 'en'], `weijian: <file>: cannot read ${missing}: no such file`],
    ];
    const results = await Promise.all(cases.map(([args]) => weijian(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(' ')).toBe(1);
      expect(r.stderr.startsWith(cases[i]![1]), r.stderr).toBe(true);
      expect(r.stderr).not.toMatch(/ENOENT|\n\s+at /);
    });
    // Nothing was opened: no data folder was created.
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
    // Eleven processes, each loading the whole program: minutes on a loaded two-core machine.
  }, 300_000);

  it('refuses codes the database does not know', async () => {
    // One after the other: two commands on one embedded folder at once are refused by its lock.
    const area = await weijian('areas', 'load', '999999');
    expect(area.code).toBe(1);
    expect(area.stderr).toBe('weijian: 参数 <code>：区划代码 999999 不存在\n');
    const disease = await weijian(
      'surveillance',
      'run',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--disease',
      'B01,XYZ',
    );
    expect(disease.code).toBe(1);
    expect(disease.stderr).toMatch(/^weijian: 参数 --disease：未知的病种代码：XYZ（已有：.*B01/);
  }, 240_000);

  it('on a data folder held by a running server, refuses (naming pid and port) instead of writing a copy', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const server: ChildProcess = spawn('node', [BIN, 'serve'], {
      env: { ...env(), PORT: String(port), HOST: '127.0.0.1', WEIJIAN_WEB_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    server.stdout?.on('data', (d) => {
      log += d;
    });
    server.stderr?.on('data', (d) => {
      log += d;
    });
    try {
      const deadline = Date.now() + 150_000;
      while (!log.includes('http://localhost:') && Date.now() < deadline && server.exitCode === null)
        await new Promise((r) => setTimeout(r, 250));
      expect(log).toContain(`Weijian 已启动，监听 http://localhost:${port}`);
      const file = path.join(dir, 'population.csv');
      fs.writeFileSync(file, '\uFEFF区划代码,年份,常住人口\r\n410781,2024,1000\n');
      const r = await weijian('import', 'population', file);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `正被运行中的服务器（pid ${server.pid}，端口 ${port}）使用；请通过该服务器操作或先停止它`,
      );
      const en = await weijian('export', 'population', '--lang', 'en');
      expect(en.code).toBe(1);
      expect(en.stderr).toContain(`is in use by a running server (pid ${server.pid}, port ${port})`);
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    }
    // Stopped, the server has given the folder back.
    expect(fs.existsSync(path.join(dir, 'data', 'weijian.lock'))).toBe(false);
  }, 240_000);
});
