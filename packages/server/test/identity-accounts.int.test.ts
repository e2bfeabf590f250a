// Accounts and sessions (issue 12 §5): password rules on create, change and reset; the forced change at
// first sign-in in production; deactivation ending sessions at once; the idle timeout; cookie attributes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, STRONG } from './fixtures.ts';
import { DEMO_PASSWORD, ENGINES, makeApp, type TestApp } from './helpers.ts';

const NEW_PASSWORD = 'Fresh-Start-2024';
const cookieOf = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie']).split(';')[0]!;

describe.each(ENGINES)('accounts and sessions on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let ids: Map<string, number>;
  const audits = async (action: string) =>
    (
      await t.ctx.db.query<{ entityId: string }>('select entity_id as "entityId" from audit_log where action = $1', [
        action,
      ])
    ).rows;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    ids = await createUsers(t, admin, [
      { username: 'pw-user', displayName: '改密', role: 'county', scopeAreaCode: '410782' },
      { username: 'off-user', displayName: '停用', role: 'county', scopeAreaCode: '410782' },
      { username: 'idle-user', displayName: '空闲', role: 'county', scopeAreaCode: '410782' },
    ]);
  });
  afterAll(() => t?.close());

  it('refuses weak passwords on create, naming every broken rule in both languages', async () => {
    const base = { displayName: '弱', role: 'county', scopeAreaCode: '410782' };
    for (const [username, password, rules] of [
      ['weak-a', 'password12', ['复杂度', '常用密码']],
      ['weak-b', 'Weak-b-user-2024', ['用户名']],
      ['weak-c', 'Short-1x', ['长度']],
      ['weak-d', 'P@ssw0rd2024!', ['常用密码']],
    ] as const) {
      const r = await t.call(admin, 'POST', '/api/v1/users', { ...base, username, password });
      expect(r.statusCode, r.body).toBe(422);
      const details = r.json().error.details as { path: string; message: string }[];
      expect(details.every((d) => d.path === 'password')).toBe(true);
      for (const rule of rules) expect(details.some((d) => d.message.includes(rule))).toBe(true);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: { ...base, username: 'weak-e', password: 'Weak-E-user!' },
    });
    expect(en.json().error.details[0].message).toContain('username rule');
  });

  it('changes the own password: current checked, rules applied, every other session ended', async () => {
    const first = await t.login('pw-user', STRONG);
    const second = await t.login('pw-user', STRONG);
    const wrong = await t.call(first, 'POST', '/api/v1/auth/password', {
      currentPassword: 'not-it',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details[0].path).toBe('currentPassword');
    const weak = await t.call(first, 'POST', '/api/v1/auth/password', {
      currentPassword: STRONG,
      newPassword: 'pw-user-2024-X',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details[0].path).toBe('newPassword');
    const same = await t.call(first, 'POST', '/api/v1/auth/password', {
      currentPassword: STRONG,
      newPassword: STRONG,
    });
    expect(same.statusCode).toBe(422);

    const ok = await t.call(first, 'POST', '/api/v1/auth/password', {
      currentPassword: STRONG,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const fresh = cookieOf(ok);
    expect((await t.call(fresh, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await t.call(first, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.call(second, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect(
      (await t.call(null, 'POST', '/api/v1/auth/login', { username: 'pw-user', password: STRONG })).statusCode,
    ).toBe(401);
    await t.login('pw-user', NEW_PASSWORD);
    expect(await audits('password-change')).toEqual([{ entityId: String(ids.get('pw-user')) }]);
    expect((await audits('password-change-failed')).length).toBe(1);
    // Without a session there is nothing to change.
    expect(
      (await t.call(null, 'POST', '/api/v1/auth/password', { currentPassword: 'x', newPassword: NEW_PASSWORD }))
        .statusCode,
    ).toBe(401);
  });

  it('lets an administrator reset a password under the same rules, ending the user sessions', async () => {
    const id = ids.get('pw-user')!;
    const session = await t.login('pw-user', NEW_PASSWORD);
    const weak = await t.call(admin, 'POST', `/api/v1/users/${id}/password`, { password: 'abc' });
    expect(weak.statusCode).toBe(422);
    const county = await t.login('idle-user', STRONG);
    expect((await t.call(county, 'POST', `/api/v1/users/${id}/password`, { password: STRONG })).statusCode).toBe(403);
    const r = await t.call(admin, 'POST', `/api/v1/users/${id}/password`, { password: STRONG });
    expect(r.statusCode, r.body).toBe(200);
    // Demo mode: no forced change.
    expect(r.json().user.mustChangePassword).toBe(false);
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await t.login('pw-user', STRONG);
    expect((await audits('user.password-reset')).length).toBe(1);
    expect((await t.call(admin, 'POST', '/api/v1/users/999999/password', { password: STRONG })).statusCode).toBe(404);
  });

  it('deactivates an account, ending its sessions at once, and reactivates it', async () => {
    const id = ids.get('off-user')!;
    const session = await t.login('off-user', STRONG);
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await t.call(session, 'POST', `/api/v1/users/${id}/deactivate`)).statusCode).toBe(403);
    const off = await t.call(admin, 'POST', `/api/v1/users/${id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().user.active).toBe(false);
    // The session cached a moment ago is gone at once, and signing in is refused.
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'off-user', password: STRONG });
    expect(again.statusCode).toBe(401);
    const on = await t.call(admin, 'POST', `/api/v1/users/${id}/activate`);
    expect(on.json().user.active).toBe(true);
    await t.login('off-user', STRONG);
    expect((await audits('user.deactivate')).length).toBe(1);
    expect((await audits('user.activate')).length).toBe(1);
    // An administrator cannot lock themselves out.
    const self = await t.call(
      admin,
      'POST',
      `/api/v1/users/${(await t.ctx.services.identity.users.adminPrincipal()).userId}/deactivate`,
    );
    expect(self.statusCode).toBe(422);
  });

  it('ends a session after the idle timeout, besides its absolute lifetime', async () => {
    const session = await t.login('idle-user', STRONG);
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const idle = async (minutes: number) => {
      await t.ctx.db.query(
        `update sessions set last_seen_at = now() - make_interval(mins => $1)
          where user_id = (select id from users where username = 'idle-user')`,
        [minutes],
      );
      t.ctx.services.identity.sessions.forgetCached(); // as if the 30-second look-up cache had run out
    };
    // Used 29 minutes ago: still alive, and the request counts as use.
    await idle(29);
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await idle(31);
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    // The absolute lifetime still applies to a busy session.
    const busy = await t.login('idle-user', STRONG);
    await t.ctx.db.query(`update sessions set expires_at = now() - interval '1 second', last_seen_at = now()`);
    t.ctx.services.identity.sessions.forgetCached();
    expect((await t.call(busy, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('sets the session cookie httpOnly, SameSite=Strict, and Secure over HTTPS', async () => {
    const plain = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    const attrs = String(plain.headers['set-cookie']);
    expect(attrs).toMatch(/HttpOnly/);
    expect(attrs).toMatch(/SameSite=Strict/);
    expect(attrs).not.toMatch(/Secure/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('production mode', () => {
  let t: TestApp;
  const env = {
    WEIJIAN_MODE: 'production',
    WEIJIAN_ADMIN_PASSWORD: 'Operator-Secret-2024',
    WEIJIAN_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
  };
  beforeAll(async () => {
    t = await makeApp('pglite', env);
  });
  afterAll(() => t?.close());

  it('makes a user an administrator created change the password at first sign-in', async () => {
    const admin = await t.login('admin', env.WEIJIAN_ADMIN_PASSWORD);
    const ids = await createUsers(t, admin, [
      { username: 'new-user', displayName: '新用户', role: 'county', scopeAreaCode: '410782' },
    ]);
    const session = await t.login('new-user', STRONG);
    const me = await t.call(session, 'GET', '/api/v1/auth/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    // Everything else answers a clear 403 until the password is changed.
    for (const [method, url] of [
      ['GET', '/api/v1/institutions'],
      ['GET', '/api/v1/areas/410782/summary?year=2020'],
      ['POST', '/api/v1/institutions'],
    ] as const) {
      const r = await t.call(session, method, url, method === 'POST' ? {} : undefined);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const changed = await t.call(session, 'POST', '/api/v1/auth/password', {
      currentPassword: STRONG,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const fresh = cookieOf(changed);
    expect((await t.call(fresh, 'GET', '/api/v1/institutions')).statusCode).toBe(200);
    // An administrator's reset sets the flag again.
    const reset = await t.call(admin, 'POST', `/api/v1/users/${ids.get('new-user')}/password`, {
      password: 'Reset-Given-2024',
    });
    expect(reset.json().user.mustChangePassword).toBe(true);
    const after = await t.login('new-user', 'Reset-Given-2024');
    expect((await t.call(after, 'GET', '/api/v1/institutions')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('marks the session cookie Secure and sends HSTS even over plain HTTP', async () => {
    const r = await t.call(null, 'POST', '/api/v1/auth/login', {
      username: 'admin',
      password: env.WEIJIAN_ADMIN_PASSWORD,
    });
    expect(String(r.headers['set-cookie'])).toMatch(/Secure/);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('has no demo users and no demo password', async () => {
    const r = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    expect(r.statusCode).toBe(401);
    // An account left over from a demo database still holding the demo password does not open either.
    await t.ctx.services.identity.users.ensureDemoUsers(
      [{ username: 'city', displayName: '新乡市卫健委', role: 'city', scopeAreaCode: '4107' }],
      DEMO_PASSWORD,
    );
    const demo = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'city', password: DEMO_PASSWORD });
    expect(demo.statusCode).toBe(401);
  });
});
