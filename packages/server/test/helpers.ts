// Shared by the integration tests: a fresh database per test file on PGlite, or on the PostgreSQL
// server named by DATABASE_URL (a new database created and dropped around the file), and an in-process
// app with a sign-in helper. Fresh databases start from a prepared template (platform/db-template.ts: the
// migrations and the national division tree, built once per content of those and cached), which saves
// every test file PGlite's initdb and the seed; WJ_TEST_TEMPLATE=off builds each database from scratch.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type App, buildApp, createApp, migrationDirs } from '../src/app.ts';
import { resetDemo } from '../src/demo/load-demo.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, openPglite, openPostgres } from '../src/platform/db.ts';
import {
  type DbTemplate,
  pgliteTemplate,
  postgresTemplate,
  retryInUse,
  schemaTemplate,
} from '../src/platform/db-template.ts';
import { migrate } from '../src/platform/migrate.ts';
import { NATIONAL_AREAS_INPUTS, seedNationalAreas } from '../src/registry/areas-seed.ts';

export type Engine = 'pglite' | 'postgres';

/** The engines to run integration tests on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const useTemplate = process.env.WJ_TEST_TEMPLATE !== 'off';
const template = () => schemaTemplate(migrationDirs(), { inputs: NATIONAL_AREAS_INPUTS, run: seedNationalAreas });
// One read of the tarball per test worker; each database gets its own copy when PGlite loads it.
let pgliteBlob: Promise<Blob> | null = null;
const pgliteStart = () => {
  pgliteBlob ??= pgliteTemplate(template());
  return pgliteBlob;
};

/**
 * The demo city at a scale, prepared once per content of the code that builds it (every non-test source file of
 * core and server, the migrations and the division inputs) and copied by every test file that starts from it:
 * loading the demo costs each of those files tens of seconds otherwise.
 */
function demoTemplate(scale: number): DbTemplate {
  const h = createHash('sha256').update(`weijian-demo-template-1\0${scale}`);
  const root = path.join(import.meta.dirname, '../..');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.tsx?$/.test(e.name)) h.update(`\0${p}\0`).update(fs.readFileSync(p));
    }
  };
  walk(path.join(root, 'core/src'));
  walk(path.join(root, 'server/src'));
  for (const f of NATIONAL_AREAS_INPUTS) h.update(fs.readFileSync(f));
  return {
    key: `demo${h.digest('hex').slice(0, 16)}`,
    build: async (db) => {
      await migrate(db, migrationDirs());
      await seedNationalAreas(db);
      const config = loadConfig({ WEIJIAN_WEB_DIR: '', WEIJIAN_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
      await resetDemo(await createApp(config, db), { scale });
    },
  };
}
// The template per scale (its key hashes every source file, so it is computed once per worker), not its tarball:
// test files share one module graph per worker (vitest.config.ts), and a worker that kept the demo tarballs
// (hundreds of MB at scale 1) would hold them for the rest of the run; reading the cached file again is cheap.
const demoTemplates = new Map<number, DbTemplate>();
const demoTemplateOf = (scale: number): DbTemplate => {
  const t = demoTemplates.get(scale) ?? demoTemplate(scale);
  demoTemplates.set(scale, t);
  return t;
};

export interface TestContext {
  ctx: App;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Start from the demo city at this scale (a prepared copy; as if `resetDemo(ctx, { scale })` had run). */
  demoScale?: number;
}

export async function makeTestContext(
  engine: Engine = 'pglite',
  env: Record<string, string> = {},
  start: StartOptions = {},
): Promise<TestContext> {
  const demo = start.demoScale;
  const config = loadConfig({
    WEIJIAN_WEB_DIR: '',
    WEIJIAN_LOG_LEVEL: process.env.WJ_TEST_LOG ?? 'silent',
    ...env,
  } as NodeJS.ProcessEnv);
  if (engine === 'pglite') {
    let loadDataDir: Blob | undefined;
    if (demo !== undefined && useTemplate) {
      loadDataDir = await pgliteTemplate(demoTemplateOf(demo));
    } else if (useTemplate) loadDataDir = await pgliteStart();
    const db = await openPglite(null, loadDataDir ? { loadDataDir } : {});
    const ctx = await createApp(config, db);
    if (demo !== undefined && !useTemplate) await resetDemo(ctx, { scale: demo });
    return { ctx, close: () => db.close() };
  }
  const serverUrl = process.env.DATABASE_URL!;
  const name = `wj_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  const from =
    demo !== undefined && useTemplate
      ? ` template ${await postgresTemplate(demoTemplateOf(demo), serverUrl)}`
      : useTemplate
        ? ` template ${await postgresTemplate(template(), serverUrl)}`
        : '';
  await admin.connect();
  await retryInUse(() => admin.query(`create database ${name}${from}`));
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db: Db = await openPostgres(url.toString());
  const ctx = await createApp({ ...config, databaseUrl: url.toString() }, db);
  if (demo !== undefined && !useTemplate) await resetDemo(ctx, { scale: demo });
  return {
    ctx,
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
  /** Signs in and returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** Sends a JSON request as the holder of `cookie`. */
  call(cookie: string | null, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export const DEMO_PASSWORD = 'weijian-demo';

export async function makeApp(
  engine: Engine = 'pglite',
  env: Record<string, string> = {},
  start: StartOptions = {},
): Promise<TestApp> {
  const t = await makeTestContext(engine, env, start);
  const app = await buildApp(t.ctx);
  const call = (cookie: string | null, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    ...t,
    app,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const r = await call(null, 'POST', '/api/v1/auth/login', { username, password });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      return String(r.headers['set-cookie']).split(';')[0]!;
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
}
