// ReadCache.byVersion: a value is computed once per (key, version) the caller read from the database; a new
// version computes afresh and replaces the old entry (one entry per key); a failed computation is not kept.
import { describe, expect, it } from 'vitest';
import type { Db } from './db.ts';
import { ReadCache } from './read-cache.ts';

const db = { generation: 0 } as unknown as Db;

describe('ReadCache.byVersion', () => {
  it('computes once per key and version, again when the version changes', async () => {
    const cache = new ReadCache(db, false, 10, true);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.byVersion('k', '1', compute)).toBe(1);
    expect(await cache.byVersion('k', '1', compute)).toBe(1);
    expect(await cache.byVersion('k', '2', compute)).toBe(2);
    expect(await cache.byVersion('other', '2', compute)).toBe(3);
    // The entry of version 1 was replaced, not kept beside version 2.
    expect(await cache.byVersion('k', '1', compute)).toBe(4);
  });

  it('computes every time when switched off, and keeps no failed computation', async () => {
    const off = new ReadCache(db, true, 10, false);
    let runs = 0;
    await off.byVersion('k', '1', async () => ++runs);
    await off.byVersion('k', '1', async () => ++runs);
    expect(runs).toBe(2);
    const cache = new ReadCache(db, false, 10, true);
    await expect(cache.byVersion('k', '1', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.byVersion('k', '1', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const cache = new ReadCache(db, false, 2, true);
    let runs = 0;
    const compute = async () => ++runs;
    await cache.byVersion('a', '1', compute);
    await cache.byVersion('b', '1', compute);
    await cache.byVersion('a', '1', compute); // a is now the most recent
    await cache.byVersion('c', '1', compute); // b goes
    expect(runs).toBe(3);
    await cache.byVersion('a', '1', compute);
    expect(runs).toBe(3);
    await cache.byVersion('b', '1', compute);
    expect(runs).toBe(4);
  });
});
