// Resource configuration standards (资源配置标准): rules a region's service system is checked against,
// such as "ICU beds ≥ 4% of open beds in every 二级+ hospital" or "one government THC per township".
// A definition names what is measured and the default numbers; a region may set its own numbers (the
// "params"), e.g. 7.5 beds per 1,000 in 荆门 and 6.56 in 连州.
import type { Bilingual } from '../../platform/text.ts';
import type { GradeClass, Ownership } from '../../registry/categories.ts';

export type { Bilingual };

/** Which institutions an institution-level rule applies to. Every listed condition must hold. */
export interface Applicability {
  /** WS 218 category prefixes (A = every hospital, A1 = general hospitals, C2 = township health centres). */
  categories: string[];
  /** Only graded hospitals of at least this level (二级以上 = 2); applies to categories under A only. */
  minGradeLevel?: 1 | 2 | 3;
  /** Exactly this level (二级 only). */
  gradeLevel?: 1 | 2 | 3;
  gradeClass?: Exclude<GradeClass, null>;
  ownership?: Ownership[];
}

/**
 * How a standard is judged:
 * - `rate`: actual = numerator ÷ denominator × per, compared with params.min and/or params.max;
 * - `count`: a number of institutions in each area of a kind (township, street, village), at least
 *   params.perArea, and for streets at least one per params.residentsPerUnit residents;
 * - `ambulances`: ambulances against urban residents ÷ params.urbanResidents + rural ÷ params.ruralResidents.
 */
export type StandardKind = 'rate' | 'count' | 'ambulances';

/** Where an area-level standard is judged: county-level areas (and the city above), or each township/village. */
export type AreaLevel = 'region' | 'township' | 'street' | 'village';

export type Comparator = '>=' | '<=' | 'between';

export interface StandardDef {
  code: string;
  zh: string;
  en: string;
  scope: 'area' | 'institution';
  /** For area standards: the areas judged. */
  level?: AreaLevel;
  appliesTo?: Applicability;
  kind: StandardKind;
  /** Name of the measure (see measures.ts): which numerator and denominator are summed. */
  measure: string;
  /** Multiplier of a rate: 1000 for per-1,000, 100 for a percentage, 1 for a plain ratio. */
  per: number;
  /** Unit of the actual value as displayed (张/千人, %, 所 …). */
  unit: string;
  comparator: Comparator;
  /** Default numbers; a region may override them. */
  params: Record<string, number>;
  /** What the gap counts, as in "缺 12 张ICU床位" (numerator units). */
  gapUnit: Bilingual;
  source: { seed: string; quote: string };
  /** 'needs-data': the registry does not hold what the rule measures; listed, never checked. */
  status: 'active' | 'needs-data';
  /**
   * A module that checks the rule from its own data (e.g. `access` for the spatial rules, on the road
   * network) through its standard-check provider; `measure` and `kind` are then the module's business.
   */
  module?: string;
  note?: Bilingual;
}

/** Numerator and denominator of one check, already summed. */
export interface MeasureValue {
  numerator: number | null;
  denominator: number | null;
  /** For `count` standards: residents of the area (a street's CHC need grows with them). */
  population?: number | null;
  /** For `ambulances`: residents of streets (urban) and of towns/townships (rural). */
  urban?: number | null;
  rural?: number | null;
}

export type CheckStatus = 'ok' | 'violated' | 'no-data';

export interface CheckResult {
  status: CheckStatus;
  /** Actual value in the standard's unit (rates), or the count held. */
  actual: number | null;
  /** The threshold in the same unit: a number, or [min, max] for a range. */
  required: number | [number, number] | null;
  /** Size of the gap in gap units (beds, staff, institutions); positive = missing, negative = excess. */
  gap: number | null;
  gapText: Bilingual | null;
}
