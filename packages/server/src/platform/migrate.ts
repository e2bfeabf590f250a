// Versioned SQL migrations, applied at start; each runs in its own transaction. Every module brings its
// own folder of migrations; all files are applied in one global file-name order (the number prefix), so
// a module's migration may rely on the ones numbered before it, whichever module owns them.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.ts';

/** The platform's own migrations (audit log); the modules' folders are added by the app. */
export const PLATFORM_MIGRATIONS = path.join(import.meta.dirname, 'migrations');

export interface MigrationFile {
  version: string;
  file: string;
}

/** All migration files of the given folders, in application order; a version given twice is an error. */
export function migrationFiles(dirs: readonly string[]): MigrationFile[] {
  const files: MigrationFile[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const version = name.replace(/\.sql$/, '');
      const other = seen.get(version);
      if (other) throw new Error(`migration ${version} exists twice: ${other} and ${dir}`);
      seen.set(version, dir);
      files.push({ version, file: path.join(dir, name) });
    }
  }
  return files.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

export async function migrate(db: Db, dirs: readonly string[]): Promise<string[]> {
  await db.exec(
    'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set(
    (await db.query<{ version: string }>('select version from schema_migrations')).rows.map((r) => r.version),
  );
  const applied: string[] = [];
  for (const { version, file } of migrationFiles(dirs)) {
    if (done.has(version)) continue;
    const sql = fs.readFileSync(file, 'utf8');
    await db.tx(async (q) => {
      await q.exec(sql);
      await q.query('insert into schema_migrations (version) values ($1)', [version]);
    });
    applied.push(version);
  }
  return applied;
}
