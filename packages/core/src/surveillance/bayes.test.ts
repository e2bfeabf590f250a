import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BayesParams } from './bayes.ts';
import { bayes } from './bayes.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const cases = JSON.parse(
  readFileSync(new URL('../../test-fixtures/surveillance/bayes.json', import.meta.url), 'utf8'),
) as RCase[];

describe('Bayes reproduces R surveillance algo.bayes', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = bayes({ observed: c.observed, frequency: c.frequency, range: c.range }, c.params as BayesParams);
      expect(mismatches(c, got, 0)).toEqual([]);
    });
  }
});
