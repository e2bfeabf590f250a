// Disease settings in SQL: seeded from core's catalogue (insert-if-missing, so an analyst's edits survive
// upgrades), editable per installation, locally added diseases alongside (diseases-service.ts).
import { ALGORITHMS, type Algorithm, DISEASES, type DiseaseClass } from '@weijian/core/surveillance';
import type { Queryable } from '../platform/db.ts';

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

export async function allDiseases(q: Queryable): Promise<DiseaseSetting[]> {
  const { rows } = await q.query<DiseaseSetting>(`select ${DISEASE_COLUMNS} from disease_settings order by code`);
  return rows;
}

/** A disease's settings as an administrator sends them (optional fields may be left out). */
export interface DiseaseInput {
  nameZh: string;
  nameEn: string;
  icd10?: string | null;
  class: DiseaseClass;
  deadlineHours: number;
  immediate: boolean;
  clusterCases?: number | null;
  clusterDays?: number | null;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: 'county' | 'township';
  frequency: 'day' | 'week';
  syndrome?: string;
  enabled: boolean;
}

/** A locally monitored disease (not built in); its fusion group defaults to its own code. */
export async function insertDisease(q: Queryable, b: DiseaseInput & { code: string }): Promise<void> {
  await q.query(
    `insert into disease_settings (code, name_zh, name_en, icd10, class, deadline_hours, immediate, cluster_cases, cluster_days,
             algorithm, params, area_level, frequency, enabled, syndrome, builtin)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, false)`,
    [
      b.code,
      b.nameZh,
      b.nameEn,
      b.icd10 ?? null,
      b.class,
      b.deadlineHours,
      b.immediate,
      b.clusterCases ?? null,
      b.clusterDays ?? null,
      b.algorithm,
      JSON.stringify(b.params),
      b.areaLevel,
      b.frequency,
      b.enabled,
      b.syndrome || b.code,
    ],
  );
}

/** Writes a disease's settings under optimistic concurrency; false when the version is stale. */
export async function updateDisease(q: Queryable, code: string, version: number, next: DiseaseInput): Promise<boolean> {
  const { rows } = await q.query(
    `update disease_settings set name_zh = $3, name_en = $4, icd10 = $5, class = $6, deadline_hours = $7, immediate = $8,
                  cluster_cases = $9, cluster_days = $10, algorithm = $11, params = $12, area_level = $13, frequency = $14,
                  enabled = $15, syndrome = $16, version = version + 1, updated_at = now()
            where code = $1 and version = $2 returning code`,
    [
      code,
      version,
      next.nameZh,
      next.nameEn,
      next.icd10 ?? null,
      next.class,
      next.deadlineHours,
      next.immediate,
      next.clusterCases ?? null,
      next.clusterDays ?? null,
      next.algorithm,
      JSON.stringify(next.params),
      next.areaLevel,
      next.frequency,
      next.enabled,
      next.syndrome,
    ],
  );
  return rows.length > 0;
}

export const isAlgorithm = (a: string): a is Algorithm => (ALGORITHMS as readonly string[]).includes(a);
