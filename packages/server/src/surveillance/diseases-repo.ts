// Disease settings: seeded from core's catalogue (insert-if-missing, so an analyst's edits survive
// upgrades), editable per installation, locally added diseases alongside. Held in memory because every
// ingested card and every detection run consults them; writes invalidate the copy.
import { ALGORITHMS, type Algorithm, DISEASES, type DiseaseClass } from '@weijian/core/surveillance';
import type { Db, Queryable } from '../platform/db.ts';

export interface DiseaseSetting {
  code: string;
  nameZh: string;
  nameEn: string;
  icd10: string | null;
  class: DiseaseClass;
  deadlineHours: number;
  immediate: boolean;
  clusterCases: number | null;
  clusterDays: number | null;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  frequency: 'day' | 'week';
  syndrome: string;
  enabled: boolean;
  builtin: boolean;
  version: number;
}

export const DISEASE_COLUMNS = `code, name_zh as "nameZh", name_en as "nameEn", icd10, class, deadline_hours as "deadlineHours",
  immediate, cluster_cases as "clusterCases", cluster_days as "clusterDays", algorithm, params,
  area_level as "areaLevel", frequency, syndrome, enabled, builtin, version`;

export async function seedDiseases(q: Queryable): Promise<void> {
  const D = DISEASES;
  await q.query(
    `insert into disease_settings (code, name_zh, name_en, icd10, class, deadline_hours, immediate, cluster_cases,
       cluster_days, algorithm, params, area_level, frequency, syndrome)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::boolean[],
       $8::smallint[], $9::smallint[], $10::text[], $11::jsonb[], $12::text[], $13::text[], $14::text[])
     on conflict (code) do nothing`,
    [
      D.map((d) => d.code),
      D.map((d) => d.name.zh),
      D.map((d) => d.name.en),
      D.map((d) => d.icd10),
      D.map((d) => d.class),
      D.map((d) => d.deadlineHours),
      D.map((d) => d.immediate),
      D.map((d) => d.cluster?.cases ?? null),
      D.map((d) => d.cluster?.days ?? null),
      D.map((d) => d.algorithm),
      D.map((d) => JSON.stringify(d.params)),
      D.map((d) => d.areaLevel),
      D.map((d) => d.frequency),
      D.map((d) => d.syndrome),
    ],
  );
}

export class DiseaseSettings {
  private cached: Promise<Map<string, DiseaseSetting>> | null = null;
  constructor(private readonly db: Db) {}

  all(): Promise<Map<string, DiseaseSetting>> {
    this.cached ??= this.db
      .query<DiseaseSetting>(`select ${DISEASE_COLUMNS} from disease_settings order by code`)
      .then((r) => new Map(r.rows.map((d) => [d.code, d])));
    this.cached.catch(() => {
      this.cached = null;
    });
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }
}

export const isAlgorithm = (a: string): a is Algorithm => (ALGORITHMS as readonly string[]).includes(a);
