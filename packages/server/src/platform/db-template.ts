// Prepared databases to start from. Every fresh database otherwise repeats the same work: PGlite's initdb
// (~3 s of CPU in WASM), the migrations and the national division tree. A template does that once per
// content key and every later fresh database copies it: PGlite loads a data-directory tarball kept in a
// cache directory, PostgreSQL creates the database with `create database … template …`. The key is a
// digest of everything the template is built from, so a changed migration or seed builds a new one.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Db, openPglite, openPostgres, templateCacheDir, writeFileAtomic } from './db.ts';
import { migrate } from './migrate.ts';

export { templateCacheDir };

export interface DbTemplate {
  /** Digest of the template's inputs (hex); equal keys build equal databases. */
  key: string;
  build(db: Db): Promise<void>;
}

/** Bumped when the way templates are built changes (the key then changes with it). */
const FORMAT = 'weijian-template-1';

/**
 * The schema of the given migration folders plus a seed (the division tree), keyed on the migration files'
 * names and contents, the seed's input files and the format.
 */
export function schemaTemplate(
  migrationDirs: readonly string[],
  seed: { inputs: readonly string[]; run(db: Db): Promise<unknown> },
): DbTemplate {
  const h = createHash('sha256').update(FORMAT);
  for (const dir of migrationDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.sql'))
      .sort())
      h.update(`\0${f}\0`).update(fs.readFileSync(path.join(dir, f)));
  }
  for (const f of seed.inputs) h.update(`\0${path.basename(f)}\0`).update(fs.readFileSync(f));
  return {
    key: h.digest('hex').slice(0, 20),
    build: async (db) => {
      await migrate(db, migrationDirs);
      await seed.run(db);
    },
  };
}

const DAY_MS = 24 * 3600 * 1000;
const LOCK_STALE_MS = 10 * 60 * 1000;

/**
 * The PGlite tarball of a template, built on first use. Concurrent builders (parallel test workers) each
 * write a temporary file and rename it into place, so a reader never sees half a tarball; tarballs of other
 * keys untouched for a day are removed.
 */
export async function pgliteTemplate(t: DbTemplate, cacheDir = templateCacheDir()): Promise<Blob> {
  const file = path.join(cacheDir, `pglite-${t.key}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  // One builder per key: parallel test workers asking for the same template wait for the first one's tarball
  // (a demo template costs tens of seconds of CPU) instead of each building it; a lock older than the longest
  // build is taken to be left by a killed process.
  const lock = `${file}.lock`;
  let fd: number | null = null;
  for (;;) {
    try {
      fd = fs.openSync(lock, 'wx');
      break;
    } catch {
      if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  if (fs.existsSync(file)) {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
    return new Blob([fs.readFileSync(file)]);
  }
  const db = await openPglite(null);
  try {
    await t.build(db);
    const blob = await db.dumpDataDir!();
    writeFileAtomic(file, new Uint8Array(await blob.arrayBuffer()));
    for (const other of fs.readdirSync(cacheDir)) {
      const p = path.join(cacheDir, other);
      if (p !== file && /^pglite-[0-9a-f]+\.tar$/.test(other) && Date.now() - fs.statSync(p).mtimeMs > DAY_MS)
        fs.rmSync(p, { force: true });
    }
    return blob;
  } finally {
    await db.close();
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

/**
 * The name of the template database of t on the PostgreSQL server at serverUrl, built on first use under an
 * advisory lock (one builder; the others wait and find it). It is built under a temporary name and renamed
 * when complete, so an interrupted build leaves no half template behind the real name.
 */
export async function postgresTemplate(t: DbTemplate, serverUrl: string): Promise<string> {
  const name = `wj_template_${t.key}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) {
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const db = await openPostgres(url.toString());
      try {
        await t.build(db);
      } finally {
        await db.close();
      }
      await retryInUse(() => admin.query(`alter database ${building} rename to ${name}`));
      await admin.query(`comment on database ${name} is 'weijian template built ${new Date().toISOString()}'`);
      await dropStaleTemplates(admin, name);
    }
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
    await admin.end();
  }
}

/**
 * Templates of other keys (older code, other checkouts) built more than a day ago: every change of a migration
 * or, for demo templates, of the code builds a new one, so without this they pile up on a shared server.
 * Templates without the build stamp (from before it existed) go too.
 */
async function dropStaleTemplates(admin: pg.Client, keep: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string; note: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as note from pg_database
      where datname like 'wj\\_template\\_%' and datname <> $1 and datname not like '%\\_building'`,
    [keep],
  );
  for (const r of rows) {
    const built = Date.parse(/built (\S+)$/.exec(r.note ?? '')?.[1] ?? '');
    if (Number.isFinite(built) && Date.now() - built < DAY_MS) continue;
    await admin.query(`drop database if exists ${r.datname} with (force)`).catch(() => {});
  }
}

/**
 * Runs a statement that PostgreSQL refuses while a session is still connected to the database it names
 * (55006 object_in_use): the builder's own connections may take a moment to go after the pool closed.
 */
export async function retryInUse<T>(fn: () => Promise<T>, attempts = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
