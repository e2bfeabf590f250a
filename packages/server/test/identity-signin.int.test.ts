// Sign-in throttling (issue 12 §5): back-off per pair and per account, a spraying address that does not
// lock its neighbours out, and the client address from X-Forwarded-For only through trusted proxies.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const USERS = ['ann', 'bob', 'cat', 'dan', 'eve'].map((u) => ({
  username: `${u}-user`,
  displayName: u,
  role: 'county' as const,
  scopeAreaCode: '410782',
}));

function signIn(app: FastifyInstance, username: string, password: string, from: string, xff?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers: xff ? { 'x-forwarded-for': xff } : {},
    payload: { username, password },
  });
}

describe.each(ENGINES)('sign-in throttling on %s', (engine) => {
  let t: TestApp;
  // Time passes by moving the recorded failures into the past (the back-off is measured by the database clock).
  const age = (seconds: number) =>
    t.ctx.db.query(`update login_failures set at = at - make_interval(secs => $1)`, [seconds]);
  const audits = async (action: string, username: string) =>
    (
      await t.ctx.db.query<{ ip: string; after: unknown }>(
        'select ip, after from audit_log where action = $1 and username = $2 order by id',
        [action, username],
      )
    ).rows;

  beforeAll(async () => {
    t = await makeApp(engine);
    await createUsers(t, await t.login('admin'), USERS);
  });
  afterAll(() => t?.close());

  it('backs off a pair after five failures, doubling the wait, and lets it go when the wait is over', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(t.app, 'ann-user', 'wrong', '10.0.0.1')).statusCode).toBe(401);
    const locked = await signIn(t.app, 'ann-user', STRONG, '10.0.0.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/登录失败次数过多，请 (\d+ 秒|1 分钟)后再试/);
    const lockouts = await audits('login-lockout', 'ann-user');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]?.after).toMatchObject({ scope: 'pair' });
    expect(await audits('login-throttled', 'ann-user')).toHaveLength(1);
    // One minute later one more try is allowed; failing it doubles the wait to two minutes.
    await age(61);
    expect((await signIn(t.app, 'ann-user', 'wrong', '10.0.0.1')).statusCode).toBe(401);
    await age(61);
    expect((await signIn(t.app, 'ann-user', STRONG, '10.0.0.1')).statusCode).toBe(429);
    await age(60);
    expect((await signIn(t.app, 'ann-user', STRONG, '10.0.0.1')).statusCode).toBe(200);
  });

  it('does not lock every account behind an address after 20 failures there', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await signIn(t.app, `nobody-${i}`, 'wrong', '10.0.0.2')).statusCode).toBe(401);
    }
    // Another account's correct password from the same address goes through at once…
    expect((await signIn(t.app, 'bob-user', STRONG, '10.0.0.2')).statusCode).toBe(200);
    // …but from a spraying address each account gets one guess per back-off.
    expect((await signIn(t.app, 'cat-user', 'wrong', '10.0.0.2')).statusCode).toBe(401);
    const second = await signIn(t.app, 'cat-user', STRONG, '10.0.0.2');
    expect(second.statusCode).toBe(429);
    expect((await audits('login-lockout', 'cat-user'))[0]?.after).toMatchObject({ scope: 'address' });
    // cat-user is not locked anywhere else.
    expect((await signIn(t.app, 'cat-user', STRONG, '10.0.0.3')).statusCode).toBe(200);
  });

  it('stops guessing one account from many addresses, and the lock ends by itself', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await signIn(t.app, 'dan-user', 'wrong', `10.1.0.${i + 1}`)).statusCode).toBe(401);
    }
    const r = await signIn(t.app, 'dan-user', STRONG, '10.1.1.1');
    expect(r.statusCode).toBe(429);
    expect((await audits('login-lockout', 'dan-user')).at(-1)?.after).toMatchObject({ scope: 'account' });
    await age(61);
    expect((await signIn(t.app, 'dan-user', STRONG, '10.1.1.1')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For without a trusted proxy', async () => {
    for (let i = 0; i < 5; i++) {
      await signIn(t.app, 'eve-user', 'wrong', '10.0.0.5', `192.0.2.${i}`);
    }
    expect((await signIn(t.app, 'eve-user', STRONG, '10.0.0.5', '192.0.2.200')).statusCode).toBe(429);
    expect((await audits('login-failed', 'eve-user')).map((a) => a.ip)).toEqual(Array(5).fill('10.0.0.5'));
  });
});

describe('sign-in behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The proxy runs on the same host (loopback, the default trusted list); inject() comes from 127.0.0.1.
    t = await makeApp('pglite', { WEIJIAN_TRUST_PROXY: 'true' });
    await createUsers(t, await t.login('admin'), USERS.slice(0, 2));
  });
  afterAll(() => t?.close());

  it('keys on the right-most untrusted hop, so a rotating X-Forwarded-For does not bypass throttling', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await signIn(t.app, 'ann-user', 'wrong', '127.0.0.1', `198.51.100.${i}, 203.0.113.7`);
      expect(r.statusCode).toBe(401);
    }
    const rotated = await signIn(t.app, 'ann-user', STRONG, '127.0.0.1', '198.51.100.99, 203.0.113.7');
    expect(rotated.statusCode).toBe(429);
    const { rows } = await t.ctx.db.query<{ ip: string }>(
      `select distinct ip from audit_log where username = 'ann-user' and action = 'login-failed'`,
    );
    expect(rows.map((r) => r.ip)).toEqual(['203.0.113.7']);
    // Another client behind the same proxy is a different address.
    expect((await signIn(t.app, 'ann-user', STRONG, '127.0.0.1', '203.0.113.8')).statusCode).toBe(200);
  });

  it('believes the header only from the trusted proxy', async () => {
    for (let i = 0; i < 5; i++) {
      await signIn(t.app, 'bob-user', 'wrong', '198.18.0.1', `203.0.113.${50 + i}`);
    }
    // A client talking to the server directly is keyed on its own address, whatever it claims.
    expect((await signIn(t.app, 'bob-user', STRONG, '198.18.0.1', '203.0.113.99')).statusCode).toBe(429);
  });
});
