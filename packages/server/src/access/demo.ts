// The access context's demo part: a synthetic road network for the demo city (core syntheticNetwork over the
// registry's counties, townships and villages), marked synthetic, unless the city already has an imported
// network (a real extract is never replaced by the demo). Cleared with the demo unless imported.
import { lineCount, syntheticNetwork } from '@weijian/core/access';
import { currentYear } from '../registry/index.ts';
import { currentNetwork, deleteSyntheticNetworks } from './networks-repo.ts';
import { cityPlaces, syntheticInput } from './places.ts';
import type { AccessServices } from './services.ts';

const DEMO_ACTOR = { principal: null, username: 'weijian demo', ip: null };

export async function loadAccessDemo(s: AccessServices, city: string) {
  const existing = await currentNetwork(s.db, city);
  if (existing && !existing.synthetic) return { network: existing.id, synthetic: false, lines: existing.lines };
  const started = performance.now();
  const places = await cityPlaces(await s.areas.tree(), s.institutions, city, currentYear());
  const lines = syntheticNetwork(syntheticInput(places));
  const name = `${(await s.areas.tree()).get(city)?.name ?? city}合成路网（演示）`;
  const row = await s.networks.store(DEMO_ACTOR, {
    city,
    name,
    source: 'synthetic',
    profile: 'drive',
    synthetic: true,
    fileName: null,
    lines,
  });
  return { network: row.id, synthetic: true, lines: lineCount(lines), ms: Math.round(performance.now() - started) };
}

export async function clearAccessDemo(s: AccessServices, city: string) {
  await s.db.tx(async (q) => {
    await q.query('delete from access_scenarios where area_code like $1', [`${city}%`]);
    await deleteSyntheticNetworks(q, city);
  });
}
