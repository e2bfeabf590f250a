// One small interface over both engines: PGlite (embedded, the default) and a PostgreSQL server
// (DATABASE_URL). Repositories write plain parameterised PostgreSQL and never know which one runs.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY … FROM STDIN in PostgreSQL's text format (tab-separated, `\N` for null; see
   * `copyLine`): several times faster than INSERT for tens of thousands of rows. Present on both engines'
   * handles and their transactions; absent on hand-made test doubles.
   */
  copyFrom?(table: string, columns: readonly string[], text: string): Promise<void>;
}

/** One row of COPY text: values tab-separated, null as \N, backslash, tab and line breaks escaped. */
export function copyLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += '\t';
    if (v === null || v === undefined) out += '\\N';
    else if (typeof v === 'string') out += /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, escapeCopy) : v;
    else out += String(v);
  }
  return `${out}\n`;
}
const escapeCopy = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

/** Table and column names are interpolated into COPY, so only plain identifiers are accepted. */
function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const id of [table, ...columns])
    if (!/^[a-z_][a-z0-9_]*$/.test(id)) throw new Error(`copyFrom: not a plain identifier: ${id}`);
  return `copy ${table} (${columns.join(', ')}) from ${source}`;
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
  /** PGlite only: the data directory as a tarball, which `openPglite(…, { loadDataDir })` starts from. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
// Counts and sums come back as bigint/numeric; the values we store fit in doubles, and one number type
// across both engines keeps the services simple.
const toNumber = (v: string) => (v === null ? null : Number(v));

export interface PgliteOptions {
  /**
   * A data directory tarball (`dumpDataDir`) to start from instead of an empty cluster: skips PGlite's
   * initdb and whatever the tarball's database already holds (see db-template.ts). Used only when the data
   * directory is new; an existing one is opened as it is.
   */
  loadDataDir?: Blob;
  /**
   * A folder where the empty cluster PGlite's initdb makes (~3 s of CPU in WASM, the largest part of a new
   * embedded database) is kept as a tarball, per PGlite version: a new data directory then starts from it.
   */
  clusterCache?: string;
  /**
   * PostgreSQL's shared buffer pool in MB. PGlite keeps it inside the process (its WASM heap), so it counts
   * fully towards the server's RSS; PGlite's default is PostgreSQL's 128 MB. Unset keeps that default.
   */
  sharedBuffersMb?: number;
}

/** Where prepared clusters and templates are kept: WEIJIAN_TEMPLATE_CACHE, else a folder in the temp dir. */
export const templateCacheDir = () => process.env.WEIJIAN_TEMPLATE_CACHE || path.join(os.tmpdir(), 'weijian-templates');

// The package exports no package.json: read it beside its entry point (dist/…).
const PGLITE_VERSION: string = JSON.parse(
  fs.readFileSync(
    path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'),
    'utf8',
  ),
).version;
const emptyClusterFile = (dir: string) => path.join(dir, `pglite-empty-${PGLITE_VERSION}.tar`);

/** Writes a file whole or not at all (a temporary file renamed into place), for concurrent writers. */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

export async function openPglite(dataDir: string | null, opts: PgliteOptions = {}): Promise<Db> {
  const fresh = !dataDir || !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const cached = fresh && opts.clusterCache ? emptyClusterFile(opts.clusterCache) : null;
  const start = !fresh
    ? undefined
    : (opts.loadDataDir ?? (cached && fs.existsSync(cached) ? new Blob([fs.readFileSync(cached)]) : undefined));
  const lite = await PGlite.create(dataDir ?? undefined, {
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
    ...(start ? { loadDataDir: start } : {}),
    // startParams replaces PGlite's own flags, so they are kept and the setting added after them.
    ...(opts.sharedBuffersMb
      ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${opts.sharedBuffersMb}MB`] }
      : {}),
  });
  // The first new cluster on this machine (and PGlite version) is kept for the next ones.
  if (cached && !start) {
    try {
      writeFileAtomic(cached, new Uint8Array(await (await lite.dumpDataDir('none')).arrayBuffer()));
    } catch {
      // A cache that cannot be written costs the next start its initdb, nothing else.
    }
  }
  // COPY reads PGlite's virtual /dev/blob, the blob handed to this one query.
  const copyVia =
    (run: (sql: string, blob: Blob) => Promise<unknown>) =>
    async (table: string, columns: readonly string[], text: string) => {
      await run(copyStatement(table, columns, "'/dev/blob'"), new Blob([text]));
    };
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
              copyFrom: copyVia((sql, blob) => t.query(sql, [], { blob })),
            }),
          ),
      ),
    exec: async (sql) => {
      generation++;
      await lite.exec(sql);
    },
    copyFrom: async (table, columns, text) => {
      generation++;
      await copyVia((sql, blob) => lite.query(sql, [], { blob }))(table, columns, text);
    },
    dumpDataDir: async () => {
      await lite.exec('checkpoint');
      return lite.dumpDataDir('none');
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

/** COPY … FROM STDIN on one client (pg-copy-streams): the text is written as one stream. */
async function copyWithClient(client: pg.PoolClient, table: string, columns: readonly string[], text: string) {
  const stream = client.query(copyFromStdin(copyStatement(table, columns, 'stdin')));
  await pipeline(Readable.from([Buffer.from(text, 'utf8')]), stream);
}

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
          copyFrom: (table, columns, text) => copyWithClient(client, table, columns, text),
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
    copyFrom: async (table, columns, text) => {
      generation++;
      const client = await pool.connect();
      try {
        await copyWithClient(client, table, columns, text);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openDb(opts: {
  databaseUrl: string | null;
  dataDir: string | null;
  /** Embedded database only (see PgliteOptions.sharedBuffersMb). */
  sharedBuffersMb?: number;
}): Promise<Db> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl)
    : openPglite(opts.dataDir, { clusterCache: templateCacheDir(), sharedBuffersMb: opts.sharedBuffersMb });
}
