// 重点人群 of 家庭医生签约: derived from the record (age, managed programmes) plus the flags entered by hand.
import { ageAt } from './dates.ts';
import type { CareEnrolment, CareResident, Program } from './types.ts';

export const KEY_FLAGS = [
  'elderly',
  'hypertension',
  'diabetes',
  'smd',
  'tb',
  'pregnant',
  'child',
  'disabled',
  'poor',
] as const;
export type KeyFlag = (typeof KEY_FLAGS)[number];

/** Managed at a date: enrolled on or before it and not ended before it (an end on the date still counts). */
export const managedAt = (e: Pick<CareEnrolment, 'start' | 'end'>, at: string): boolean =>
  e.start <= at && (e.end === null || e.end >= at);

const PROGRAM_FLAG: Record<Program, KeyFlag> = {
  hypertension: 'hypertension',
  diabetes: 'diabetes',
  smd: 'smd',
  tb: 'tb',
  maternal: 'pregnant',
  child: 'child',
};

/**
 * The key-population flags of a resident at a date: 65+, children 0–6 (under 7), each programme they are
 * managed in at the date (a maternal enrolment = pregnant), and the hand-entered 残疾/贫困 flags. `enrolments`
 * may hold other residents' enrolments; only this resident's are read.
 */
export function keyPopulation(
  resident: Pick<CareResident, 'id' | 'birthDate' | 'disabled' | 'poor'>,
  enrolments: readonly CareEnrolment[],
  atDate: string,
): KeyFlag[] {
  const flags = new Set<KeyFlag>();
  const age = ageAt(resident.birthDate, atDate);
  if (age >= 65) flags.add('elderly');
  if (age >= 0 && age < 7) flags.add('child');
  for (const e of enrolments)
    if (e.resident === resident.id && managedAt(e, atDate)) flags.add(PROGRAM_FLAG[e.program]);
  if (resident.disabled) flags.add('disabled');
  if (resident.poor) flags.add('poor');
  return KEY_FLAGS.filter((f) => flags.has(f));
}

/**
 * Whether the flags put a resident in the key population of the `family-doctor-signing-key` indicator
 * (issue 15 §6: 65+, managed in any programme, pregnant, children 0–6). 残疾/贫困 are flags of the record but
 * not part of that definition, so two counts of the same file never disagree on them.
 */
export const inIndicatorKeyPopulation = (flags: readonly KeyFlag[]): boolean =>
  flags.some((f) => f !== 'disabled' && f !== 'poor');
