// "Today" and every calendar rule of the system are Beijing's (Asia/Shanghai), whatever zone the server runs
// in: a task due today is late only once the day is over in China, a report's January is China's January.
// China has kept UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact and no time-zone
// database is needed. Services take a `Clock` so tests can stand at any instant, e.g. 01:00 Beijing time,
// when the UTC date is still yesterday's.

/** Milliseconds Beijing time is ahead of UTC. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `iso` (any instant `Date.parse` reads, e.g. `2026-03-01T17:00:00Z`). */
export function fixedClock(iso: string): Clock {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`fixedClock: not a date-time: ${iso}`);
  return { now: () => new Date(t) };
}

/** The calendar date (YYYY-MM-DD) in China of an instant given as an ISO timestamp. */
export function chinaDateOf(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date (YYYY-MM-DD) in China. */
export function chinaToday(now: Date = systemClock.now()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The current year in China. */
export function chinaYear(now: Date = systemClock.now()): number {
  return new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
}

/** The instant (ISO timestamp) a China calendar date (YYYY-MM-DD) begins: 00:00 Beijing time. */
export function chinaDayStart(date: string): string {
  const t = Date.parse(`${date}T00:00:00+08:00`);
  if (Number.isNaN(t)) throw new RangeError(`chinaDayStart: not a date: ${date}`);
  return new Date(t).toISOString();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `s` is a real calendar date written YYYY-MM-DD. `Date.parse` alone is no check: V8 reads
 * 2023-02-30 as 2 March, and PostgreSQL then refuses the same text.
 */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
