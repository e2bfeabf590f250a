import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CusumParams } from './cusum.ts';
import { cusum } from './cusum.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const cases = JSON.parse(
  readFileSync(new URL('../../test-fixtures/surveillance/cusum.json', import.meta.url), 'utf8'),
) as RCase[];

describe('CUSUM reproduces R surveillance algo.cusum', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = cusum({ observed: c.observed, frequency: c.frequency, range: c.range }, c.params as CusumParams);
      expect(mismatches(c, got, 1e-8)).toEqual([]);
    });
  }
});
