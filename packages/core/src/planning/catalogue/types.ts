// Indicator definitions of the catalogue (指标库).

import type { Bilingual } from '../../platform/text.ts';
import type { PopulationKey, ResourceKey } from '../../registry/fields.ts';
import type { Direction, Unit } from '../types.ts';
import type { Expr, InstitutionWhere, ModuleMeasure } from './expr.ts';

export type Domain = '健康水平' | '健康生活' | '健康服务' | '健康保障' | '健康环境' | '健康产业';
export const DOMAINS: readonly Domain[] = ['健康水平', '健康生活', '健康服务', '健康保障', '健康环境', '健康产业'];
export const DOMAIN_EN: Record<Domain, string> = {
  健康水平: 'Health status',
  健康生活: 'Healthy living',
  健康服务: 'Health services',
  健康保障: 'Health security',
  健康环境: 'Health environment',
  健康产业: 'Health industry',
};

/** Where a reported value usually comes from. */
export type ReportedSource = 'statistical-yearbook' | 'survey' | 'vital-statistics' | 'administrative';
/** The module that will compute a reported indicator once it exists. */
export type FutureSource = 'care' | 'referral' | 'surveillance';
/** A module of the platform that computes catalogue indicators from its own records. */
export type ComputingModule = ModuleMeasure['module'];

export type Multiplier = 1 | 100 | 1000 | 10000 | 100000;

export type IndicatorSource =
  | {
      kind: 'formula';
      numerator: Expr;
      /** null for plain counts and sums (三级公立医院数量). */
      denominator: Expr | null;
      multiplier: Multiplier;
      note?: Bilingual;
    }
  | { kind: 'reported'; defaultSource: ReportedSource; futureSource?: FutureSource; note?: Bilingual }
  /**
   * Computed by another module of the platform from its own records (the planning engine asks that module's
   * service, never its tables): a formula whose numerator holds the module's measure ({module, measure}
   * components) over registry facts such as the population. For the years the module has no data for
   * (history before it existed, areas outside its reach) a value reported like a reported indicator's is
   * used; where the module has data its value takes precedence.
   */
  | {
      kind: 'module';
      module: ComputingModule;
      numerator: Expr;
      denominator: Expr | null;
      multiplier: Multiplier;
      /** Where a value reported for a year without module data usually comes from. */
      defaultSource: ReportedSource;
      note?: Bilingual;
    };

export interface IndicatorDef {
  /** Stable kebab-case code used in API, plans and imports. */
  code: string;
  zh: string;
  /** Other names seen in plans and statistics; the fuzzy matcher scores against these too. */
  aliases: readonly string[];
  en: string;
  unit: Unit | null;
  /** How the value is scaled: % → 100, ‰ and "per 1,000" → 1000, per 10,000 → 10000, 1/10万 → 100000. */
  multiplier: Multiplier;
  direction: Direction;
  domain: Domain;
  source: IndicatorSource;
  /** Decimals shown in tables (the stored value keeps full precision). */
  decimals: number;
}

// Builders keep the domain files readable: most resource indicators are "Σfield ÷ population × N".

export function perPopulation(
  sum: ResourceKey,
  multiplier: Multiplier,
  where?: InstitutionWhere,
  population: PopulationKey = 'resident',
): IndicatorSource {
  return {
    kind: 'formula',
    numerator: where ? { sum, where } : { sum },
    denominator: { population },
    multiplier,
  };
}

/** An indicator computed by `module`: Σ measure ÷ denominator × multiplier, reported where the module has no data. */
export function fromModule(
  measure: ModuleMeasure,
  denominator: Expr | null,
  multiplier: Multiplier,
  defaultSource: ReportedSource,
  note?: Bilingual,
): IndicatorSource {
  const s: IndicatorSource = {
    kind: 'module',
    module: measure.module,
    numerator: measure,
    denominator,
    multiplier,
    defaultSource,
  };
  if (note) s.note = note;
  return s;
}

export function reported(
  defaultSource: ReportedSource,
  futureSource?: FutureSource,
  note?: Bilingual,
): IndicatorSource {
  const s: IndicatorSource = { kind: 'reported', defaultSource };
  if (futureSource) s.futureSource = futureSource;
  if (note) s.note = note;
  return s;
}
