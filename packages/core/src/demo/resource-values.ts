// Turns an institution's allocated totals (beds, doctors, nurses, other technicians, GPs) into the full
// yearly return: bed subtypes, staff breakdowns, equipment and service volume. Fields an institution of
// that kind does not report stay null ("not reported" differs from 0 in a statistics return).
//
// Fixed draws p.u[i] used here: 0 occupancy, 1 length of stay, 2 approved-bed ratio, 3 open-bed ratio,
// 4 ICU, 5 convertible ICU, 6 paediatric, 7 rehabilitation, 8 infectious/psychiatric, 9 nursing,
// 10 emergency observation, 11 visits per doctor, 12 non-technical staff, 13 large equipment,
// 14 ambulances, 15 hospice. (Village clinics reuse 0–2 for their staffing in resources.ts.)

import { isHospital } from '../registry/categories.ts';
import type { ResourceValues } from '../registry/fields.ts';
import type { Plan } from './plan.ts';
import { PROFILES } from './profiles.ts';

export interface Allocation {
  doctors: number;
  nurses: number;
  others: number;
  beds: number;
  gps: number;
  villageDoctors: number;
}

const BED_KINDS = new Set([
  'hospital-tertiary',
  'hospital-county',
  'hospital-secondary',
  'hospital-tcm',
  'hospital-specialty',
  'hospital-private',
  'thc',
  'chc',
  'mch',
  'prevention',
  'centre',
]);
const AMBULANCE_KINDS = new Set([
  'hospital-tertiary',
  'hospital-county',
  'hospital-secondary',
  'hospital-tcm',
  'hospital-specialty',
  'hospital-private',
  'thc',
  'chc',
  'mch',
  'emergency',
]);

/** Service volume dipped in the epidemic years. */
const VISIT_FACTOR: Readonly<Record<number, number>> = { 2020: 0.85, 2021: 0.95, 2022: 0.88 };
const OCCUPANCY_SHIFT: Readonly<Record<number, number>> = { 2020: -0.07, 2021: -0.02, 2022: -0.05 };

function lerp([a, b]: readonly [number, number], t: number): number {
  return a + (b - a) * t;
}

function blank(): ResourceValues {
  return {
    bedsApproved: null,
    bedsActual: null,
    bedsOpen: null,
    bedsIcu: null,
    bedsIcuConvertible: null,
    bedsPediatric: null,
    bedsPsychiatric: null,
    bedsRehab: null,
    bedsInfectious: null,
    bedsNursing: null,
    bedsEmergencyObs: null,
    bedsHospice: null,
    staffTotal: null,
    healthTechnicians: null,
    doctors: null,
    assistantDoctors: null,
    nurses: null,
    pharmacists: null,
    technicians: null,
    generalPractitioners: null,
    tcmDoctors: null,
    publicHealthStaff: null,
    publicHealthDoctors: null,
    psychiatrists: null,
    pediatricians: null,
    villageDoctors: null,
    healthSupervisors: null,
    ambulances: null,
    ambulancesNegativePressure: null,
    largeEquipment: null,
    outpatientVisits: null,
    discharges: null,
    openBedDays: null,
    occupiedBedDays: null,
    dischargedBedDays: null,
  };
}

const daysIn = (year: number) => ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365);

export function deriveValues(p: Plan, a: Allocation, year: number): ResourceValues {
  const v = blank();
  const u = p.u;
  const profile = PROFILES[p.kind];
  const visitFactor = (VISIT_FACTOR[year] ?? 1) * (1 + 0.015 * (year - 2020));
  if (p.kind === 'village') {
    v.doctors = a.doctors;
    v.healthTechnicians = a.doctors;
    v.villageDoctors = a.villageDoctors;
    v.staffTotal = a.doctors + a.villageDoctors;
    v.outpatientVisits = Math.round(
      (a.doctors + a.villageDoctors) * lerp(profile.visitsPerDoctor ?? [0, 0], u[11]!) * visitFactor,
    );
    return v;
  }
  const cat = p.inst.category;
  const graded = isHospital(cat) && (p.inst.gradeLevel ?? 0) >= 2;
  const d = a.doctors;
  const ht = a.doctors + a.nurses + a.others;
  v.doctors = d;
  v.nurses = a.nurses;
  v.healthTechnicians = ht;
  v.staffTotal = ht + Math.round(ht * profile.otherStaff * (0.8 + 0.4 * u[12]!));
  v.generalPractitioners = a.gps;
  v.assistantDoctors = Math.round(d * profile.assistant);
  if (p.kind === 'supervision') {
    v.healthSupervisors = a.others;
    v.pharmacists = 0;
    v.technicians = 0;
  } else {
    const techShare =
      p.kind === 'cdc' || p.kind === 'blood' || p.kind === 'centre' ? 0.7 : p.kind === 'education' ? 0.2 : 0.42;
    const pharmShare = p.kind === 'cdc' || p.kind === 'blood' || p.kind === 'education' ? 0.02 : 0.4;
    v.technicians = Math.round(a.others * techShare);
    v.pharmacists = Math.min(a.others - v.technicians, Math.round(a.others * pharmShare));
  }
  // Specialist doctors, capped together at the doctor count.
  const tcm =
    cat === 'D22' || cat === 'D12'
      ? 0.9
      : cat === 'A2'
        ? 0.55
        : cat === 'D23' || cat === 'D13' || cat === 'A3'
          ? 0.45
          : profile.tcm;
  const ped = cat === 'A59' ? 0.7 : cat === 'A58' ? 0.15 : profile.pediatric;
  const psych = cat === 'A5A' ? 0.6 : profile.psychiatric;
  let phDoctors = 0;
  if (p.kind === 'cdc') phDoctors = Math.round(d * 0.6);
  else if (graded || p.kind === 'hospital-county') phDoctors = 2 + Math.round(d * 0.004);
  else if (p.kind === 'thc' || p.kind === 'chc') phDoctors = 1 + Math.floor(u[13]! * 3);
  else if (p.kind === 'mch') phDoctors = Math.round(d * 0.05);
  const parts = [Math.round(d * tcm), Math.round(d * ped), Math.round(d * psych), phDoctors];
  const sum = parts.reduce((x, y) => x + y, 0);
  const [t1, t2, t3, t4] = sum > d ? parts.map((x) => Math.floor((x * d) / sum)) : parts;
  v.tcmDoctors = t1!;
  v.pediatricians = t2!;
  v.psychiatrists = t3!;
  v.publicHealthDoctors = t4!;
  v.publicHealthStaff = Math.round(ht * profile.publicHealthStaff);

  if (BED_KINDS.has(p.kind)) fillBeds(v, p, a.beds, year, graded);

  if (AMBULANCE_KINDS.has(p.kind)) {
    const amb =
      p.kind === 'emergency'
        ? Math.round(ht * 0.25)
        : graded || p.kind === 'hospital-county'
          ? Math.max(2, Math.round((a.beds / 180) * (0.8 + 0.4 * u[14]!)))
          : p.kind === 'thc' || p.kind === 'mch'
            ? 1 + Math.floor(u[14]! * 2)
            : Math.floor(u[14]! * 2);
    v.ambulances = amb;
    const npShare = year < 2020 ? 0 : year === 2020 ? 0.08 : year === 2021 ? 0.18 : 0.25;
    v.ambulancesNegativePressure =
      graded || p.kind === 'emergency' || p.kind === 'hospital-county' ? Math.round(amb * npShare) : 0;
  }
  if (isHospital(cat) || p.kind === 'mch' || p.kind === 'thc' || cat === 'Z3') {
    const per = p.kind === 'hospital-tertiary' ? 150 : graded || p.kind === 'hospital-county' ? 350 : 0;
    v.largeEquipment =
      cat === 'Z3'
        ? 2 + Math.floor(u[13]! * 4)
        : per > 0
          ? Math.round((a.beds / per) * (0.8 + 0.4 * u[13]!))
          : p.kind === 'thc'
            ? u[13]! < 0.3
              ? 1
              : 0
            : Math.round(u[13]! * 2);
  }
  if (profile.visitsPerDoctor !== null) {
    v.outpatientVisits = Math.round(d * lerp(profile.visitsPerDoctor, u[11]!) * visitFactor);
  }
  return v;
}

/** Subtype shares of open beds for this institution (main specialty first so it is never crowded out). */
function bedShares(p: Plan, graded: boolean, year: number): [keyof ResourceValues, number][] {
  const u = p.u;
  const cat = p.inst.category;
  const general = cat === 'A1';
  const out: [keyof ResourceValues, number][] = [];
  const main: Record<string, keyof ResourceValues> = {
    A59: 'bedsPediatric',
    A5A: 'bedsPsychiatric',
    A5H: 'bedsRehab',
    Z8: 'bedsRehab',
    A5B: 'bedsInfectious',
    A7: 'bedsNursing',
    Z9: 'bedsNursing',
    Z7: 'bedsHospice',
  };
  const m = main[cat];
  if (m) out.push([m, cat === 'A5B' ? 0.8 : cat === 'A59' ? 0.85 : 0.9]);
  if (graded && (general || cat === 'A2' || cat === 'A3' || cat === 'A59' || cat === 'A54' || cat === 'A58'))
    out.push(['bedsIcu', 0.02 + 0.03 * u[4]!]);
  if (cat === 'A58' || p.kind === 'mch') out.push(['bedsPediatric', p.kind === 'mch' ? 0.3 : 0.12]);
  if (general || cat === 'A2' || cat === 'A3') out.push(['bedsPediatric', (graded ? 0.04 : 0.02) + 0.04 * u[6]!]);
  if (p.kind === 'thc') out.push(['bedsPediatric', 0.02 + 0.03 * u[6]!]);
  if (general && graded && u[8]! < 0.4) out.push(['bedsPsychiatric', 0.02]);
  if (general || cat === 'A2' || cat === 'A3') out.push(['bedsRehab', 0.02 + 0.04 * u[7]!]);
  if (p.kind === 'thc' || p.kind === 'chc') out.push(['bedsRehab', 0.03 + 0.07 * u[7]!]);
  if (general && graded) out.push(['bedsInfectious', 0.02 + 0.02 * u[8]!]);
  if (p.kind === 'thc') out.push(['bedsInfectious', 0.03 * u[8]!]);
  // Nursing beds in primary care rise toward the plan's ≥20 %.
  if (p.kind === 'thc' || p.kind === 'chc')
    out.push(['bedsNursing', (0.05 + 0.12 * u[9]!) * (1 + 0.06 * Math.max(0, year - 2016))]);
  if (graded && (general || cat === 'A2')) out.push(['bedsEmergencyObs', (general ? 0.02 : 0.01) + 0.01 * u[10]!]);
  if (year >= 2019 && (p.kind === 'thc' || p.kind === 'chc') && u[15]! < 0.3) out.push(['bedsHospice', 0.02]);
  if (year >= 2019 && general && graded && u[15]! < 0.2) out.push(['bedsHospice', 0.01]);
  return out;
}

function fillBeds(v: ResourceValues, p: Plan, beds: number, year: number, graded: boolean): void {
  const u = p.u;
  const isPublic = p.inst.ownership !== 'private';
  v.bedsActual = beds;
  v.bedsApproved = Math.round(beds * (isPublic ? 0.85 + 0.2 * u[2]! : 0.95 + 0.05 * u[2]!));
  v.bedsOpen = Math.round(beds * (0.93 + 0.07 * u[3]!));
  const open = v.bedsOpen;
  for (const key of [
    'bedsIcu',
    'bedsPediatric',
    'bedsPsychiatric',
    'bedsRehab',
    'bedsInfectious',
    'bedsNursing',
    'bedsEmergencyObs',
  ] as const)
    v[key] = 0;
  // Convertible ICU beds and hospice beds entered the returns later: earlier years are "not reported".
  v.bedsIcuConvertible = year >= 2021 ? (graded ? Math.round(open * (0.01 + 0.03 * u[5]!)) : 0) : null;
  v.bedsHospice = year >= 2019 ? 0 : null;
  let left = open;
  for (const [key, share] of bedShares(p, graded, year)) {
    const n = Math.min(left, Math.round(open * share));
    v[key] = (v[key] ?? 0) + n;
    left -= n;
  }
  if (open === 0) {
    v.openBedDays = 0;
    v.occupiedBedDays = 0;
    v.dischargedBedDays = 0;
    v.discharges = 0;
    return;
  }
  const profile = PROFILES[p.kind];
  const occupancy = Math.min(0.95, Math.max(0.7, lerp(profile.occupancy, u[0]!) + (OCCUPANCY_SHIFT[year] ?? 0)));
  const longStay: Record<string, readonly [number, number]> = {
    A5A: [45, 70],
    A5H: [20, 30],
    Z8: [25, 40],
    A7: [60, 120],
    Z9: [60, 120],
    Z7: [15, 25],
    A5B: [10, 14],
    A54: [10, 13],
  };
  const alos = lerp(longStay[p.inst.category] ?? profile.alos, u[1]!);
  v.openBedDays = open * daysIn(year);
  v.occupiedBedDays = Math.round(v.openBedDays * occupancy);
  v.discharges = Math.round(v.occupiedBedDays / alos);
  v.dischargedBedDays = Math.round(v.occupiedBedDays * (0.95 + 0.04 * u[2]!));
}
