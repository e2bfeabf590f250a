// Entry point of the demo city generator: 新乡市 (4107) on its real division list, calibrated to the
// 2020 baseline of seed 000 and trending toward the 2025 plan. Pure and deterministic: the same areas,
// seed and options give the same city, byte for byte.

import { rngFor } from '../platform/prng.ts';
import { buildAreaTree } from './areas.ts';
import { BASELINE_2020 } from './calibration.ts';
import { UsccMaker } from './codes.ts';
import { placeTownships } from './geo.ts';
import { addMarketInstitutions } from './market-institutions.ts';
import { NameBook } from './names.ts';
import { buildNetworks } from './networks.ts';
import type { BuildContext } from './plan.ts';
import { buildPopulation, buildPopulationModel } from './population.ts';
import { addPublicInstitutions } from './public-institutions.ts';
import { buildResources } from './resources.ts';
import type { DemoAreaInput, DemoCity, DemoOptions } from './types.ts';

export const DEMO_DEFAULTS = { seed: 20201231, scale: 1, fromYear: 2016, toYear: 2025 } as const;

export function generateDemoCity(areas: readonly DemoAreaInput[], options: DemoOptions = {}): DemoCity {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const scale = options.scale ?? DEMO_DEFAULTS.scale;
  const fromYear = options.fromYear ?? DEMO_DEFAULTS.fromYear;
  const toYear = options.toYear ?? DEMO_DEFAULTS.toYear;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`invalid year range ${fromYear}..${toYear}`);
  }
  const counties = buildAreaTree(areas);
  if (counties.length === 0) throw new RangeError('the area list has no county-level (level 3) areas');
  placeTownships(rngFor(seed, 'geo'), counties);
  const models = buildPopulationModel(rngFor(seed, 'population-model'), counties);

  const ctx: BuildContext = {
    rng: rngFor(seed, 'public'),
    names: new NameBook(),
    uscc: new UsccMaker(rngFor(seed, 'uscc')),
    fromYear,
    toYear,
    plans: [],
  };
  const backbone = addPublicInstitutions(ctx, counties);
  ctx.rng = rngFor(seed, 'market');
  addMarketInstitutions(ctx, models, scale, Math.round(BASELINE_2020.institutions * scale));
  const networks = buildNetworks(ctx.plans, counties, backbone);

  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(y);
  return {
    institutions: ctx.plans.map((p) => p.inst),
    networks,
    resources: buildResources(ctx.plans, scale, years),
    population: buildPopulation(rngFor(seed, 'population'), models, scale, years),
  };
}
