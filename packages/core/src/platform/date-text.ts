// Dates as people and spreadsheets type them, brought to ISO form: shared by every file import (case cards,
// stream counts, care records).

const pad = (n: string | number) => String(n).padStart(2, '0');

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const DATETIME_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+|T)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?\s*分?$/;

/**
 * Dates as people and Excel write them (2024/5/28, 2024年5月28日, 2024-05-28 0:00) → 2024-05-28; date-times
 * (2024/5/29 9:05) → 2024-05-29 09:05. Anything else is left for the card check to name.
 */
export function normaliseDateText(s: string, kind: 'date' | 'datetime'): string {
  const d = DATE_TEXT.exec(s);
  if (d) return `${d[1]}-${pad(d[2]!)}-${pad(d[3]!)}`;
  const t = DATETIME_TEXT.exec(s);
  if (!t) return s;
  const day = `${t[1]}-${pad(t[2]!)}-${pad(t[3]!)}`;
  const time = `${pad(t[4]!)}:${pad(t[5]!)}${t[6] && +t[6] !== 0 ? `:${pad(t[6])}` : ''}`;
  if (kind === 'datetime') return `${day} ${time}`;
  // A date column holding a date-time: midnight is Excel's way of showing a plain date.
  return time === '00:00' ? day : s;
}
