// Plans, their versions and indicator tables in SQL. Lists are narrowed by the caller's scope here.
import type { Principal } from '@weijian/core/identity';
import type { Direction, Nature, Target } from '@weijian/core/planning';
import type { Queryable } from '../platform/db.ts';
import { type Count, cappedCount, type Keyset, pageQuery, pageResult } from '../platform/keyset.ts';

export interface PlanRow {
  id: number;
  regionCode: string;
  countyCode: string | null;
  name: string;
  periodStart: number;
  periodEnd: number;
  baselineYear: number;
  status: 'draft' | 'active' | 'archived';
  currentVersion: number;
  version: number;
  synthetic: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  indicatorCount: number;
}

export interface AreaTargetRow {
  areaCode: string;
  target: Target | null;
  baseline: number | null;
}

export interface PlanIndicatorRow {
  seq: number;
  domain: string | null;
  name: string;
  catalogueCode: string | null;
  matchConfidence: number | null;
  unit: string | null;
  baselineText: string;
  baseline: number | null;
  target: Target | null;
  targetText: string;
  targetSource: 'parsed' | 'manual';
  nature: Nature | null;
  direction: Direction;
  areaTargets: AreaTargetRow[];
}

export interface PlanVersionRow {
  version: number;
  note: string | null;
  sourceFile: string | null;
  createdBy: string | null;
  createdAt: string;
  indicatorCount: number;
}

const TS = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const PLAN_COLUMNS = `p.id, p.region_code as "regionCode", p.county_code as "countyCode", p.name,
  p.period_start::int as "periodStart", p.period_end::int as "periodEnd", p.baseline_year::int as "baselineYear",
  p.status, p.current_version as "currentVersion", p.version, p.synthetic, p.created_by as "createdBy",
  ${TS('p.created_at')} as "createdAt", ${TS('p.updated_at')} as "updatedAt",
  (select count(*)::int from plan_indicators pi where pi.plan_id = p.id and pi.version = p.current_version)
    as "indicatorCount"`;

/**
 * Plans the caller may see: those of regions within its scope and of the regions above it (a county sees
 * the city plan it works under). Area codes are hierarchical prefixes, so both are prefix tests.
 */
function scopeCondition(p: Principal, params: unknown[]): string {
  if (p.role === 'admin') return 'true';
  if (p.role === 'institution' || !p.scopeAreaCode) return 'false';
  params.push(p.scopeAreaCode);
  const n = params.length;
  return `(p.region_code like $${n} || '%' or $${n} like p.region_code || '%')`;
}

/**
 * By region, the latest period first within it; the id breaks ties (planning/migrations/018_list_indexes.sql
 * serves it).
 */
const PLAN_ORDER: Keyset = {
  name: 'region',
  terms: [
    { expr: 'p.region_code', type: 'text' },
    { expr: 'p.period_start', type: 'int', desc: true },
    { expr: 'p.id', type: 'int' },
  ],
};

export async function listPlans(
  q: Queryable,
  p: Principal,
  f: { region?: string; status?: string; limit: number; cursor?: string },
): Promise<Count & { nextCursor: string | null; items: PlanRow[] }> {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [scopeCondition(p, params)];
  if (f.region) where.push(`p.region_code like ${bind(f.region)} || '%'`);
  if (f.status) where.push(`p.status = ${bind(f.status)}`);
  const countOf = [`select 1 from plans p where ${where.join(' and ')}`, [...params]] as const;
  const page = pageQuery(PLAN_ORDER, f.cursor, f.limit, bind);
  if (page.after) where.push(page.after);
  const [{ rows }, count] = await Promise.all([
    q.query<PlanRow>(
      `select ${PLAN_COLUMNS}, ${page.keyColumns} from plans p where ${where.join(' and ')}
        order by ${page.orderBy} limit ${bind(page.fetch)}`,
      params,
    ),
    page.carried ?? cappedCount(q, ...countOf),
  ]);
  return pageResult(PLAN_ORDER, rows, f.limit, count);
}

export async function getPlan(q: Queryable, id: number): Promise<PlanRow | null> {
  const { rows } = await q.query<PlanRow>(`select ${PLAN_COLUMNS} from plans p where p.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function planVersions(q: Queryable, id: number): Promise<PlanVersionRow[]> {
  const { rows } = await q.query<PlanVersionRow>(
    `select v.version, v.note, v.source_file as "sourceFile", v.created_by as "createdBy",
            ${TS('v.created_at')} as "createdAt",
            (select count(*)::int from plan_indicators pi where pi.plan_id = v.plan_id and pi.version = v.version)
              as "indicatorCount"
       from plan_versions v where v.plan_id = $1 order by v.version`,
    [id],
  );
  return rows;
}

export async function planIndicators(q: Queryable, id: number, version: number): Promise<PlanIndicatorRow[]> {
  const [{ rows }, { rows: overrides }] = await Promise.all([
    q.query<Omit<PlanIndicatorRow, 'areaTargets'>>(
      `select seq, domain, name, catalogue_code as "catalogueCode", match_confidence as "matchConfidence", unit,
              baseline_text as "baselineText", baseline, target, target_text as "targetText",
              target_source as "targetSource", nature, direction
         from plan_indicators where plan_id = $1 and version = $2 order by seq`,
      [id, version],
    ),
    q.query<AreaTargetRow & { seq: number }>(
      `select seq, area_code as "areaCode", target, baseline from plan_indicator_area_targets
        where plan_id = $1 and version = $2 order by seq, area_code`,
      [id, version],
    ),
  ]);
  return rows.map((r) => ({
    ...r,
    matchConfidence: r.matchConfidence === null ? null : Math.round(Number(r.matchConfidence) * 1000) / 1000,
    areaTargets: overrides.filter((o) => o.seq === r.seq).map(({ seq: _s, ...o }) => o),
  }));
}

export interface NewPlan {
  regionCode: string;
  countyCode: string | null;
  name: string;
  periodStart: number;
  periodEnd: number;
  baselineYear: number;
  status: string;
  synthetic: boolean;
  createdBy: string | null;
}

export async function insertPlan(q: Queryable, p: NewPlan): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `insert into plans (region_code, county_code, name, period_start, period_end, baseline_year, status, synthetic,
                        created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [
      p.regionCode,
      p.countyCode,
      p.name,
      p.periodStart,
      p.periodEnd,
      p.baselineYear,
      p.status,
      p.synthetic,
      p.createdBy,
    ],
  );
  return rows[0]!.id;
}

export type NewIndicator = Omit<PlanIndicatorRow, 'seq'>;

/** Writes version `version` of a plan's indicator table (rows numbered 1…n in the given order). */
export async function insertVersion(
  q: Queryable,
  planId: number,
  version: number,
  meta: { note: string | null; sourceFile: string | null; createdBy: string | null },
  indicators: readonly NewIndicator[],
): Promise<void> {
  await q.query(
    `insert into plan_versions (plan_id, version, note, source_file, created_by) values ($1, $2, $3, $4, $5)`,
    [planId, version, meta.note, meta.sourceFile, meta.createdBy],
  );
  const I = indicators;
  await q.query(
    `insert into plan_indicators (plan_id, version, seq, domain, name, catalogue_code, match_confidence, unit,
                                  baseline_text, baseline, target, target_text, target_source, nature, direction)
     select $1, $2, * from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::real[], $8::text[], $9::text[],
                                  $10::float8[], $11::jsonb[], $12::text[], $13::text[], $14::text[], $15::text[])`,
    [
      planId,
      version,
      I.map((_, n) => n + 1),
      I.map((i) => i.domain),
      I.map((i) => i.name),
      I.map((i) => i.catalogueCode),
      I.map((i) => i.matchConfidence),
      I.map((i) => i.unit),
      I.map((i) => i.baselineText),
      I.map((i) => i.baseline),
      I.map((i) => (i.target === null ? null : JSON.stringify(i.target))),
      I.map((i) => i.targetText),
      I.map((i) => i.targetSource),
      I.map((i) => i.nature),
      I.map((i) => i.direction),
    ],
  );
  for (const [n, ind] of I.entries()) {
    for (const o of ind.areaTargets) await upsertAreaTarget(q, planId, version, n + 1, o);
  }
}

export async function upsertAreaTarget(q: Queryable, planId: number, version: number, seq: number, o: AreaTargetRow) {
  await q.query(
    `insert into plan_indicator_area_targets (plan_id, version, seq, area_code, target, baseline)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (plan_id, version, seq, area_code) do update set target = excluded.target, baseline = excluded.baseline`,
    [planId, version, seq, o.areaCode, o.target === null ? null : JSON.stringify(o.target), o.baseline],
  );
}

export async function setIndicatorTarget(
  q: Queryable,
  planId: number,
  version: number,
  seq: number,
  target: Target | null,
) {
  await q.query(
    `update plan_indicators set target = $4, target_source = 'manual' where plan_id = $1 and version = $2 and seq = $3`,
    [planId, version, seq, target === null ? null : JSON.stringify(target)],
  );
}

/** Bumps the plan's edit version if it is still `version`; false when someone else changed it first. */
export async function touchPlan(q: Queryable, id: number, version: number, currentVersion?: number): Promise<boolean> {
  const { rows } = await q.query(
    `update plans set version = version + 1, updated_at = now(),
            current_version = coalesce($3, current_version)
      where id = $1 and version = $2 returning 1`,
    [id, version, currentVersion ?? null],
  );
  return rows.length === 1;
}

/** The first synthetic (demo) plan of a region, if any. */
export async function firstSyntheticPlan(q: Queryable, regionCode: string): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>(
    'select id from plans where synthetic and region_code = $1 order by id limit 1',
    [regionCode],
  );
  return rows[0]?.id ?? null;
}
