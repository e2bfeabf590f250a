// The registry's key/value settings (e.g. 'demo': which city the demo holds, its seed and scale).
import type { Queryable } from '../platform/db.ts';

export async function readSettings(q: Queryable, keys: readonly string[]): Promise<Record<string, unknown>> {
  const { rows } = await q.query<{ key: string; value: unknown }>(
    'select key, value from settings where key = any($1::text[])',
    [[...keys]],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query(
    'insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
    [key, JSON.stringify(value)],
  );
}
