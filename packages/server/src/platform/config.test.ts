import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to demo mode on the embedded database under ./data', () => {
    const c = loadConfig({}, '/srv/wj');
    expect(c).toMatchObject({ mode: 'demo', port: 3000, dataDir: '/srv/wj/data', databaseUrl: null, adminPassword: null });
  });
  it('refuses production without an explicit, long enough admin password', () => {
    expect(() => loadConfig({ WEIJIAN_MODE: 'production' })).toThrow(/WEIJIAN_ADMIN_PASSWORD/);
    expect(() => loadConfig({ WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'short' })).toThrow(/12/);
    expect(loadConfig({ WEIJIAN_MODE: 'production', WEIJIAN_ADMIN_PASSWORD: 'a-long-Passw0rd' }).mode).toBe('production');
  });
  it('rejects malformed numbers and unknown modes with the variable named', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ WEIJIAN_MODE: 'test' })).toThrow(/WEIJIAN_MODE/);
  });
  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }).databaseUrl).toBe('postgres://x@127.0.0.1/db');
  });
});
