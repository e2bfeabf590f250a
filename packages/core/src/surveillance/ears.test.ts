import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EarsMethod, EarsParams } from './ears.ts';
import { ears } from './ears.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const cases = JSON.parse(
  readFileSync(new URL('../../test-fixtures/surveillance/ears.json', import.meta.url), 'utf8'),
) as RCase[];

describe('EARS C1/C2/C3 reproduce R surveillance earsC (and the CDC C3 definition)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const method = c.algorithm.slice(5).toUpperCase() as EarsMethod;
      const got = ears(
        method,
        { observed: c.observed, frequency: c.frequency, range: c.range },
        c.params as EarsParams,
      );
      expect(mismatches(c, got, 1e-9)).toEqual([]);
    });
  }

  it('R variant of C3 ignores the current day: a huge count alone does not alarm', () => {
    const observed = [3, 4, 3, 5, 4, 3, 4, 3, 4, 5, 4, 3, 4, 60];
    const input = { observed, frequency: 365 as const, range: [13, 13] as const };
    expect(ears('C3', input, { variant: 'r' }).alarm).toEqual([false]);
    expect(ears('C3', input, { variant: 'cdc' }).alarm).toEqual([true]);
  });
});
