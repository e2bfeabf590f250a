// Every setting of the server, read once from the environment. The README's settings table mirrors this file.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { passwordProblems } from '@weijian/core/identity';
import { type UploadLimits, uploadLimitsOf } from './upload-limits.ts';

export type Mode = 'demo' | 'production';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory; ignored when databaseUrl is set. */
  dataDir: string;
  /** PostgreSQL server connection string; when unset the embedded PGlite database is used. */
  databaseUrl: string | null;
  /**
   * The embedded database's shared buffer pool in MB (PostgreSQL's shared_buffers). It lives inside the server
   * process, so it adds to its RSS one for one; 32 MB keeps the demo server under 500 MB with no measurable cost
   * to list and dashboard reads (the operating system's page cache still holds the data files).
   */
  pgliteSharedBuffersMb: number;
  mode: Mode;
  /** Password of the `admin` user created on first start. */
  adminPassword: string | null;
  /** Absolute session lifetime. */
  sessionTtlHours: number;
  /** A session unused this long ends (等保 2.0: 登录连接超时自动退出). */
  sessionIdleMinutes: number;
  /**
   * Which proxies' X-Forwarded-For is believed, in Fastify's `trustProxy` form: false (none, the default) or a
   * list of addresses/CIDRs/`loopback`/`linklocal`/`uniquelocal`. Never `true` (trust every hop), which would take
   * the left-most, client-chosen address; with a list the client address is the right-most hop that is not a
   * trusted proxy, which a client cannot forge by adding entries. (Hop counts are not offered: Fastify 5 refuses
   * them, since a count cannot tell a proxy from a client that sends the header itself.)
   */
  trustProxy: false | string[];
  /** Failed sign-ins of one account from one address within loginWindowMinutes before back-off (see auth-service.ts). */
  loginMaxFailures: number;
  /** How long failed sign-ins count. */
  loginWindowMinutes: number;
  /** The longest back-off after failed sign-ins (it doubles from one minute up to this). */
  loginBackoffMaxMinutes: number;
  /** Origins besides the server's own from which state-changing API requests are accepted (CSRF check). */
  allowedOrigins: string[];
  logLevel: string;
  /** Static web build served at `/`; null disables the UI. */
  webDir: string | null;
  /** In-process read cache (effective on the embedded database only, see platform/read-cache.ts). */
  readCache: boolean;
  /** 32-byte key protecting personal identifiers at rest (AES-256-GCM and HMAC, see platform/protect.ts). */
  dataKey: Buffer;
  /** True when dataKey is the documented demo key (WEIJIAN_DATA_KEY unset in demo mode). */
  demoDataKey: boolean;
  /** Limits of uploaded import files and their parse workers (WEIJIAN_UPLOAD_*, see upload-limits.ts). */
  uploads: UploadLimits;
  /** How often the detection worker looks for queued series when it has none (surveillance/detection-worker.ts). */
  detectionIntervalMs: number;
  /** Which counties of the demo city get full care records (care/demo.ts): the smallest, all, or none. */
  careDemo: 'county' | 'city' | 'none';
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
  if (mode === 'production' && adminPassword) {
    // The same rules as every other password (it is applied at each start, never through the API).
    const problems = passwordProblems(adminPassword, 'admin');
    if (problems.length > 0) {
      throw new Error(
        `WEIJIAN_ADMIN_PASSWORD breaks the password rules: ${problems.map((p) => `${p.message.en} (${p.message.zh})`).join('; ')}`,
      );
    }
  }
  const dataKey = dataKeyOf(env.WEIJIAN_DATA_KEY, mode);
  return {
    port: intOf(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.WEIJIAN_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || null,
    pgliteSharedBuffersMb: sharedBuffersOf(env.WEIJIAN_PGLITE_SHARED_BUFFERS_MB),
    mode,
    adminPassword,
    sessionTtlHours: intOf(env.WEIJIAN_SESSION_TTL_HOURS, 12, 'WEIJIAN_SESSION_TTL_HOURS'),
    sessionIdleMinutes: positiveIntOf(env.WEIJIAN_SESSION_IDLE_MINUTES, 30, 'WEIJIAN_SESSION_IDLE_MINUTES'),
    trustProxy: trustProxyOf(env.WEIJIAN_TRUST_PROXY, env.WEIJIAN_TRUSTED_PROXIES),
    loginMaxFailures: positiveIntOf(env.WEIJIAN_LOGIN_MAX_FAILURES, 5, 'WEIJIAN_LOGIN_MAX_FAILURES'),
    loginWindowMinutes: positiveIntOf(env.WEIJIAN_LOGIN_WINDOW_MINUTES, 60, 'WEIJIAN_LOGIN_WINDOW_MINUTES'),
    loginBackoffMaxMinutes: positiveIntOf(
      env.WEIJIAN_LOGIN_BACKOFF_MAX_MINUTES,
      15,
      'WEIJIAN_LOGIN_BACKOFF_MAX_MINUTES',
    ),
    allowedOrigins: originsOf(env.WEIJIAN_ALLOWED_ORIGINS),
    logLevel: env.WEIJIAN_LOG_LEVEL ?? 'warn',
    readCache: (env.WEIJIAN_READ_CACHE ?? 'on') !== 'off',
    webDir: env.WEIJIAN_WEB_DIR === '' ? null : path.resolve(cwd, env.WEIJIAN_WEB_DIR ?? defaultWebDir()),
    dataKey,
    demoDataKey: !env.WEIJIAN_DATA_KEY,
    uploads: uploadLimitsOf(env),
    detectionIntervalMs: positiveIntOf(env.WEIJIAN_DETECTION_INTERVAL_MS, 500, 'WEIJIAN_DETECTION_INTERVAL_MS'),
    careDemo: careDemoOf(env.WEIJIAN_CARE_DEMO),
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

/**
 * WEIJIAN_TRUST_PROXY on (true/1) believes X-Forwarded-For from the proxies WEIJIAN_TRUSTED_PROXIES names
 * (default `loopback`: a proxy on the same host).
 */
function trustProxyOf(flag: string | undefined, proxies: string | undefined): false | string[] {
  const value = flag?.trim().toLowerCase();
  const on = value === 'true' || value === '1';
  if (!on) {
    if (value && !['false', '0', 'off'].includes(value)) {
      throw new Error(`WEIJIAN_TRUST_PROXY must be "true" or "false", got "${flag}"`);
    }
    return false;
  }
  const raw = (proxies ?? '').trim();
  if (raw === '') return ['loopback'];
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of list) {
    const [addr = '', bits] = entry.split('/');
    const keyword = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    if (!keyword && (isIP(addr) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits)))) {
      throw new Error(
        `WEIJIAN_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR or loopback/linklocal/uniquelocal (可信代理地址无效)`,
      );
    }
  }
  return list;
}

/** Origins as browsers send them (scheme://host[:port], no path), compared exactly. */
function originsOf(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      let url: URL;
      try {
        url = new URL(s);
      } catch {
        throw new Error(`WEIJIAN_ALLOWED_ORIGINS: "${s}" is not an origin like https://example.org (来源地址无效)`);
      }
      if (url.origin === 'null' || url.pathname.length > 1) {
        throw new Error(`WEIJIAN_ALLOWED_ORIGINS: "${s}" is not an origin like https://example.org (来源地址无效)`);
      }
      return url.origin;
    });
}

function sharedBuffersOf(raw: string | undefined): number {
  const mb = intOf(raw, 32, 'WEIJIAN_PGLITE_SHARED_BUFFERS_MB');
  // PostgreSQL refuses fewer than 16 buffers (128 kB); below 1 MB the setting makes no sense here.
  if (mb < 1 || mb > 4096) {
    throw new Error(
      `WEIJIAN_PGLITE_SHARED_BUFFERS_MB must be between 1 and 4096, got "${raw}" (嵌入式数据库共享缓冲区须在 1–4096 MB 之间)`,
    );
  }
  return mb;
}

function careDemoOf(raw: string | undefined): Config['careDemo'] {
  if (raw === undefined || raw === '') return 'county';
  if (raw === 'county' || raw === 'city' || raw === 'none') return raw;
  throw new Error(`WEIJIAN_CARE_DEMO must be county, city or none, got "${raw}"`);
}

function positiveIntOf(raw: string | undefined, fallback: number, name: string): number {
  const n = intOf(raw, fallback, name);
  if (n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

function intOf(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}
