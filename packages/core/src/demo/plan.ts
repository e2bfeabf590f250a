// The generator's working record of an institution: the public DemoInstitution plus the hidden traits
// (size, growth, fixed random draws) from which its yearly resources are derived. Fixing the draws per
// institution keeps a hospital's ICU share or occupancy stable from year to year instead of jittering.

import type { Rng } from '../platform/prng.ts';
import type { County, Township } from './areas.ts';
import type { UsccMaker, UsccPrefix } from './codes.ts';
import { placeNear } from './geo.ts';
import type { NameBook } from './names.ts';
import { type Kind, PROFILES } from './profiles.ts';
import type { DemoInstitution } from './types.ts';

export interface Plan {
  inst: DemoInstitution;
  kind: Kind;
  /** Health technicians at full operation in 2020 (a relative weight, scaled to the city totals). */
  size: number;
  /** Actual beds per health technician; 0 for institutions without beds. */
  bedsPerHt: number;
  growth: number;
  openYear: number;
  closeYear: number | null;
  /** Fixed uniform draws in [0, 1) used by the resource model (see resources.ts for their meaning). */
  u: Float64Array;
}

export const DRAWS = 16;

/** Open on 31 December of `year`, the reference date of the statistics. */
export function isOpen(p: Plan, year: number): boolean {
  return p.openYear <= year && (p.closeYear === null || p.closeYear > year);
}

export interface BuildContext {
  rng: Rng;
  names: NameBook;
  uscc: UsccMaker;
  fromYear: number;
  toYear: number;
  plans: Plan[];
}

export interface PlanInput {
  key: string;
  name: string;
  category: string;
  kind: Kind;
  county: County;
  township?: Township;
  areaCode?: string;
  gradeLevel?: 1 | 2 | 3 | null;
  gradeClass?: '甲' | '乙' | '丙' | null;
  ownership: DemoInstitution['ownership'];
  forProfit?: boolean;
  uscc: UsccPrefix | null;
  size: number;
  bedsPerHt: number;
  openedOn: string;
  closedOn?: string | null;
  /** Radius around the township (or county) centre, km. */
  spreadKm?: number;
}

export function date(rng: Rng, year: number): string {
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addPlan(ctx: BuildContext, input: PlanInput): Plan {
  const { rng } = ctx;
  const [gMin, gMax] = PROFILES[input.kind].growth;
  const growth = rng.range(gMin, gMax);
  const centre = input.township ?? input.county;
  const spot = placeNear(rng, centre.lng, centre.lat, input.spreadKm ?? (input.township ? 2 : 4));
  const closedOn = input.closedOn ?? null;
  const inst: DemoInstitution = {
    key: input.key,
    name: input.name,
    uscc: input.uscc === null ? null : ctx.uscc.make(input.uscc, input.county.code),
    category: input.category,
    gradeLevel: input.gradeLevel ?? null,
    gradeClass: input.gradeClass ?? null,
    ownership: input.ownership,
    forProfit: input.forProfit ?? false,
    areaCode: input.areaCode ?? input.township?.code ?? input.county.code,
    countyCode: input.county.code,
    lng: spot.lng,
    lat: spot.lat,
    openedOn: input.openedOn,
    closedOn,
    networkKey: null,
  };
  const u = new Float64Array(DRAWS);
  for (let i = 0; i < DRAWS; i++) u[i] = rng.next();
  const plan: Plan = {
    inst,
    kind: input.kind,
    size: input.size,
    bedsPerHt: input.bedsPerHt,
    growth,
    openYear: Number(input.openedOn.slice(0, 4)),
    closeYear: closedOn === null ? null : Number(closedOn.slice(0, 4)),
    u,
  };
  ctx.plans.push(plan);
  return plan;
}
