// Registry facts as the components of catalogue formulas, per area and year: the registry's area-facts
// service does the aggregation (one SQL pass per kind, bucketed through the tree valid in each year); this
// file only names each component by its componentKey() so formulas can look their values up.
import { type Component, componentKey } from '@weijian/core/planning';
import type { AreaTree } from '@weijian/core/registry';
import type { AreaFactsService, AreaYearFacts, FactMeasure } from '../registry/index.ts';

export { areaYearKey } from '../registry/index.ts';
export type AreaYearComponents = AreaYearFacts;

export type FactComponent = Exclude<Component, { reported: string } | { module: string }>;

const measureOf = (c: FactComponent): FactMeasure => ({ key: componentKey(c), ...c });

/**
 * Component values of every area in `areas` for every year in [from, to]. Counts are null for an area
 * without any registered institution (an area the registry does not cover has unknown counts, not zero).
 */
export function aggregateFacts(
  facts: AreaFactsService,
  tree: AreaTree,
  components: readonly FactComponent[],
  areas: readonly string[],
  from: number,
  to: number,
): Promise<Map<string, AreaYearComponents>> {
  return facts.aggregate(tree, components.map(measureOf), areas, from, to);
}
