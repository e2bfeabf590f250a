// Demo plans: 新乡's plan (seed 000, demo-plan-xinxiang.ts) on the demo city with synthetic reported values
// for 2020–2024, and 连州's indicator table (the fixture CSV, imported like a user's file) for 441882.
// Everything here is marked synthetic and replaced on every demo reset; formula indicators need no values
// here, they are computed from the demo registry.
import fs from 'node:fs';
import path from 'node:path';
import { indicatorByCode, isNoValue, parseTarget, type Target } from '@weijian/core/planning';
import { mulberry32 } from '@weijian/core/platform';
import type { Queryable } from '../platform/db.ts';
import type { ErrorDetail } from '../platform/errors.ts';
import { XINXIANG_PLAN, XINXIANG_REPORTED, XINXIANG_ROWS } from './demo-plan-xinxiang.ts';
import { AUTO_CONFIRM, previewText } from './import-preview.ts';
import type { IndicatorInputT } from './plan-schemas.ts';
import { insertPlan, insertVersion } from './plans-repo.ts';
import type { PlanningServices } from './services.ts';

export const LIANZHOU_CSV = path.join(import.meta.dirname, 'fixtures', 'lianzhou-2021-2025.csv');
export const LIANZHOU_REGION = '441882';

const num = (text: string): number | null =>
  isNoValue(text) ? null : Number.isFinite(Number(text)) ? Number(text) : null;

function xinxiangIndicators(): IndicatorInputT[] {
  return XINXIANG_ROWS.map((r) => ({
    domain: r.domain,
    name: r.name,
    unit: r.unit,
    baselineText: r.baselineText,
    baseline: num(r.baselineText),
    targetText: r.targetText,
    ...(r.manual ? { target: { ...r.manual, text: r.targetText } as Target } : {}),
    nature: r.nature,
    catalogueCode: r.catalogueCode,
    matchConfidence: r.catalogueCode ? 1 : null,
  }));
}

function lianzhouIndicators(): IndicatorInputT[] {
  const preview = previewText(fs.readFileSync(LIANZHOU_CSV, 'utf8'));
  return preview.rows.map((r) => ({
    domain: r.domain,
    name: r.name,
    unit: r.unit,
    baselineText: r.baselineText,
    baseline: r.baseline,
    targetText: r.targetText,
    nature: r.nature,
    catalogueCode: r.matchConfidence !== null && r.matchConfidence >= AUTO_CONFIRM ? r.catalogueCode : null,
    matchConfidence: r.matchConfidence,
  }));
}

interface ValueRow {
  county: string;
  area: string;
  code: string;
  year: number;
  value: number;
  source: string;
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
const clampRate = (code: string, v: number) =>
  indicatorByCode(code)?.unit === '%' ? Math.min(100, Math.max(0, v)) : v;

async function insertValues(q: Queryable, rows: readonly ValueRow[]) {
  if (rows.length === 0) return;
  await q.query(
    `insert into indicator_values (county_code, area_code, indicator_code, year, value, source, note, synthetic, updated_by)
     select c, a, i, y, v, s, '演示数据（合成） / synthetic demo data', true, 'demo'
       from unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::float8[], $6::text[]) as t(c, a, i, y, v, s)`,
    [
      rows.map((r) => r.county),
      rows.map((r) => r.area),
      rows.map((r) => r.code),
      rows.map((r) => r.year),
      rows.map((r) => r.value),
      rows.map((r) => r.source),
    ],
  );
}

/** Replaces the demo plans and their synthetic reported values. */
export async function loadDemoPlans(
  ctx: Pick<PlanningServices, 'db' | 'areas' | 'plans'>,
  seed = 20201231,
): Promise<{ plans: number; values: number }> {
  const tree = await ctx.areas.tree();
  const details: ErrorDetail[] = [];
  const xinxiang = await ctx.plans.buildIndicators(xinxiangIndicators(), details);
  const lianzhou = await ctx.plans.buildIndicators(lianzhouIndicators(), details);
  if (details.length) throw new Error(`demo plans: ${JSON.stringify(details)}`);

  const random = mulberry32(seed);
  const values: ValueRow[] = [];
  // 新乡: the city's own series and each county's, scattered around the city's.
  const counties = tree.childrenIn(XINXIANG_PLAN.regionCode, 2024).map((c) => c.code);
  for (const [code, [v2020, v2024]] of Object.entries(XINXIANG_REPORTED)) {
    const def = indicatorByCode(code);
    if (def?.source.kind !== 'reported') continue;
    const source = def.source.defaultSource;
    for (const area of [XINXIANG_PLAN.regionCode, ...counties]) {
      const isCity = area === XINXIANG_PLAN.regionCode;
      const offset = isCity ? 0 : (random() - 0.5) * 0.12 * Math.abs(v2024);
      const pace = isCity ? 1 : 0.6 + random() * 0.8;
      for (let year = 2020; year <= 2024; year++) {
        const f = (year - 2020) / 4;
        const noise = isCity || year === 2020 ? 0 : (random() - 0.5) * 0.01 * Math.abs(v2024);
        const v = v2020 + (v2024 - v2020) * f * pace + offset + noise;
        values.push({ county: area, area, code, year, value: round(clampRate(code, v), def.decimals), source });
      }
    }
  }
  // 连州: reported indicators move from the table's baseline toward (or away from) its target.
  for (const ind of lianzhou) {
    const def = ind.catalogueCode ? indicatorByCode(ind.catalogueCode) : undefined;
    if (def?.source.kind !== 'reported') continue;
    const t = ind.target;
    const goal = t && (t.kind === 'threshold' || t.kind === 'approx') ? t.value : null;
    const start = ind.baseline ?? (goal === null ? null : goal * (def.direction === 'lower' ? 1.15 : 0.85));
    if (start === null) continue;
    const pace = 0.4 + random() * 1.1;
    for (let year = 2020; year <= 2024; year++) {
      const f = (year - 2020) / 5;
      const v = goal === null ? start * (1 + 0.03 * (year - 2020) * pace) : start + (goal - start) * f * pace;
      values.push({
        county: LIANZHOU_REGION,
        area: LIANZHOU_REGION,
        code: def.code,
        year,
        value: round(clampRate(def.code, v), def.decimals),
        source: def.source.defaultSource,
      });
    }
  }

  await ctx.db.tx(async (q) => {
    await q.query('delete from plans where synthetic');
    await q.query('delete from indicator_values where synthetic');
    const meta = (note: string) => ({ note, sourceFile: null, createdBy: 'demo' });
    const x = await insertPlan(q, {
      regionCode: XINXIANG_PLAN.regionCode,
      countyCode: null,
      name: XINXIANG_PLAN.name,
      periodStart: XINXIANG_PLAN.periodStart,
      periodEnd: XINXIANG_PLAN.periodEnd,
      baselineYear: XINXIANG_PLAN.baselineYear,
      status: 'active',
      synthetic: true,
      createdBy: 'demo',
    });
    await insertVersion(
      q,
      x,
      1,
      meta(
        '据规划正文整理的主要指标（演示）；人力床位类目标取全国“十四五”水平，正文未给出 / ' +
          'indicators gathered from the plan text (demo); resource ratio targets are national levels',
      ),
      xinxiang,
    );
    const l = await insertPlan(q, {
      regionCode: LIANZHOU_REGION,
      countyCode: LIANZHOU_REGION,
      name: '连州市卫生健康事业发展“十四五”规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      status: 'active',
      synthetic: true,
      createdBy: 'demo',
    });
    await insertVersion(
      q,
      l,
      1,
      meta('由指标表导入（lianzhou-2021-2025.csv） / imported from the indicator table'),
      lianzhou,
    );
    await insertValues(q, values);
  });
  return { plans: 2, values: values.length };
}

/** Whether a target text parses without help (used by tests of the demo table). */
export const parsesAlone = (r: { targetText: string; unit: string | null }) =>
  parseTarget(r.targetText, { unit: r.unit })?.kind !== 'unparsed';
