// `weijian users` as an operator runs it: a real process on a real data directory.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/weijian.js');

describe('weijian users', () => {
  let dir: string;
  const weijian = (args: string[], input = '') =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        'node',
        [BIN, ...args],
        { env: { ...process.env, WEIJIAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' }, timeout: 120_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(input);
    });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-users-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = () => createApp(loadConfig({ WEIJIAN_DATA_DIR: path.join(dir, 'data'), WEIJIAN_WEB_DIR: '' }));

  it('sets a password read from standard input, under the rules', async () => {
    const weak = await weijian(['users', 'password', 'admin'], 'password12\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('复杂度');
    expect(weak.stderr).toContain('常用密码');
    const ok = await weijian(['users', 'password', 'admin'], 'Operator-Set-2024\n');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('已设置 admin 的密码');
  }, 60_000);

  it('deactivates an account, ending its sessions, and reactivates it, audited', async () => {
    // A county user with a session, made directly in the data directory.
    let app = await open();
    await app.services.identity.users.ensureDemoUsers(
      [{ username: 'cli-user', displayName: '命令行', role: 'county', scopeAreaCode: '410782' }],
      'Cli-User-Pass-1',
    );
    await app.services.identity.sessions.create((await app.services.identity.users.byUsername('cli-user'))!.id);
    await app.db.close();

    expect((await weijian(['users', 'deactivate', 'cli-user', '--lang', 'en'])).stdout).toContain(
      'cli-user deactivated',
    );
    const list = await weijian(['users', 'list']);
    expect(list.stdout).toMatch(/^admin\tadmin\t-\t启用$/m);
    expect(list.stdout).toMatch(/^cli-user\tcounty\t410782\t已停用$/m);
    expect((await weijian(['users', 'activate', 'cli-user'])).code).toBe(0);

    app = await open();
    const sessions = await app.db.query(
      `select 1 from sessions s join users u on u.id = s.user_id where username = 'cli-user'`,
    );
    expect(sessions.rows).toHaveLength(0);
    const { rows } = await app.db.query<{ action: string }>(
      `select action from audit_log where action like 'user.%activate' order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['user.deactivate', 'user.activate']);
    expect((await app.services.identity.users.byUsername('cli-user'))?.active).toBe(true);
    await app.db.close();
    // Three processes, each opening the database: minutes on a loaded machine.
  }, 240_000);
});
