// One small interface over both engines: PGlite (embedded, the default) and a PostgreSQL server
// (DATABASE_URL). Repositories write plain parameterised PostgreSQL and never know which one runs.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Counts write statements and transactions made through this handle. With PGlite this process is the
   * database's only user, so a cached read tagged with the generation it was computed at is current
   * exactly while the generation is unchanged (see read-cache.ts).
   */
  readonly generation: number;
  /** Runs fn in one transaction: everything it wrote is committed together or not at all. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
// Counts and sums come back as bigint/numeric; the values we store fit in doubles, and one number type
// across both engines keeps the services simple.
const toNumber = (v: string) => (v === null ? null : Number(v));

export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir ?? undefined, {
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
  });
  let generation = 0;
  const db: Db = {
    engine: 'pglite',
    get generation() {
      return generation;
    },
    query: async <T>(sql: string, params?: unknown[]) => {
      if (isWrite(sql)) generation++;
      const r = await lite.query<T>(sql, params);
      return { rows: r.rows };
    },
    tx: (fn) =>
      bump(
        () => generation++,
        () =>
          lite.transaction((t) =>
            fn({
              query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await t.query<T>(sql, params)).rows }),
              exec: async (sql: string) => {
                await t.exec(sql);
              },
            }),
          ),
      ),
    exec: async (sql) => {
      generation++;
      await lite.exec(sql);
    },
    close: () => lite.close(),
  };
  return db;
}

const READ = /^\s*(select|with|show|explain)\b/i;
const isWrite = (sql: string) => !READ.test(sql);

/** Bumps the generation before and after a transaction, so reads during it are not cached as current. */
async function bump<T>(inc: () => void, run: () => Promise<T>): Promise<T> {
  inc();
  try {
    return await run();
  } finally {
    inc();
  }
}

pg.types.setTypeParser(INT8, toNumber);
pg.types.setTypeParser(NUMERIC, toNumber);

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection closed by the server (restart, pg_terminate_backend, a dropped test
  // database) emits 'error' with no query to fail; unhandled it would kill the process. The pool drops
  // the client and the next query opens a new one.
  pool.on('error', () => {});
  // Fail at start, not at the first request, when the server is unreachable.
  (await pool.connect()).release();
  let generation = 0;
  return {
    engine: 'postgres',
    get generation() {
      return generation;
    },
    query: async <T>(sql: string, params?: unknown[]) => {
      if (isWrite(sql)) generation++;
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as T[] };
    },
    tx: async (fn) => {
      generation++;
      const client = await pool.connect();
      try {
        await client.query('begin');
        const out = await fn({
          query: async <T>(sql: string, params?: unknown[]) => ({
            rows: (await client.query(sql, params as unknown[])).rows as T[],
          }),
          exec: async (sql: string) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        generation++;
        return out;
      } catch (e) {
        await client.query('rollback');
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      generation++;
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

export function openDb(opts: { databaseUrl: string | null; dataDir: string | null }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
