import { describe, expect, it } from 'vitest';
import { chinaDateOf, chinaDayStart, chinaToday, chinaYear, fixedClock, systemClock } from './clock.ts';

describe('Beijing calendar', () => {
  it('is a day ahead of UTC between 00:00 and 08:00 Beijing time', () => {
    // 17:00 UTC on 1 March is 01:00 on 2 March in Beijing.
    const clock = fixedClock('2026-03-01T17:00:00Z');
    expect(clock.now().toISOString().slice(0, 10)).toBe('2026-03-01');
    expect(chinaToday(clock.now())).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-01T17:00:00Z')).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(chinaDateOf('2026-03-02T01:00:00+08:00')).toBe('2026-03-02');
  });

  it('turns the year at midnight in Beijing', () => {
    expect(chinaYear(fixedClock('2025-12-31T15:59:59Z').now())).toBe(2025);
    expect(chinaYear(fixedClock('2025-12-31T16:00:00Z').now())).toBe(2026);
    expect(chinaToday(fixedClock('2025-12-31T16:00:00Z').now())).toBe('2026-01-01');
  });

  it('starts a China day at 16:00 UTC the day before', () => {
    expect(chinaDayStart('2024-02-01')).toBe('2024-01-31T16:00:00.000Z');
    expect(chinaDateOf(chinaDayStart('2024-02-01'))).toBe('2024-02-01');
    expect(() => chinaDayStart('2024-13-01')).toThrow(RangeError);
  });

  it('offers a fixed clock for tests and the system clock by default', () => {
    const clock = fixedClock('2026-03-01T17:00:00Z');
    expect(clock.now().getTime()).toBe(clock.now().getTime());
    expect(() => fixedClock('yesterday')).toThrow(RangeError);
    const before = Date.now();
    const t = systemClock.now().getTime();
    expect(t >= before && t <= Date.now()).toBe(true);
  });
});
