// Township population by year: the city total follows the calibration (6.25 M in 2020, about flat),
// split over townships by a fixed size weight and a drift that moves people from 乡 to city streets.
// Every band and the sex split are apportioned so they add up to the resident count exactly.

import type { Rng } from '../platform/prng.ts';
import type { PopulationValues } from '../registry/fields.ts';
import { apportion } from './apportion.ts';
import type { County, Township } from './areas.ts';
import { AGE_BANDS, ageShares, BASELINE_2020, birthRate, deathRate, populationFactor } from './calibration.ts';
import type { DemoPopulationRow } from './types.ts';

export interface TownshipModel {
  township: Township;
  /** 2020 size weight; also where clinics and private hospitals go. */
  weight: number;
  /** Yearly drift of the township's share (urbanisation). */
  drift: number;
  registeredRatio: number;
  maleShare: number;
  urban: boolean;
}

export function buildPopulationModel(rng: Rng, counties: readonly County[]): TownshipModel[] {
  const models: TownshipModel[] = [];
  for (const c of counties) {
    const avgVillages = c.townships.reduce((s, t) => s + t.villages.length, 0) / Math.max(1, c.townships.length) || 1;
    for (const t of c.townships) {
      const urban = t.kind === 'street' || t.urbanVillages > t.ruralVillages;
      const base =
        t.kind === 'street'
          ? c.kind === 'district'
            ? 48_000
            : 36_000
          : t.kind === 'town'
            ? 42_000
            : t.kind === 'township'
              ? 30_000
              : 8000;
      const villageFactor = 0.6 + 0.4 * Math.min(2.5, t.villages.length / avgVillages);
      models.push({
        township: t,
        weight: base * rng.range(0.75, 1.25) * villageFactor,
        drift: urban
          ? rng.range(0.006, 0.018)
          : t.kind === 'township'
            ? rng.range(-0.014, -0.004)
            : rng.range(-0.008, 0.002),
        // Rural townships register more people than live there (work elsewhere); city streets the reverse.
        registeredRatio: urban ? rng.range(0.86, 0.97) : rng.range(1.03, 1.16),
        maleShare: rng.range(0.497, 0.507),
        urban,
      });
    }
  }
  return models;
}

/** City resident total for `year` at `scale`; the resource model uses the same figure as its denominator. */
export function cityResident(year: number, scale: number): number {
  return Math.round(BASELINE_2020.resident * scale * populationFactor(year));
}

export function buildPopulation(
  rng: Rng,
  models: readonly TownshipModel[],
  scale: number,
  years: readonly number[],
): DemoPopulationRow[] {
  const rows: DemoPopulationRow[] = [];
  if (models.length === 0) return rows;
  for (const year of years) {
    const weights = models.map((m) => m.weight * (1 + m.drift) ** (year - 2020));
    const residents = apportion(cityResident(year, scale), weights);
    const shares = ageShares(year);
    models.forEach((m, i) => {
      const resident = residents[i]!;
      const male = Math.round(resident * m.maleShare);
      const values: PopulationValues = {
        resident,
        registered: Math.round(resident * m.registeredRatio),
        male,
        female: resident - male,
        age0To2: null,
        age3To6: null,
        age7To14: null,
        age15To59: null,
        age60To64: null,
        age65Plus: null,
        births: null,
        deaths: null,
      };
      // Villages are older than city streets: more 65+, fewer of working age.
      const local = shares.map(
        (s, k) => s * (k === 5 ? (m.urban ? 0.85 : 1.15) : k === 3 ? (m.urban ? 1.04 : 0.97) : 1),
      );
      const bands = apportion(resident, local);
      AGE_BANDS.forEach((band, k) => {
        values[band] = bands[k] ?? 0;
      });
      values.births = Math.round(((resident * birthRate(year)) / 1000) * rng.range(0.9, 1.1));
      values.deaths = Math.round(((resident * deathRate(year)) / 1000) * (m.urban ? 0.9 : 1.08) * rng.range(0.9, 1.1));
      rows.push({ areaCode: m.township.code, year, values });
    });
  }
  return rows;
}
