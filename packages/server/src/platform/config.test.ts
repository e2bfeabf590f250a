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
  it('rejects malformed numbers and unknown modes with the variable named', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ WEIJIAN_MODE: 'test' })).toThrow(/WEIJIAN_MODE/);
  });
  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }).databaseUrl).toBe('postgres://x@127.0.0.1/db');
  });
});
