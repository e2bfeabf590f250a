// Yearly resources of every open institution. The city totals of the year (beds, doctors, nurses,
// technicians, GPs) come from the calibration ratios × resident population; they are apportioned over
// the open institutions by size, so 2020 matches seed 000 to the unit and other years follow the
// trend. Village clinics are counted first since their staff is fixed per clinic (0–1 licensed doctor).

import type { ResourceValues } from '../registry/fields.ts';
import { apportion } from './apportion.ts';
import { ratioIn } from './calibration.ts';
import { isOpen, type Plan } from './plan.ts';
import { cityResident } from './population.ts';
import { PROFILES } from './profiles.ts';
import { type Allocation, deriveValues } from './resource-values.ts';
import type { DemoResourceRow } from './types.ts';

/** Share of village clinics with a licensed (assistant) doctor, rising as village doctors qualify. */
function villageDoctorShare(year: number): number {
  return Math.min(0.9, Math.max(0.05, 0.25 + 0.04 * (year - 2016)));
}

/** Village doctors (乡村医生) of a clinic: 1–3, one retiring at a drawn year. */
function villageDoctors(p: Plan, year: number, hasDoctor: boolean): number {
  const base = p.u[1]! < 0.45 ? 1 : p.u[1]! < 0.85 ? 2 : 3;
  const retired = base >= 2 && year >= 2017 + Math.floor(p.u[2]! * 14) ? 1 : 0;
  return Math.max(hasDoctor ? 0 : 1, base - retired);
}

/** New institutions staff up over their first two years. */
function ramp(p: Plan, year: number, fromYear: number): number {
  if (p.openYear < fromYear) return 1;
  const k = year - p.openYear;
  return k <= 0 ? 0.5 : k === 1 ? 0.8 : 1;
}

export function allocateYear(open: readonly Plan[], year: number, scale: number, fromYear: number): Allocation[] {
  const resident = cityResident(year, scale);
  const target = (key: Parameters<typeof ratioIn>[0]) => Math.round((ratioIn(key, year) * resident) / 1000);
  const allocations: Allocation[] = open.map(() => ({
    doctors: 0,
    nurses: 0,
    others: 0,
    beds: 0,
    gps: 0,
    villageDoctors: 0,
  }));
  const staffed: number[] = [];
  let villageDoctorsLicensed = 0;
  const share = villageDoctorShare(year);
  open.forEach((p, i) => {
    if (p.kind === 'village') {
      const hasDoctor = p.u[0]! < share;
      allocations[i]!.doctors = hasDoctor ? 1 : 0;
      allocations[i]!.villageDoctors = villageDoctors(p, year, hasDoctor);
      if (hasDoctor) villageDoctorsLicensed++;
    } else staffed.push(i);
  });
  const w = staffed.map((i) => {
    const p = open[i]!;
    return p.size * (1 + p.growth) ** (year - 2020) * ramp(p, year, fromYear);
  });
  const profile = (k: number) => PROFILES[open[staffed[k]!]!.kind];
  const floors = staffed.map((_, k) => profile(k).minDoctors);
  const floorSum = floors.reduce((a, b) => a + b, 0);
  const doctors = apportion(
    target('doctors') - villageDoctorsLicensed - floorSum,
    w.map((x, k) => x * profile(k).staff[0]),
  );
  const nurses = apportion(
    target('nurses'),
    w.map((x, k) => x * profile(k).staff[1]),
  );
  const others = apportion(
    target('healthTechnicians') - target('doctors') - target('nurses'),
    w.map((x, k) => x * profile(k).staff[2]),
  );
  const beds = apportion(
    target('bedsActual'),
    w.map((x, k) => x * open[staffed[k]!]!.bedsPerHt),
  );
  staffed.forEach((i, k) => {
    const a = allocations[i]!;
    a.doctors = doctors[k]! + floors[k]!;
    a.nurses = nurses[k]!;
    a.others = others[k]!;
    a.beds = beds[k]!;
  });
  const gps = apportion(
    target('generalPractitioners'),
    staffed.map((i, k) => allocations[i]!.doctors * profile(k).gp),
    staffed.map((i) => allocations[i]!.doctors),
  );
  staffed.forEach((i, k) => {
    allocations[i]!.gps = gps[k]!;
  });
  return allocations;
}

export function buildResources(plans: readonly Plan[], scale: number, years: readonly number[]): DemoResourceRow[] {
  const rows: DemoResourceRow[] = [];
  const fromYear = years[0] ?? 2016;
  for (const year of years) {
    const open = plans.filter((p) => isOpen(p, year));
    const allocations = allocateYear(open, year, scale, fromYear);
    open.forEach((p, i) => {
      const values: ResourceValues = deriveValues(p, allocations[i]!, year);
      rows.push({ institutionKey: p.inst.key, year, values });
    });
  }
  return rows;
}
