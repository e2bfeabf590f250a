/**
 * Response KPIs of the early-warning system, as CIDARS reports them: response timeliness (share of
 * events verified within their deadline), median response time (creation → verified, hours), signals
 * per county per week, and positive predictive value (confirmed events / all events). Events still being verified count as late once their deadline has passed.
 */

export interface KpiEvent {
  countyCode: string;
  createdAt: string;
  verifyDeadline: string;
  verifiedAt: string | null;
  state: string;
  confirmed: boolean;
}

export interface Kpis {
  events: number;
  verified: number;
  /** Verified within the deadline / events due (verified, or past their deadline), 0–1; null if none due. */
  timeliness: number | null;
  medianResponseHours: number | null;
  signals: number;
  counties: number;
  weeks: number;
  signalsPerCountyWeek: number | null;
  confirmed: number;
  /** Confirmed events / all events (CIDARS' positive predictive value); null without events. */
  ppv: number | null;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function computeKpis(
  events: readonly KpiEvent[],
  signals: number,
  opts: { counties: number; from: string; to: string; now: string },
): Kpis {
  const weeks = Math.max(1, (Date.parse(opts.to) - Date.parse(opts.from)) / (7 * 86_400_000) + 1 / 7);
  let due = 0;
  let inTime = 0;
  const hours: number[] = [];
  let verified = 0;
  let confirmed = 0;
  for (const e of events) {
    if (e.confirmed) confirmed++;
    if (e.verifiedAt) {
      verified++;
      due++;
      if (e.verifiedAt <= e.verifyDeadline) inTime++;
      hours.push((Date.parse(e.verifiedAt) - Date.parse(e.createdAt)) / 3_600_000);
    } else if (e.verifyDeadline < opts.now) {
      due++;
    }
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const med = median(hours);
  return {
    events: events.length,
    verified,
    timeliness: due ? r(inTime / due) : null,
    medianResponseHours: med === null ? null : r(med),
    signals,
    counties: opts.counties,
    weeks: r(weeks),
    signalsPerCountyWeek: opts.counties ? r(signals / opts.counties / weeks) : null,
    confirmed,
    ppv: events.length ? r(confirmed / events.length) : null,
  };
}
