// Calendar arithmetic on ISO `YYYY-MM-DD` dates, the way PostgreSQL does it (`date + interval 'n months'` keeps
// the day and clamps to the month's end: 01-31 + 1 month = 02-28), so the SQL measures and these rules agree.
// Everything works in UTC days: a date here is a calendar date, never an instant.

const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function iso(t: Date): string {
  return t.toISOString().slice(0, 10);
}

function utc(y: number, m: number, d: number): Date {
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return iso(utc(y, m, d + days));
}

/** Adds calendar months, clamping the day to the target month's last day (PostgreSQL's rule). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const last = utc(ty, tm + 1, 0).getUTCDate();
  return iso(utc(ty, tm, Math.min(d, last)));
}

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((utc(y2, m2, d2).getTime() - utc(y1, m1, d1).getTime()) / DAY_MS);
}

/** Completed years of age at `at` (a person born on 02-29 turns a year older on 03-01 in common years). */
export function ageAt(birthDate: string, at: string): number {
  const years = Number(at.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return at.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Calendar quarter (1–4) of a date. */
export const quarterOf = (date: string): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;

/** Last day of the quarter a date is in. */
export function quarterEnd(date: string): string {
  return `${date.slice(0, 4)}-${['', '03-31', '06-30', '09-30', '12-31'][quarterOf(date)]}`;
}

/** First day of the quarter a date is in. */
export function quarterStart(date: string): string {
  const q = quarterOf(date);
  return `${date.slice(0, 4)}-${String(q * 3 - 2).padStart(2, '0')}-01`;
}

export const yearEnd = (year: number): string => `${String(year).padStart(4, '0')}-12-31`;
export const yearStart = (year: number): string => `${String(year).padStart(4, '0')}-01-01`;

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
