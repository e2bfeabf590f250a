// The sums the standards are judged on, in SQL: per county-level area (bucketed to the areas asked about
// through the tree valid in the year), per institution, and per township, street and village. Everything
// here reads the registry's tables; nothing is written.
import {
  type AreaComponents,
  emptyComponents,
  isAdministrativeVillage,
  townshipKind,
} from '@weijian/core/planning/standards';
import { chinaYear } from '@weijian/core/platform';
import { type AreaNode, type AreaTree, populationOf, resolveRecorded } from '@weijian/core/registry';
import type { Queryable } from '../platform/db.ts';

const COMPONENT_SQL = `
  sum(r.beds_actual) as beds, sum(r.doctors) as doctors, sum(r.tcm_doctors) as "tcmDoctors",
  sum(r.nurses) as nurses, sum(r.pharmacists) as pharmacists, sum(r.general_practitioners) as gps,
  coalesce(sum(r.staff_total) filter (where i.category like 'J%'), 0) as "cdcStaff",
  sum(r.health_supervisors) as "healthSupervisors",
  coalesce(sum(r.health_technicians) filter (where i.category like 'G%'), 0) as "mchStaff",
  sum(r.psychiatrists) as psychiatrists, sum(r.pediatricians) as pediatricians,
  sum(r.beds_psychiatric) as "bedsPsychiatric", sum(r.beds_rehab) as "bedsRehab", sum(r.beds_pediatric) as "bedsPediatric",
  coalesce(sum(r.beds_actual) filter (where i.category ~ '^A[234]' and i.ownership <> 'private'), 0) as "bedsPublicTcm",
  coalesce(sum(r.beds_actual) filter (where i.category like 'A%' and i.ownership = 'private'), 0) as "bedsPrivate",
  sum(r.ambulances) as ambulances, sum(r.ambulances_negative_pressure) as "ambulancesNegativePressure",
  sum(r.beds_actual) filter (where i.category ~ '^[BCD]') as "primaryBeds",
  sum(r.beds_nursing) filter (where i.category ~ '^[BCD]') as "primaryNursingBeds"`;

const SUMMED = [
  'beds',
  'doctors',
  'tcmDoctors',
  'nurses',
  'pharmacists',
  'gps',
  'cdcStaff',
  'healthSupervisors',
  'mchStaff',
  'psychiatrists',
  'pediatricians',
  'bedsPsychiatric',
  'bedsRehab',
  'bedsPediatric',
  'bedsPublicTcm',
  'bedsPrivate',
  'ambulances',
  'ambulancesNegativePressure',
  'primaryBeds',
  'primaryNursingBeds',
] as const;

/** Codes of the city (4 digits) the areas lie in: every query is narrowed to it. */
export const cityPrefix = (code: string) => code.slice(0, Math.min(4, code.length));

interface PopulationRow {
  code: string;
  resident: number | null;
  children: number | null;
}

/** Components of each target area (region-level standards) in `year`. */
export async function areaComponents(
  q: Queryable,
  tree: AreaTree,
  targets: readonly string[],
  year: number,
): Promise<Map<string, AreaComponents>> {
  const like = `${cityPrefix(targets[0] ?? '')}%`;
  const targetSet = new Set(targets);
  const [facts, pop] = await Promise.all([
    q.query<Record<string, number | null> & { code: string }>(
      `select r.county_code as code, ${COMPONENT_SQL}
         from institution_resources r join institutions i on i.id = r.institution_id
        where r.year = $1 and r.county_code like $2
        group by 1`,
      [year, like],
    ),
    q.query<PopulationRow>(
      `select area_code as code, resident,
              case when age0_to2 is null and age3_to6 is null and age7_to14 is null then null
                   else coalesce(age0_to2, 0) + coalesce(age3_to6, 0) + coalesce(age7_to14, 0) end as children
         from area_population where year = $1 and county_code like $2`,
      [year, like],
    ),
  ]);
  const out = new Map<string, AreaComponents>();
  for (const t of targets) out.set(t, emptyComponents());
  for (const row of facts.rows) {
    // Into every target containing the row's county (the city and its county both count it).
    for (
      let a = tree.bucketIn(row.code, year, targetSet);
      a;
      a = tree.bucketIn(tree.parentIn(a, year) ?? '', year, targetSet)
    ) {
      const c = out.get(a)!;
      for (const k of SUMMED) {
        const v = row[k];
        if (v !== null && v !== undefined) c[k] = (c[k] ?? 0) + Number(v);
      }
    }
  }
  const resident = resolveRecorded(
    tree,
    year,
    pop.rows.map((r) => ({ areaCode: r.code, value: r.resident })),
  );
  const children = resolveRecorded(
    tree,
    year,
    pop.rows.map((r) => ({ areaCode: r.code, value: r.children })),
  );
  const memoR = new Map<string, number | null>();
  const memoC = new Map<string, number | null>();
  for (const t of targets) {
    const c = out.get(t)!;
    const code = tree.resolveIn(t, year) ?? t;
    c.population = populationOf(tree, year, resident, code, memoR);
    c.children = populationOf(tree, year, children, code, memoC);
    const ur = urbanRural(tree, year, resident, code, memoR);
    c.urban = ur.urban;
    c.rural = ur.rural;
  }
  return out;
}

/**
 * Urban and rural residents of an area, for the ambulance standard: streets (街道) and development zones
 * count as urban, towns and townships (乡/镇) as rural. A county-level area without township figures
 * counts whole: a 市辖区 (name ending in 区) as urban, a county or county-level city as rural.
 */
export function urbanRural(
  tree: AreaTree,
  year: number,
  recorded: ReadonlyMap<string, number>,
  code: string,
  memo: Map<string, number | null>,
): { urban: number | null; rural: number | null } {
  const node = tree.get(code);
  if (!node) return { urban: null, rural: null };
  if (node.level < 3) {
    let urban: number | null = null;
    let rural: number | null = null;
    for (const child of tree.childrenIn(code, year)) {
      const r = urbanRural(tree, year, recorded, child.code, memo);
      if (r.urban !== null) urban = (urban ?? 0) + r.urban;
      if (r.rural !== null) rural = (rural ?? 0) + r.rural;
    }
    return { urban, rural };
  }
  const townships = node.level === 3 ? tree.childrenIn(code, year) : [node];
  let urban: number | null = null;
  let rural: number | null = null;
  for (const t of townships) {
    const p = populationOf(tree, year, recorded, t.code, memo);
    if (p === null) continue;
    if (townshipKind(t.name) === 'township') rural = (rural ?? 0) + p;
    else urban = (urban ?? 0) + p;
  }
  if (urban === null && rural === null) {
    const total = populationOf(tree, year, recorded, code, memo);
    if (total === null) return { urban: null, rural: null };
    return /区$/.test(node.name) ? { urban: total, rural: 0 } : { urban: 0, rural: total };
  }
  return { urban: urban ?? 0, rural: rural ?? 0 };
}

export interface InstitutionFactsRow {
  id: number;
  name: string;
  areaCode: string;
  countyCode: string;
  category: string;
  gradeLevel: number | null;
  gradeClass: string | null;
  ownership: string;
  bedsApproved: number | null;
  bedsOpen: number | null;
  bedsIcu: number | null;
  bedsIcuConvertible: number | null;
  bedsEmergencyObs: number | null;
  healthTechnicians: number | null;
  staffTotal: number | null;
  publicHealthDoctors: number | null;
  publicHealthStaff: number | null;
}

/** Yearly returns of the institutions the institution-level rules can apply to (二级+ hospitals, CHCs, THCs). */
export async function institutionFacts(
  q: Queryable,
  tree: AreaTree,
  root: string,
  year: number,
): Promise<InstitutionFactsRow[]> {
  const { rows } = await q.query<InstitutionFactsRow>(
    `select i.id, i.name, i.area_code as "areaCode", i.county_code as "countyCode", i.category,
            i.grade_level as "gradeLevel", i.grade_class as "gradeClass", i.ownership,
            r.beds_approved as "bedsApproved", r.beds_open as "bedsOpen", r.beds_icu as "bedsIcu",
            r.beds_icu_convertible as "bedsIcuConvertible", r.beds_emergency_obs as "bedsEmergencyObs",
            r.health_technicians as "healthTechnicians", r.staff_total as "staffTotal",
            r.public_health_doctors as "publicHealthDoctors", r.public_health_staff as "publicHealthStaff"
       from institutions i join institution_resources r on r.institution_id = i.id and r.year = $1
      where i.area_code like $2
        and ((i.category like 'A%' and i.grade_level >= 2) or i.category in ('B1', 'C1') or i.category like 'C2%')
      order by i.county_code, i.id`,
    [year, `${cityPrefix(root)}%`],
  );
  return rows.filter((r) => tree.isWithin(r.areaCode, root, year) || tree.isWithin(r.areaCode, root, chinaYear()));
}

export interface AreaCount {
  area: AreaNode & { urbanRural?: string | null };
  kind: 'township' | 'street' | 'village';
  countyCode: string | null;
  have: number;
  /** Street health centres (C1) of a street: candidates to become CHCs. */
  streetThc: number;
  population: number | null;
}

/** Institutions counted per township (government THCs), street (CHCs) and administrative village (clinics). */
export async function coverageCounts(q: Queryable, tree: AreaTree, root: string, year: number): Promise<AreaCount[]> {
  const like = `${cityPrefix(root)}%`;
  const [inst, pop] = await Promise.all([
    q.query<{ areaCode: string; category: string; ownership: string; n: number }>(
      `select area_code as "areaCode", category, ownership, count(*)::int as n from institutions
        where area_code like $1 and (category like 'C2%' or category in ('B1', 'C1', 'D6'))
          and (opened_on is null or opened_on <= make_date($2, 12, 31))
          and (closed_on is null or closed_on > make_date($2, 12, 31))
        group by 1, 2, 3`,
      [like, year],
    ),
    q.query<{ code: string; resident: number | null }>(
      'select area_code as code, resident from area_population where year = $1 and county_code like $2',
      [year, like],
    ),
  ]);
  const resident = resolveRecorded(
    tree,
    year,
    pop.rows.map((r) => ({ areaCode: r.code, value: r.resident })),
  );
  const memo = new Map<string, number | null>();
  const rootNode = tree.get(tree.resolveIn(root, year) ?? root);
  if (!rootNode) return [];
  const townships: AreaNode[] = [];
  const walk = (n: AreaNode) => {
    if (n.level === 4) townships.push(n);
    else if (n.level < 4) for (const c of tree.childrenIn(n.code, year)) walk(c);
  };
  walk(rootNode);
  if (rootNode.level === 5) return [];
  const countIn = (prefix: string, match: (r: { category: string; ownership: string }) => boolean) =>
    inst.rows.filter((r) => r.areaCode.startsWith(prefix) && match(r)).reduce((s, r) => s + r.n, 0);
  const out: AreaCount[] = [];
  for (const t of townships) {
    const kind = townshipKind(t.name);
    const county = tree.ancestorsIn(t.code, year).find((a) => a.level === 3)?.code ?? null;
    if (kind === 'township') {
      out.push({
        area: t,
        kind: 'township',
        countyCode: county,
        have: countIn(t.code, (r) => r.category.startsWith('C2') && r.ownership === 'government'),
        streetThc: 0,
        population: populationOf(tree, year, resident, t.code, memo),
      });
    } else if (kind === 'street') {
      out.push({
        area: t,
        kind: 'street',
        countyCode: county,
        have: countIn(t.code, (r) => r.category === 'B1'),
        streetThc: countIn(t.code, (r) => r.category === 'C1'),
        population: populationOf(tree, year, resident, t.code, memo),
      });
    }
    for (const v of tree.childrenIn(t.code, year) as (AreaNode & { urbanRural?: string | null })[]) {
      if (!isAdministrativeVillage({ name: v.name, urbanRural: v.urbanRural ?? null })) continue;
      out.push({
        area: v,
        kind: 'village',
        countyCode: county,
        have: countIn(v.code, (r) => r.category === 'D6'),
        streetThc: 0,
        population: null,
      });
    }
  }
  return out;
}
