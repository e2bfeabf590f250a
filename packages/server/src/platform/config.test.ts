import { describe, expect, it } from 'vitest';
import { DEMO_DATA_KEY, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to demo mode on the embedded database under ./data', () => {
    const c = loadConfig({}, '/srv/wj');
    expect(c).toMatchObject({
      mode: 'demo',
      port: 3000,
      dataDir: '/srv/wj/data',
      databaseUrl: null,
      adminPassword: null,
    });
  });
  it('refuses production without an explicit, long enough admin password', () => {
    expect(() => loadConfig({ WEIJIAN_MODE: 'production' })).toThrow(/WEIJIAN_ADMIN_PASSWORD/);
    expect(() => loadConfig({ WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'short' })).toThrow(/12/);
    // The password rules apply to it too (here: it contains the username, and it is a common one).
    expect(() => loadConfig({ WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'Admin-2024-xyz' })).toThrow(
      /username rule/,
    );
    expect(() => loadConfig({ WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'Qwertyuiop123!' })).toThrow(
      /Common-password rule/,
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(
      loadConfig({ WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'a-long-Passw0rd', WEIJIAN_DATA_KEY: key }).mode,
    ).toBe('production');
  });
  it('refuses production without a 32-byte data key and derives the documented demo key otherwise', () => {
    const prod = { WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'a-long-Passw0rd' };
    expect(() => loadConfig(prod)).toThrow(/WEIJIAN_DATA_KEY/);
    expect(() => loadConfig({ ...prod, WEIJIAN_DATA_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(loadConfig({}).dataKey).toEqual(DEMO_DATA_KEY);
    expect(loadConfig({}).demoDataKey).toBe(true);
  });
  it('sizes the embedded database buffer pool: 32 MB by default, bounded, the variable named when wrong', () => {
    expect(loadConfig({}).pgliteSharedBuffersMb).toBe(32);
    expect(loadConfig({ WEIJIAN_PGLITE_SHARED_BUFFERS_MB: '128' }).pgliteSharedBuffersMb).toBe(128);
    for (const bad of ['0', '-1', '5000', '16MB'])
      expect(() => loadConfig({ WEIJIAN_PGLITE_SHARED_BUFFERS_MB: bad })).toThrow(/WEIJIAN_PGLITE_SHARED_BUFFERS_MB/);
  });
  it('rejects malformed numbers and unknown modes with the variable named', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ WEIJIAN_MODE: 'test' })).toThrow(/WEIJIAN_MODE/);
  });
  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }).databaseUrl).toBe('postgres://x@127.0.0.1/db');
  });
});

describe('security settings', () => {
  it('trusts no proxy by default and never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ WEIJIAN_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    // On: the proxies named (a same-host proxy by default); `true` is never passed on.
    expect(loadConfig({ WEIJIAN_TRUST_PROXY: 'true' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ WEIJIAN_TRUST_PROXY: 'TRUE' }).trustProxy).toEqual(['loopback']);
    expect(
      loadConfig({ WEIJIAN_TRUST_PROXY: '1', WEIJIAN_TRUSTED_PROXIES: '10.0.0.5, 172.16.0.0/12' }).trustProxy,
    ).toEqual(['10.0.0.5', '172.16.0.0/12']);
    expect(() => loadConfig({ WEIJIAN_TRUST_PROXY: 'true', WEIJIAN_TRUSTED_PROXIES: '2' })).toThrow(/2/);
    expect(() => loadConfig({ WEIJIAN_TRUST_PROXY: 'true', WEIJIAN_TRUSTED_PROXIES: 'proxy.local' })).toThrow(
      /WEIJIAN_TRUSTED_PROXIES/,
    );
    expect(() => loadConfig({ WEIJIAN_TRUST_PROXY: 'yes please' })).toThrow(/WEIJIAN_TRUST_PROXY/);
  });
  it('reads the idle timeout, the back-off cap and the allowed origins', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ sessionIdleMinutes: 30, loginBackoffMaxMinutes: 15, loginWindowMinutes: 60 });
    expect(c.allowedOrigins).toEqual([]);
    expect(loadConfig({ WEIJIAN_SESSION_IDLE_MINUTES: '5' }).sessionIdleMinutes).toBe(5);
    expect(() => loadConfig({ WEIJIAN_SESSION_IDLE_MINUTES: '0' })).toThrow(/WEIJIAN_SESSION_IDLE_MINUTES/);
    expect(
      loadConfig({ WEIJIAN_ALLOWED_ORIGINS: 'https://wj.example.org, http://localhost:5173' }).allowedOrigins,
    ).toEqual(['https://wj.example.org', 'http://localhost:5173']);
    expect(() => loadConfig({ WEIJIAN_ALLOWED_ORIGINS: 'https://wj.example.org/app' })).toThrow(
      /WEIJIAN_ALLOWED_ORIGINS/,
    );
  });
});
