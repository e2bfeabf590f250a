// Every setting of the server, read once from the environment. The README's settings table mirrors this file.
import path from 'node:path';

export type Mode = 'demo' | 'production';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory; ignored when databaseUrl is set. */
  dataDir: string;
  /** PostgreSQL server connection string; when unset the embedded PGlite database is used. */
  databaseUrl: string | null;
  mode: Mode;
  /** Password of the `admin` user created on first start. */
  adminPassword: string | null;
  sessionTtlHours: number;
  /** Failed sign-ins allowed per username+IP within loginWindowMinutes before 429. */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  logLevel: string;
  /** Static web build served at `/`; null disables the UI. */
  webDir: string | null;
  /** In-process read cache (effective on the embedded database only, see platform/read-cache.ts). */
  readCache: boolean;
}

/** The documented password of `admin` in demo mode when WEIJIAN_ADMIN_PASSWORD is unset. */
export const DEMO_ADMIN_PASSWORD = 'weijian-demo';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const mode = (env.WEIJIAN_MODE ?? 'demo') as Mode;
  if (mode !== 'demo' && mode !== 'production') {
    throw new Error(`WEIJIAN_MODE must be "demo" or "production", got "${mode}"`);
  }
  const adminPassword = env.WEIJIAN_ADMIN_PASSWORD || null;
  if (mode === 'production' && !adminPassword) {
    throw new Error('WEIJIAN_MODE=production refuses to start without WEIJIAN_ADMIN_PASSWORD (生产模式必须设置管理员密码)');
  }
  if (mode === 'production' && adminPassword && adminPassword.length < 12) {
    throw new Error('WEIJIAN_ADMIN_PASSWORD must have at least 12 characters in production (生产模式管理员密码至少 12 位)');
  }
  return {
    port: intOf(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.WEIJIAN_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    mode,
    adminPassword,
    sessionTtlHours: intOf(env.WEIJIAN_SESSION_TTL_HOURS, 12, 'WEIJIAN_SESSION_TTL_HOURS'),
    loginMaxFailures: intOf(env.WEIJIAN_LOGIN_MAX_FAILURES, 5, 'WEIJIAN_LOGIN_MAX_FAILURES'),
    loginWindowMinutes: intOf(env.WEIJIAN_LOGIN_WINDOW_MINUTES, 15, 'WEIJIAN_LOGIN_WINDOW_MINUTES'),
    logLevel: env.WEIJIAN_LOG_LEVEL ?? 'warn',
    readCache: (env.WEIJIAN_READ_CACHE ?? 'on') !== 'off',
    webDir: env.WEIJIAN_WEB_DIR === '' ? null : path.resolve(cwd, env.WEIJIAN_WEB_DIR ?? defaultWebDir()),
  };
}

function defaultWebDir(): string {
  return path.resolve(import.meta.dirname, '../../../web/dist');
}

function intOf(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}
