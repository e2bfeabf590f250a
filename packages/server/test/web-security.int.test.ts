// Browser defences (issue 12 §5): a state-changing request from another site is refused before anything is
// written (JSON and multipart imports alike) while same-origin requests and non-browser clients work; the
// security headers (CSP, framing, HSTS over HTTPS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './fixtures.ts';
import { makeApp, type TestApp } from './helpers.ts';

const EVIL = 'https://evil.example';
const institution = (name: string) => ({
  name,
  category: 'A1',
  gradeLevel: 2,
  gradeClass: '甲',
  ownership: 'government',
  forProfit: false,
  areaCode: '410782001',
});
const CSV = Buffer.from(
  '机构名称,机构类别代码,举办主体,营利性,所在区划代码\r\n跨站导入医院,A1,政府办,否,410782001\r\n',
);

// On PGlite only: the origin check and the headers are Fastify hooks that answer before any query, and "nothing
// written" counts rows through the same SQL on either engine; the PostgreSQL driver is covered by every other file.
describe.each(['pglite'] as const)('CSRF defence and security headers on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const count = async () =>
    (await t.ctx.db.query<{ n: number }>('select count(*)::int as n from institutions')).rows[0]!.n;
  const post = (headers: Record<string, string>, payload: object = institution('跨站医院')) =>
    t.app.inject({ method: 'POST', url: '/api/v1/institutions', headers: { cookie: admin, ...headers }, payload });

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('refuses a write with a foreign Origin and a valid cookie, writing nothing', async () => {
    const before = await count();
    const r = await post({ origin: EVIL });
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('跨站') });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const w = await t.app.inject({ method, url: '/api/v1/institutions/1', headers: { cookie: admin, origin: EVIL } });
      expect(w.statusCode, method).toBe(403);
    }
    // Origin "null" (sandboxed frames, data: pages) is not the server either.
    expect((await post({ origin: 'null' })).statusCode).toBe(403);
    // Same host, other port or scheme downgrade: another origin.
    expect((await post({ origin: 'http://localhost:81' })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('refuses Sec-Fetch-Site: cross-site even without an Origin', async () => {
    const before = await count();
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('refuses a cross-site multipart import before reading it, and takes the same file from the page', async () => {
    const before = await count();
    const m = multipart('institutions.csv', CSV);
    const evil = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/institutions',
      headers: { cookie: admin, origin: EVIL, ...m.headers },
      payload: m.payload,
    });
    expect(evil.statusCode).toBe(403);
    expect(await count()).toBe(before);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/institutions',
      headers: { cookie: admin, origin: 'http://localhost', 'sec-fetch-site': 'same-origin', ...m.headers },
      payload: m.payload,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a cross-site sign-in (login CSRF)', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: EVIL },
      payload: { username: 'admin', password: 'weijian-demo' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('accepts the same origin, same-site fetch metadata, non-browser clients and reads from anywhere', async () => {
    // inject() addresses the server as http://localhost:80.
    expect((await post({ origin: 'http://localhost:80' }, institution('同源医院甲'))).statusCode).toBe(201);
    expect((await post({ origin: 'http://localhost' }, institution('同源医院乙'))).statusCode).toBe(201);
    expect((await post({ 'sec-fetch-site': 'same-origin' }, institution('同源医院丙'))).statusCode).toBe(201);
    expect((await post({}, institution('命令行医院'))).statusCode).toBe(201);
    // Behind a TLS proxy that is not trusted the page is https on the same host.
    expect((await post({ origin: 'https://localhost' }, institution('代理医院'))).statusCode).toBe(201);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/institutions',
      headers: { cookie: admin, origin: EVIL },
    });
    expect(read.statusCode).toBe(200);
  });

  it('sends CSP, no framing, nosniff and a referrer policy; HSTS only over HTTPS', async () => {
    const r = await t.call(null, 'GET', '/api/health');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('same-origin');
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('allowed origins and HTTPS behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp('pglite', { WEIJIAN_TRUST_PROXY: 'true', WEIJIAN_ALLOWED_ORIGINS: 'https://wj.example.org' });
  });
  afterAll(() => t?.close());

  it('accepts a configured origin and the proxied https origin, still refusing others', async () => {
    const admin = await t.login('admin');
    const post = (headers: Record<string, string>, name: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/institutions',
        headers: { cookie: admin, ...headers },
        payload: institution(name),
      });
    expect((await post({ origin: 'https://wj.example.org' }, '配置来源医院')).statusCode).toBe(201);
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'wj.local' };
    expect((await post({ ...proxied, origin: 'https://wj.local' }, '代理来源医院')).statusCode).toBe(201);
    expect((await post({ ...proxied, origin: 'http://wj.local' }, '降级来源医院')).statusCode).toBe(403);
    expect((await post({ origin: EVIL }, '跨站医院')).statusCode).toBe(403);
  });

  it('marks the cookie Secure and sends HSTS when the proxy reports HTTPS', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'admin', password: 'weijian-demo' },
    });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/Secure/);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});
