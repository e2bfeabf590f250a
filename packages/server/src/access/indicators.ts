// The access context's module measures for the plan indicator access-15min (15分钟内可到达医疗机构住户占比):
// households within 15 minutes of the nearest medical institution (categories A–D) on the city's current road
// network by car (drive profile), and all households, per area (villages summed by code prefix). Only for years
// from the network's import to the current one, with the institutions open at each year's end: a road network
// has no history, so earlier years keep their reported (survey) values. Areas of cities without a network: no data.
import type { IndicatorProvider, MeasureValue } from '../platform/module.ts';
import { currentYear } from '../registry/index.ts';
import { listNetworks } from './networks-repo.ts';
import { cityOf } from './networks-service.ts';
import type { AccessServices } from './services.ts';

export const ACCESS_MINUTES = 15;

type Measure = 'households-within-15min' | 'households';

async function compute(s: AccessServices, measure: Measure, areas: readonly string[], from: number, to: number) {
  const out = new Map<string, MeasureValue>();
  const now = currentYear();
  for (const city of new Set(areas.filter((a) => a.length >= 4).map(cityOf))) {
    const network = await s.networks.loaded(city);
    if (!network) continue;
    const first = Math.max(from, Number(network.network.createdAt.slice(0, 4)));
    for (let year = first; year <= Math.min(to, now); year++) {
      const t = await s.analysis.nearestTable(city, {}, year);
      for (const area of areas) {
        if (cityOf(area) !== city) continue;
        let value = 0;
        t.places.villages.forEach((v, i) => {
          if (!v.code.startsWith(area)) return;
          const m = t.minutes[i];
          if (measure === 'households' || (m !== null && m !== undefined && m <= ACCESS_MINUTES)) value += v.households;
        });
        out.set(`${area}:${year}`, { value, asOf: network.network.createdAt });
      }
    }
  }
  return (area: string, year: number) => out.get(`${area}:${year}`);
}

export function accessIndicatorProviders(s: AccessServices): IndicatorProvider[] {
  return (['households-within-15min', 'households'] as const).map((measure) => ({
    module: 'access',
    measure,
    compute: (_tree, areas, from, to) => compute(s, measure, areas, from, to),
    // The network, the profiles and every registry change of the city (institutions, population) key it.
    version: async (prefix) => {
      const cities =
        prefix.length >= 4
          ? [cityOf(prefix)]
          : (await listNetworks(s.db, prefix)).filter((n) => n.isCurrent).map((n) => n.cityCode);
      return (await Promise.all(cities.map((c) => s.analysis.version(c)))).join('|');
    },
  }));
}
