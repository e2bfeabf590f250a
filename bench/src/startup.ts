// Start-up benchmarks (issue 13 §5): an empty database to a ready app, against the former seed path in the
// same run, and a fresh database from the prepared template (what tests and benchmarks use). On the bench
// engine (bench-db.ts: PGlite, or PostgreSQL with BENCH_DATABASE_URL). run.ts adds the demo load and the
// process's peak RSS.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, migrationDirs } from '@weijian/server/app';
import { type Db, openPglite, openPostgres, templateCacheDir } from '@weijian/server/platform/db';
import { pgliteTemplate, postgresTemplate, schemaTemplate } from '@weijian/server/platform/db-template';
import { migrate } from '@weijian/server/platform/migrate';
import {
  applyDivisionChanges,
  insertAreas,
  NATIONAL_AREAS_INPUTS,
  seedNationalAreas,
} from '@weijian/server/registry/areas-seed';
import { parse } from 'csv-parse/sync';
import { BENCH_DATABASE_URL, benchConfig, benchEngine, createBenchDatabase } from './bench-db.ts';

const round = (x: number) => Math.round(x * 10) / 10;
type Timed = { ms: number; cpuMs: number };

/** Wall and CPU time of fn (CPU of this process: all of PGlite's work, the client side of PostgreSQL's). */
async function timed<T>(fn: () => Promise<T>): Promise<{ out: T; ms: number; cpuMs: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const cpu = process.cpuUsage(c);
  return { out, ms: round(performance.now() - t), cpuMs: round((cpu.user + cpu.system) / 1000) };
}

/** An empty database of the bench engine (optionally from a template) and how to drop it. */
async function emptyDb(
  template: { pglite?: Blob; postgres?: string; clusterCache?: boolean } = {},
): Promise<{ db: Db; url: string | null; drop(): Promise<void> }> {
  if (!BENCH_DATABASE_URL) {
    const db = await openPglite(
      null,
      template.pglite
        ? { loadDataDir: template.pglite }
        : template.clusterCache
          ? { clusterCache: templateCacheDir() }
          : {},
    );
    return { db, url: null, drop: () => db.close() };
  }
  const created = await createBenchDatabase(template.postgres);
  const db = await openPostgres(created.url);
  return {
    db,
    url: created.url,
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}

const config = (url: string | null) => {
  const c = benchConfig();
  return url ? { ...c, databaseUrl: url } : c;
};

/**
 * The seed as it was before the COPY path: csv-parse over the package's files, then chunked
 * `insert … select * from unnest(…) on conflict do nothing` with the self-references checked per row.
 */
async function formerSeed(db: Db): Promise<void> {
  const dist = path.join(path.dirname(NATIONAL_AREAS_INPUTS[2]!), 'dist');
  const read = (f: string): Record<string, string>[] =>
    parse(fs.readFileSync(path.join(dist, f)), { columns: true, skip_empty_lines: true });
  const rows = [
    ...read('provinces.csv').map((p) => ({ code: p.code!, name: p.name!, level: 1, parent: null, county: null })),
    ...read('cities.csv').map((c) => ({
      code: c.code!,
      name: c.name!,
      level: 2,
      parent: c.provinceCode!,
      county: null,
    })),
    ...read('areas.csv').map((a) => ({ code: a.code!, name: a.name!, level: 3, parent: a.cityCode!, county: a.code! })),
    ...read('streets.csv').map((s) => ({
      code: s.code!,
      name: s.name!,
      level: 4,
      parent: s.areaCode!,
      county: s.areaCode!,
    })),
  ].map((r) => ({ ...r, urbanRural: null }));
  await db.tx(async (q) => {
    await insertAreas(q, rows);
    await applyDivisionChanges(q);
  });
}

export async function benchStartup() {
  const template = schemaTemplate(migrationDirs(), { inputs: NATIONAL_AREAS_INPUTS, run: seedNationalAreas });

  // Warm-up: the first PGlite of a process compiles the WASM module and the first app loads the code; that
  // cost would otherwise fall on whichever path is measured first. It also makes sure the empty cluster the
  // shipped path starts from is cached (made once per machine and PGlite version, as at a first start).
  await (await emptyDb({ clusterCache: true })).drop();

  // 1. Empty database → ready app, the shipped path (openDb): a new database (PGlite: unpacked from the cached
  // empty cluster), the migrations, the COPY of the division tree and the modules' seeds. 2. The former path:
  // PGlite's initdb for every new database and the former seed (the migrations and other seeds as above). Alternated twice, the faster of each pair kept: the machine
  // is shared, and neither path should profit from running second.
  const shipped = async () => {
    const t = await emptyDb({ clusterCache: true });
    return { t, app: await createApp(config(t.url), t.db) };
  };
  const former = async () => {
    const t = await emptyDb();
    await migrate(t.db, migrationDirs());
    await formerSeed(t.db);
    return { t, app: await createApp(config(t.url), t.db) };
  };
  const count = async (db: Db) => (await db.query<{ n: number }>('select count(*)::int as n from areas')).rows[0]!.n;
  const runs: { ready: Timed; former: Timed }[] = [];
  let areas = 0;
  let formerAreas = 0;
  for (let i = 0; i < 2; i++) {
    const a = await timed(shipped);
    areas = await count(a.out.t.db);
    await a.out.t.drop();
    const b = await timed(former);
    formerAreas = await count(b.out.t.db);
    await b.out.t.drop();
    runs.push({ ready: a, former: b });
  }
  const best = (xs: Timed[]) => xs.reduce((m, x) => (x.ms < m.ms ? x : m));
  const ready = best(runs.map((r) => r.ready));
  const formerReady = best(runs.map((r) => r.former));

  // 3. A fresh database from the prepared template (built now if missing; the build is not timed).
  const prepared = BENCH_DATABASE_URL
    ? { postgres: await postgresTemplate(template, BENCH_DATABASE_URL) }
    : { pglite: await pgliteTemplate(template) };
  const fromTemplate = await timed(async () => {
    const t = await emptyDb(prepared);
    return { t, app: await createApp(config(t.url), t.db) };
  });
  await fromTemplate.out.t.drop();

  return {
    engine: benchEngine,
    freshDatabaseReady: {
      ms: ready.ms,
      cpuMs: ready.cpuMs,
      areas,
      formerSeedMs: formerReady.ms,
      formerSeedCpuMs: formerReady.cpuMs,
      formerAreas,
      speedup: round(formerReady.ms / ready.ms),
      targetMs: 3000,
      pass: ready.ms < 3000,
      passOnCpuTime: ready.cpuMs < 3000,
    },
    fromTemplateReady: { ms: fromTemplate.ms, cpuMs: fromTemplate.cpuMs },
  };
}
