// A date filter given backwards is a 422 naming `from`, wherever dates filter (signals, events, KPIs, runs).
import { invalid } from '../platform/errors.ts';

export function checkDateRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to)
    throw invalid([{ path: 'from', message: { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' } }]);
}
