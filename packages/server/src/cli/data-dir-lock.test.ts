import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../platform/cli-args.ts';
import { LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

describe('the embedded data folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = () => ({ dataDir: dir, databaseUrl: null });
  const holderOf = () => JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'));

  it('is taken, records the port, and is gone once released', () => {
    const lock = lockDataDir(config(), 'serve');
    expect(holderOf()).toMatchObject({ pid: process.pid, command: 'serve' });
    lock.setPort(3917);
    expect(holderOf().port).toBe(3917);
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while a live weijian process holds it, naming its pid and port; takes over a dead one’s', async () => {
    // A stand-in for a running server: a live process whose command line names weijian.
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'weijian', 'serve']);
    try {
      fs.writeFileSync(
        path.join(dir, LOCK_FILE),
        JSON.stringify({ pid: server.pid, command: 'serve', port: 3917, startedAt: '' }),
      );
      let refused: unknown;
      try {
        lockDataDir(config(), 'import population');
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(CliError);
      expect((refused as CliError).text.zh).toContain(
        `正被运行中的服务器（pid ${server.pid}，端口 3917）使用；请通过该服务器操作或先停止它`,
      );
      expect(holderOf().pid).toBe(server.pid);
    } finally {
      server.kill();
      await new Promise((r) => server.once('exit', r));
    }
    // The holder is gone: its lock is stale and taken over.
    const lock = lockDataDir(config(), 'import population');
    expect(holderOf()).toMatchObject({ pid: process.pid, command: 'import population' });
    lock.release();
  });

  it('a pid now used by another program does not hold it, nor does a garbled file', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, command: 'serve', startedAt: '' }));
      lockDataDir(config(), 'demo').release();
    } finally {
      other.kill();
      await new Promise((r) => other.once('exit', r));
    }
    fs.writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    lockDataDir(config(), 'demo').release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('is not needed on PostgreSQL', () => {
    lockDataDir({ dataDir: dir, databaseUrl: 'postgres://x' }, 'serve');
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
