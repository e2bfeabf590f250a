// Calendar arithmetic on ISO `YYYY-MM-DD` dates, the way PostgreSQL does it (`date + interval 'n months'` keeps
// the day and clamps to the month's end: 01-31 + 1 month = 02-28), so the SQL measures and these rules agree.
// Everything works in UTC days: a date here is a calendar date, never an instant.

// Integer day numbers (days since 1970-01-01) by Howard Hinnant's civil-calendar algorithms: the demo
// generator and the evaluator do millions of these, and a Date plus toISOString per step is ten times dearer.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const dayNumber = (date: string): number =>
  daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function addDays(date: string, days: number): string {
  return civilFromDays(dayNumber(date) + days);
}

/** Adds calendar months, clamping the day to the target month's last day (PostgreSQL's rule). */
export function addMonths(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const last = tm === 2 && isLeap(ty) ? 29 : MONTH_DAYS[tm - 1]!;
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${String(ty).padStart(4, '0')}-${tm < 10 ? '0' : ''}${tm}-${d < 10 ? '0' : ''}${d}`;
}

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
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
