/**
 * Period arithmetic of the signal engine. Days are counted from 1970-01-01; weeks start on Monday
 * (week 0 begins 1969-12-29). Weekly series use frequency 52, so "the same week last year" is 52
 * weeks back (364 days): a 53-week year shifts the comparison by a day, as in R surveillance's
 * index-based (non-date) series.
 */
import type { Frequency } from './types.ts';

export type PeriodUnit = 'day' | 'week';

const DAY = 86_400_000;

export function dayIndex(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY);
}

export function dateOfDay(index: number): string {
  return new Date(index * DAY).toISOString().slice(0, 10);
}

export function periodIndex(unit: PeriodUnit, date: string): number {
  const d = dayIndex(date);
  return unit === 'day' ? d : Math.floor((d + 3) / 7);
}

/** First day (ISO date) of a period. */
export function periodStart(unit: PeriodUnit, index: number): string {
  return dateOfDay(unit === 'day' ? index : index * 7 - 3);
}

/** Last day (ISO date) of a period. */
export function periodEnd(unit: PeriodUnit, index: number): string {
  return dateOfDay(unit === 'day' ? index : index * 7 + 3);
}

export const frequencyOf = (unit: PeriodUnit): Frequency => (unit === 'day' ? 365 : 52);

export function addDays(date: string, days: number): string {
  return dateOfDay(dayIndex(date) + days);
}
