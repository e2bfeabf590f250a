// Medical networks of the demo city: every county's 紧密型县域医共体 led by its 人民医院, with the
// county's health centres and village clinics as members (县乡一体、乡村一体), and one or two 城市医疗集团
// led by city hospitals that take in the primary care of the districts and zones.

import type { County } from './areas.ts';
import type { Plan } from './plan.ts';
import type { PublicBackbone } from './public-institutions.ts';
import type { DemoNetwork } from './types.ts';

const PRIMARY_KINDS = new Set(['thc', 'chc', 'chs', 'village']);

export function buildNetworks(
  plans: readonly Plan[],
  counties: readonly County[],
  backbone: PublicBackbone,
): DemoNetwork[] {
  const networks: DemoNetwork[] = [];
  const networkOfCounty = new Map<string, string>();
  for (const c of counties) {
    const lead = backbone.countyHospitals.get(c.code);
    if (!lead) continue;
    const key = `ncc-${c.code}`;
    networks.push({
      key,
      name: `${c.short}紧密型县域医共体`,
      type: 'county-medical-community',
      countyCode: c.code,
      leadKey: lead.inst.key,
    });
    lead.inst.networkKey = key;
    networkOfCounty.set(c.code, key);
  }
  const groups = backbone.cityLeads.map((lead, i) => {
    const key = `nug-${i + 1}`;
    networks.push({
      key,
      name: `${lead.inst.name}城市医疗集团`,
      type: 'urban-medical-group',
      countyCode: lead.inst.countyCode,
      leadKey: lead.inst.key,
    });
    lead.inst.networkKey = key;
    return key;
  });
  // Districts and zones without a county network join the city groups in turn.
  const urban = counties.filter((c) => !networkOfCounty.has(c.code));
  urban.forEach((c, i) => {
    if (groups.length > 0) networkOfCounty.set(c.code, groups[i % groups.length]!);
  });
  for (const p of plans) {
    if (!PRIMARY_KINDS.has(p.kind) || p.inst.networkKey !== null) continue;
    // Private stations stay outside; private village clinics are managed by the THC all the same (乡村一体).
    if (p.inst.ownership === 'private' && p.kind !== 'village') continue;
    p.inst.networkKey = networkOfCounty.get(p.inst.countyCode) ?? null;
  }
  return networks;
}
