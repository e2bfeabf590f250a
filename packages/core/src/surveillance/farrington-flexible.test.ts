import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DetectionInputError } from './errors.ts';
import type { FarringtonFlexibleParams } from './farrington-flexible.ts';
import { farringtonFlexible } from './farrington-flexible.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const cases = JSON.parse(
  readFileSync(new URL('../../test-fixtures/surveillance/farrington-flexible.json', import.meta.url), 'utf8'),
) as RCase[];

describe('farringtonFlexible reproduces R surveillance 1.20.3', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = farringtonFlexible(
        { observed: c.observed, frequency: c.frequency, range: c.range, population: c.population },
        c.params as FarringtonFlexibleParams,
      );
      expect(mismatches(c, got)).toEqual([]);
    });
  }

  it('refuses a range without b full years of reference data (R stops too)', () => {
    const c = cases[0] as RCase;
    expect(() => farringtonFlexible({ observed: c.observed, frequency: 52, range: [100, 110] }, { b: 5 })).toThrow(
      DetectionInputError,
    );
  });
});
