// The sums the standards are judged on: per county-level area (bucketed to the areas asked about through the
// tree valid in the year), per institution, and per township, street and village. The figures come from the
// registry's area-facts service (one query per kind); nothing is written.
import {
  type AreaComponents,
  emptyComponents,
  isAdministrativeVillage,
  townshipKind,
} from '@weijian/core/planning/standards';
import { chinaYear } from '@weijian/core/platform';
import { type AreaNode, type AreaTree, populationOf, resolveRecorded } from '@weijian/core/registry';
import type { AreaFactsService, InstitutionReturnRow } from '../registry/index.ts';

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

/** Components of each target area (region-level standards) in `year`. */
export async function areaComponents(
  registry: AreaFactsService,
  tree: AreaTree,
  targets: readonly string[],
  year: number,
): Promise<Map<string, AreaComponents>> {
  const prefix = cityPrefix(targets[0] ?? '');
  const targetSet = new Set(targets);
  const [facts, pop] = await Promise.all([
    registry.countyResourceTotals(year, prefix),
    registry.populationRows(year, prefix),
  ]);
  const out = new Map<string, AreaComponents>();
  for (const t of targets) out.set(t, emptyComponents());
  for (const row of facts) {
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
    pop.map((r) => ({ areaCode: r.code, value: r.resident })),
  );
  const children = resolveRecorded(
    tree,
    year,
    pop.map((r) => ({ areaCode: r.code, value: r.children })),
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

export type InstitutionFactsRow = InstitutionReturnRow;

/** Yearly returns of the institutions the institution-level rules can apply to (二级+ hospitals, CHCs, THCs). */
export async function institutionFacts(
  registry: AreaFactsService,
  tree: AreaTree,
  root: string,
  year: number,
): Promise<InstitutionFactsRow[]> {
  const rows = await registry.institutionReturns(year, cityPrefix(root));
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
export async function coverageCounts(
  registry: AreaFactsService,
  tree: AreaTree,
  root: string,
  year: number,
): Promise<AreaCount[]> {
  const prefix = cityPrefix(root);
  const [inst, pop] = await Promise.all([
    registry.primaryCareCounts(year, prefix),
    registry.residentRows(year, prefix),
  ]);
  const resident = resolveRecorded(
    tree,
    year,
    pop.map((r) => ({ areaCode: r.code, value: r.resident })),
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
  // Rows bucketed by the prefix of each length asked for: a city has thousands of villages, and scanning every
  // institution row per village made the check quadratic (~350 ms of a 500 ms request on the demo city).
  const buckets = new Map<number, Map<string, typeof inst>>();
  const rowsUnder = (prefix: string) => {
    let byPrefix = buckets.get(prefix.length);
    if (!byPrefix) {
      byPrefix = new Map();
      for (const r of inst) {
        if (r.areaCode.length < prefix.length) continue;
        const k = r.areaCode.slice(0, prefix.length);
        const list = byPrefix.get(k);
        if (list) list.push(r);
        else byPrefix.set(k, [r]);
      }
      buckets.set(prefix.length, byPrefix);
    }
    return byPrefix.get(prefix) ?? [];
  };
  const countIn = (prefix: string, match: (r: { category: string; ownership: string }) => boolean) =>
    rowsUnder(prefix).reduce((s, r) => (match(r) ? s + r.n : s), 0);
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
