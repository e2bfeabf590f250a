// A small typed expression form for catalogue formulas over registry facts. Formulas are data, not code, so
// the UI can show them, the server can list which facts an indicator depends on (to re-evaluate only what an
// edit touches), and aggregation can sum components before dividing: a city's beds per 1,000 is
// Σbeds ÷ Σresidents × 1,000, never the mean of its counties' ratios.
import type { PopulationKey, ResourceKey } from '../../registry/fields.ts';

// The vocabularies below spell the same strings as registry/categories.ts (kept local so formulas stay plain
// data that does not depend on the registry module's internals).

/** The four institution families of the national classification (医院, 专业公共卫生机构, 基层, 其他). */
export type InstitutionFamily = 'hospital' | 'public-health' | 'primary' | 'other';
/** Ownership of an institution: 政府办, 其他公立, 社会办 (private, for-profit or not). */
export type Ownership = 'government' | 'other-public' | 'private';
/** Ownership in a filter: 'public' (公立) is government plus other public. */
export type OwnershipFilter = Ownership | 'public';

/**
 * Institution filter. Category codes follow the 卫生机构类别代码 (WS 218): A1 综合医院, A2 中医医院,
 * A3 中西医结合医院, A4 民族医院, A5 专科医院, A7 护理院, B1 社区卫生服务中心, C2 乡镇卫生院, …; a code matches
 * every code it prefixes (A5 matches A511), so registries with finer codes still match.
 */
export interface InstitutionWhere {
  family?: readonly InstitutionFamily[];
  category?: readonly string[];
  /** 1, 2 or 3 (一/二/三级); "二级及以上" is minGrade 2. Ungraded institutions never pass a grade filter. */
  minGrade?: 1 | 2 | 3;
  /** 'public' means government or other-public. */
  ownership?: readonly OwnershipFilter[];
}

/**
 * A measure another module computes from its own records, per area (bucketed through the tree valid in the
 * year, like registry facts) and year. Absent for area-years the module has no data for.
 * - surveillance/notifiable-cases: 甲乙类法定传染病 cases (甲类, 乙类, 乙类甲管; clinical and confirmed; not
 *   deleted, not duplicates) by onset year and current address.
 */
export type ModuleMeasure =
  | { module: 'surveillance'; measure: 'notifiable-cases' }
  | { module: 'care'; measure: CareMeasure }
  /** access: households within 15 minutes of a medical institution on the road network, and all households. */
  | { module: 'access'; measure: 'households-within-15min' | 'households' };

/**
 * Counts the care module computes from its records for year Y (issue 15 §6; the definitions are the
 * catalogue notes of the care indicators): residents alive and not moved out at Y-12-31, by the village of
 * their record.
 */
export const CARE_MEASURES = [
  'residents',
  'elderly',
  'children',
  'established',
  'signed',
  'key-population',
  'key-signed',
  'hypertension-managed',
  'hypertension-standard',
  'hypertension-controlled',
  'diabetes-managed',
  'diabetes-standard',
  'diabetes-controlled',
  'smd-managed',
  'smd-followed',
  'smd-standard',
  'elderly-checked',
  'child-checked',
  'child-u3-due',
  'child-u3-managed',
  'maternal-delivered',
  'maternal-managed',
] as const;
export type CareMeasure = (typeof CARE_MEASURES)[number];

/** A fact that is looked up, not computed: the leaves of a formula. */
export type Component =
  | { sum: ResourceKey; where?: InstitutionWhere }
  | { count: 'institutions'; where?: InstitutionWhere }
  | { population: PopulationKey }
  /** A value entered per area and year that is not a registry fact (e.g. 托位数 until a childcare module). */
  | { reported: string }
  | ModuleMeasure;

export type Expr = Component | { add: readonly Expr[] };

/** What an institution must expose for filtering and summing; the registry adapts its rows to this. */
export interface InstitutionFacts {
  family: InstitutionFamily | null;
  category: string | null;
  grade: 1 | 2 | 3 | null;
  ownership: Ownership | null;
  values: Partial<Record<ResourceKey, number | null>>;
}

/** Aggregated component values of one area and year, keyed by componentKey(). */
export type ComponentValues = Readonly<Record<string, number | null | undefined>>;

function whereKey(w: InstitutionWhere | undefined): string {
  if (!w) return '';
  const parts: string[] = [];
  if (w.family?.length) parts.push(`family=${[...w.family].sort().join(',')}`);
  if (w.category?.length) parts.push(`category=${[...w.category].sort().join(',')}`);
  if (w.minGrade !== undefined) parts.push(`grade>=${w.minGrade}`);
  if (w.ownership?.length) parts.push(`ownership=${[...w.ownership].sort().join(',')}`);
  return parts.length ? `[${parts.join(';')}]` : '';
}

/** Stable key of a component: equal filters written in another order give the same key. */
export function componentKey(c: Component): string {
  if ('sum' in c) return `sum:${c.sum}${whereKey(c.where)}`;
  if ('count' in c) return `count:institutions${whereKey(c.where)}`;
  if ('population' in c) return `population:${c.population}`;
  if ('module' in c) return `module:${c.module}/${c.measure}`;
  return `reported:${c.reported}`;
}

/** Leaves of an expression, de-duplicated by key. */
export function componentsOf(...exprs: ReadonlyArray<Expr | null | undefined>): Component[] {
  const out = new Map<string, Component>();
  const walk = (e: Expr): void => {
    if ('add' in e) e.add.forEach(walk);
    else out.set(componentKey(e), e);
  };
  for (const e of exprs) if (e) walk(e);
  return [...out.values()];
}

/** Value of an expression; null when any part is unknown (an unknown term makes a sum unknown). */
export function evaluateExpr(e: Expr, values: ComponentValues): number | null {
  if ('add' in e) {
    let total = 0;
    for (const part of e.add) {
      const v = evaluateExpr(part, values);
      if (v === null) return null;
      total += v;
    }
    return total;
  }
  const v = values[componentKey(e)];
  return v === undefined || v === null || !Number.isFinite(v) ? null : v;
}

export function matchesWhere(inst: InstitutionFacts, w: InstitutionWhere | undefined): boolean {
  if (!w) return true;
  if (w.family?.length && (inst.family === null || !w.family.includes(inst.family))) return false;
  if (w.category?.length) {
    const cat = inst.category;
    if (cat === null || !w.category.some((c) => cat.startsWith(c))) return false;
  }
  if (w.minGrade !== undefined && (inst.grade === null || inst.grade < w.minGrade)) return false;
  if (w.ownership?.length) {
    const own = inst.ownership;
    if (own === null) return false;
    const ok = w.ownership.some((o) => o === own || (o === 'public' && own !== 'private'));
    if (!ok) return false;
  }
  return true;
}

/**
 * Component values of one area and year from its institutions and population. A resource sum is null when
 * no matching institution reported the field (unreported ≠ zero); a count is always a number.
 */
export function aggregateComponents(
  components: readonly Component[],
  institutions: readonly InstitutionFacts[],
  population: Partial<Record<PopulationKey, number | null>>,
  reported: Readonly<Record<string, number | null>> = {},
  /** Module measures keyed by componentKey() (module:surveillance/notifiable-cases). */
  modules: Readonly<Record<string, number | null>> = {},
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of components) {
    const key = componentKey(c);
    if ('population' in c) out[key] = population[c.population] ?? null;
    else if ('reported' in c) out[key] = reported[c.reported] ?? null;
    else if ('module' in c) out[key] = modules[key] ?? null;
    else if ('count' in c) out[key] = institutions.filter((i) => matchesWhere(i, c.where)).length;
    else {
      let total: number | null = null;
      for (const inst of institutions) {
        if (!matchesWhere(inst, c.where)) continue;
        const v = inst.values[c.sum];
        if (v !== undefined && v !== null) total = (total ?? 0) + v;
      }
      out[key] = total;
    }
  }
  return out;
}

/**
 * Component values of a parent area from those of its children: each component is summed (null only when
 * every child is null). Ratios are then recomputed from these sums, which is why components, not indicator
 * values, are what areas aggregate.
 */
export function sumComponentValues(children: readonly ComponentValues[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const child of children) {
    for (const [key, v] of Object.entries(child)) {
      if (v === undefined || v === null) {
        if (!(key in out)) out[key] = null;
      } else out[key] = (out[key] ?? 0) + v;
    }
  }
  return out;
}
