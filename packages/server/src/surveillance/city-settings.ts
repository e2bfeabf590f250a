// Detector settings per city (issue 12, section 6). The disease and stream settings a county's detection runs
// on are its city's: the platform default (changed by the platform administrator only) with the fields the
// city's administrator set laid over it. A city changes its own city only; the fields every city shares (names,
// class, reporting deadline, units, fusion group) stay the administrator's.
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { conflict, forbidden } from '../platform/errors.ts';
import {
  allOverrides,
  type CityOverride,
  insertOverride,
  overrideRow,
  type SettingKind,
  updateOverride,
} from './city-settings-repo.ts';

/** What a city may set for itself: thresholds, the detector and its parameters, area level, frequency, enabled. */
export const DISEASE_CITY_FIELDS = [
  'clusterCases',
  'clusterDays',
  'algorithm',
  'params',
  'areaLevel',
  'frequency',
  'enabled',
] as const;
export const STREAM_CITY_FIELDS = ['algorithm', 'params', 'areaLevel', 'silentDays', 'enabled'] as const;

/** The shared fields as the settings forms name them, for the refusal's message. */
const SHARED_LABELS: Record<string, string> = {
  nameZh: '中文名称',
  nameEn: '英文名称',
  icd10: 'ICD-10 编码',
  class: '法定类别',
  deadlineHours: '报告时限',
  immediate: '立即预警',
  syndrome: '症候群',
  unit: '计量单位',
};

/** The city an area belongs to: the first four digits of its division code (county 410782 → city 4107). */
export const cityOf = (areaCode: string): string => areaCode.slice(0, 4);

/** The city whose settings a user sees: its scope's city; none (the platform default) for admin and institutions. */
export function viewerCity(policy: AccessPolicy): string | null {
  return policy.isAdmin || !policy.scopeAreaCode || policy.scopeAreaCode.length < 4
    ? null
    : cityOf(policy.scopeAreaCode);
}

interface Versioned {
  code: string;
  version: number;
}

interface Coded {
  code: string;
  version?: number;
}

export class CityOverrides {
  private cached: Promise<CityOverride[]> | null = null;
  constructor(private readonly db: Db) {}

  /** Every override (a small table, read on every detection run and settings list, so held in memory). */
  rows(): Promise<CityOverride[]> {
    this.cached ??= allOverrides(this.db);
    this.cached.catch(() => {
      this.cached = null;
    });
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** The cities that set anything of their own; the others run on the platform default. */
  async cities(): Promise<Set<string>> {
    return new Set((await this.rows()).map((r) => r.cityCode));
  }

  /** The items as `city` runs them: its fields over the default, and its override's version (null city: as is). */
  async apply<T extends Coded>(kind: SettingKind, city: string | null, items: T[]): Promise<T[]> {
    if (!city) return items;
    const mine = new Map(
      (await this.rows()).filter((r) => r.kind === kind && r.cityCode === city).map((r) => [r.code, r]),
    );
    return items.map((i) => {
      const o = mine.get(i.code);
      return o ? { ...i, ...o.settings, ...(i.version === undefined ? {} : { version: o.version }) } : i;
    });
  }

  /**
   * Writes a city administrator's change into the city's override, in the caller's transaction. A field the
   * city may not set that differs from what it sees is refused (403 naming it: it would change every city);
   * `version` is the one the city read (the override's, or the default's before the first change): 409 if stale.
   * Returns the override's fields after the change.
   */
  async write<T extends Versioned>(
    q: Queryable,
    o: {
      kind: SettingKind;
      city: string;
      base: T;
      current: T;
      version: number;
      changes: Record<string, unknown>;
      allowed: readonly string[];
    },
  ): Promise<Record<string, unknown>> {
    const current = o.current as unknown as Record<string, unknown>;
    const platformOnly = Object.entries(o.changes)
      .filter(([k, v]) => v !== undefined && !o.allowed.includes(k))
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k]))
      .map(([k]) => k);
    if (platformOnly.length) {
      throw forbidden({
        zh: `${platformOnly.map((k) => `${SHARED_LABELS[k] ?? k}（${k}）`).join('、')}为全平台共用设置，仅平台管理员可修改`,
        en: `${platformOnly.join(', ')}: platform-wide settings, changed by the platform administrator only`,
      });
    }
    const mine = Object.fromEntries(
      Object.entries(o.changes).filter(([k, v]) => v !== undefined && o.allowed.includes(k)),
    );
    const existing = await overrideRow(q, o.city, o.kind, o.base.code);
    const settings = { ...(existing?.settings ?? {}), ...mine };
    const row = { city: o.city, kind: o.kind, code: o.base.code, settings };
    const done = existing
      ? await updateOverride(q, { ...row, version: o.version })
      : o.version === o.base.version && (await insertOverride(q, { ...row, version: o.base.version + 1 }));
    if (!done) throw conflict();
    return settings;
  }
}
