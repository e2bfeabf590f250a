// The database a benchmark runs on: a fresh in-memory PGlite by default, or — with BENCH_DATABASE_URL set
// to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test) — a fresh database created on that
// server for the benchmark and dropped when it closes. Every bench file opens its databases through here,
// so `BENCH_DATABASE_URL=… npm run bench` measures the whole suite on PostgreSQL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '@weijian/server/app';
import { type Config, loadConfig } from '@weijian/server/platform/config';
import { type Db, openPglite, openPostgres, templateCacheDir } from '@weijian/server/platform/db';
import pg from 'pg';

/** The PostgreSQL server the benchmarks run on, or null for embedded PGlite. */
export const BENCH_DATABASE_URL: string | null = process.env.BENCH_DATABASE_URL || null;
export const benchEngine: 'pglite' | 'postgres' = BENCH_DATABASE_URL ? 'postgres' : 'pglite';

export interface BenchDb {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The URL of the fresh database (PostgreSQL), null for PGlite. */
  databaseUrl: string | null;
  /** Closes the handle; on PostgreSQL also drops the benchmark's database. */
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: BENCH_DATABASE_URL! });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Creates a database on the bench server, empty or a copy of a template database (db-template.ts); returns
 * its URL and a drop function.
 */
export async function createBenchDatabase(template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!BENCH_DATABASE_URL) throw new Error('createBenchDatabase needs BENCH_DATABASE_URL');
  const name = `wj_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

export interface BenchDbOptions {
  /**
   * PGlite: keep the data directory on disk (a temporary folder, removed on close) and start from the cached
   * empty cluster, as `weijian serve` does (openDb). In memory (the default) PGlite holds every data file in
   * this process's memory, which a server's resident set does not.
   */
  onDisk?: boolean;
}

/** A fresh, empty database on the engine the benchmarks run on (no migrations applied). */
export async function openBenchDb(opts: BenchDbOptions = {}): Promise<BenchDb> {
  if (!BENCH_DATABASE_URL) {
    if (!opts.onDisk) {
      const db = await openPglite(null);
      return { db, engine: 'pglite', databaseUrl: null, close: () => db.close() };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-bench-'));
    // The buffer pool `weijian serve` is configured with (WEIJIAN_PGLITE_SHARED_BUFFERS_MB), as it counts in the RSS.
    const db = await openPglite(dir, {
      clusterCache: templateCacheDir(),
      sharedBuffersMb: benchConfig().pgliteSharedBuffersMb,
    });
    return {
      db,
      engine: 'pglite',
      databaseUrl: null,
      close: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const created = await createBenchDatabase();
  const db = await openPostgres(created.url);
  return {
    db,
    engine: 'postgres',
    databaseUrl: created.url,
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
}

/** The quiet configuration the benchmarks run the app with (no web directory, silent log), plus env. */
export function benchConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ WEIJIAN_WEB_DIR: '', WEIJIAN_LOG_LEVEL: 'silent', ...env } as NodeJS.ProcessEnv);
}

export interface BenchApp {
  ctx: App;
  engine: 'pglite' | 'postgres';
  /** Closes the database (and drops it on PostgreSQL). Close an HTTP app built on ctx first. */
  close(): Promise<void>;
}

/** The app (migrated and seeded) on a fresh database of the bench engine: `openBenchApp()` replaces
 * `createApp(config, await openPglite(null))` in a bench file. */
export async function openBenchApp(env: Record<string, string> = {}, opts: BenchDbOptions = {}): Promise<BenchApp> {
  const b = await openBenchDb(opts);
  const config = benchConfig(env);
  const ctx = await createApp(b.databaseUrl ? { ...config, databaseUrl: b.databaseUrl } : config, b.db);
  return { ctx, engine: b.engine, close: () => b.close() };
}
