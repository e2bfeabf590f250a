// Every setting of the server, read once from the environment. The README's settings table mirrors this file.
import { createHash } from 'node:crypto';
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
  /** Believe X-Forwarded-For (set only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Failed sign-ins allowed per username from one address within loginWindowMinutes before 429 (4× per address). */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  logLevel: string;
  /** Static web build served at `/`; null disables the UI. */
  webDir: string | null;
  /** In-process read cache (effective on the embedded database only, see platform/read-cache.ts). */
  readCache: boolean;
  /** 32-byte key protecting personal identifiers at rest (AES-256-GCM and HMAC, see surveillance/protect.ts). */
  dataKey: Buffer;
  /** True when dataKey is the documented demo key (WEIJIAN_DATA_KEY unset in demo mode). */
  demoDataKey: boolean;
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
    throw new Error(
      'WEIJIAN_MODE=production refuses to start without WEIJIAN_ADMIN_PASSWORD (生产模式必须设置管理员密码)',
    );
  }
  if (mode === 'production' && adminPassword && adminPassword.length < 12) {
    throw new Error(
      'WEIJIAN_ADMIN_PASSWORD must have at least 12 characters in production (生产模式管理员密码至少 12 位)',
    );
  }
  const dataKey = dataKeyOf(env.WEIJIAN_DATA_KEY, mode);
  return {
    port: intOf(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.WEIJIAN_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    mode,
    adminPassword,
    sessionTtlHours: intOf(env.WEIJIAN_SESSION_TTL_HOURS, 12, 'WEIJIAN_SESSION_TTL_HOURS'),
    trustProxy: env.WEIJIAN_TRUST_PROXY === 'true' || env.WEIJIAN_TRUST_PROXY === '1',
    loginMaxFailures: intOf(env.WEIJIAN_LOGIN_MAX_FAILURES, 5, 'WEIJIAN_LOGIN_MAX_FAILURES'),
    loginWindowMinutes: intOf(env.WEIJIAN_LOGIN_WINDOW_MINUTES, 15, 'WEIJIAN_LOGIN_WINDOW_MINUTES'),
    logLevel: env.WEIJIAN_LOG_LEVEL ?? 'warn',
    readCache: (env.WEIJIAN_READ_CACHE ?? 'on') !== 'off',
    webDir: env.WEIJIAN_WEB_DIR === '' ? null : path.resolve(cwd, env.WEIJIAN_WEB_DIR ?? defaultWebDir()),
    dataKey,
    demoDataKey: !env.WEIJIAN_DATA_KEY,
  };
}

/**
 * The documented demo key: SHA-256 of "weijian-demo-data-key". Anyone can derive it, which is the point —
 * demo data is synthetic; production refuses to start without its own WEIJIAN_DATA_KEY.
 */
export const DEMO_DATA_KEY = createHash('sha256').update('weijian-demo-data-key').digest();

function dataKeyOf(raw: string | undefined, mode: Mode): Buffer {
  if (!raw) {
    if (mode === 'production') {
      throw new Error(
        'WEIJIAN_MODE=production refuses to start without WEIJIAN_DATA_KEY (32 bytes, base64; e.g. `openssl rand -base64 32`) (生产模式必须设置个人信息加密密钥)',
      );
    }
    return DEMO_DATA_KEY;
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new Error(
      `WEIJIAN_DATA_KEY must be 32 bytes encoded as base64, got ${key.length} bytes (加密密钥须为 32 字节的 base64)`,
    );
  }
  return key;
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
