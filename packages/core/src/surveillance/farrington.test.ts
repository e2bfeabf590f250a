import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FarringtonParams } from './farrington.ts';
import { farrington } from './farrington.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const cases = JSON.parse(
  readFileSync(new URL('../../test-fixtures/surveillance/farrington.json', import.meta.url), 'utf8'),
) as RCase[];

describe('farrington (1996) reproduces R surveillance algo.farrington', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = farrington(
        { observed: c.observed, frequency: c.frequency, range: c.range, population: c.population },
        c.params as FarringtonParams,
      );
      expect(mismatches(c, got)).toEqual([]);
    });
  }
});
