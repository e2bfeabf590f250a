// A small read cache for the embedded database. PGlite runs queries one at a time in this process, so
// under concurrent load every request waits for all the others; answering repeated reads (dashboards,
// list pages) from memory keeps latency flat. Entries carry the database's write generation and are
// dropped the moment anything is written, so a cached answer is never stale. With a PostgreSQL server
// other app servers may write too, so the cache is off there.
//
// `byVersion` serves both engines: the caller names a version it read from the database (a change counter
// that the writes behind the value bump in their own transaction, e.g. the registry's area_fact_versions), so
// a write through any app server changes the key. The version must be read before the value is computed:
// the value is then at least as new as its key, and a later write makes the next reader compute afresh.
import type { Db } from './db.ts';

export class ReadCache {
  private readonly entries = new Map<string, { generation: number; value: Promise<unknown> }>();
  /** One entry per key, holding the value of the latest version computed (older ones are dead weight). */
  private readonly versioned = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(
    private readonly db: Db,
    /** Benchmarks switch it off to measure the database path. */
    public enabled: boolean,
    private readonly maxEntries = 2000,
    /** Whether `byVersion` caches (WEIJIAN_READ_CACHE; benchmarks switch it off too). */
    public versionedEnabled = enabled,
  ) {}

  /** A value computed once per (key, version): see the file comment for where the version comes from. */
  async byVersion<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    if (!this.versionedEnabled) return compute();
    const hit = this.versioned.get(key);
    if (hit?.version === version) {
      this.versioned.delete(key);
      this.versioned.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    const entry = { version, value };
    this.versioned.delete(key);
    this.versioned.set(key, entry);
    value.catch(() => {
      if (this.versioned.get(key) === entry) this.versioned.delete(key);
    });
    if (this.versioned.size > this.maxEntries) {
      const oldest = this.versioned.keys().next().value;
      if (oldest !== undefined) this.versioned.delete(oldest);
    }
    return value;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    const generation = this.db.generation;
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      // Re-insert to keep the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, { generation, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const result = await value;
    // A write that happened while computing makes this entry unverifiable: keep it only if none did.
    if (this.db.generation !== generation) this.entries.delete(key);
    return result;
  }
}
