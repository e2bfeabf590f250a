// City totals of one year, the figures seed 000 publishes, for tests and the demo's sanity checks.

import type { DemoCity, DemoInstitution } from './types.ts';

export interface DemoSummary {
  year: number;
  institutions: number;
  beds: number;
  doctors: number;
  nurses: number;
  healthTechnicians: number;
  gps: number;
  resident: number;
}

/** Open on 31 December of `year`, the statistics' reference date. */
export function isOpenIn(inst: Pick<DemoInstitution, 'openedOn' | 'closedOn'>, year: number): boolean {
  const ref = `${year}-12-31`;
  return inst.openedOn <= ref && (inst.closedOn === null || inst.closedOn > ref);
}

export function summariseDemo(city: DemoCity, year: number): DemoSummary {
  const s: DemoSummary = {
    year,
    institutions: 0,
    beds: 0,
    doctors: 0,
    nurses: 0,
    healthTechnicians: 0,
    gps: 0,
    resident: 0,
  };
  for (const i of city.institutions) if (isOpenIn(i, year)) s.institutions++;
  for (const r of city.resources) {
    if (r.year !== year) continue;
    s.beds += r.values.bedsActual ?? 0;
    s.doctors += r.values.doctors ?? 0;
    s.nurses += r.values.nurses ?? 0;
    s.healthTechnicians += r.values.healthTechnicians ?? 0;
    s.gps += r.values.generalPractitioners ?? 0;
  }
  for (const p of city.population) if (p.year === year) s.resident += p.values.resident ?? 0;
  return s;
}
