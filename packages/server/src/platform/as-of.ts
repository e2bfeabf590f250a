// "Data as of": the latest change behind a computed figure, as an ISO timestamp (or null when unknown).

/** A timestamp column's value (Date from pg, string from PGlite) as an ISO string. */
export const isoTime = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

/** The later of two ISO timestamps, either of which may be unknown. */
export const laterTime = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a > b ? a : b;
