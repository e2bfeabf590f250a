import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GlrnbParams } from './glrnb.ts';
import { glrnb } from './glrnb.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const cases = JSON.parse(
  readFileSync(new URL('../../test-fixtures/surveillance/glrnb.json', import.meta.url), 'utf8'),
) as RCase[];

describe('Poisson GLR reproduces R surveillance algo.glrnb (alpha = 0)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = glrnb({ observed: c.observed, frequency: c.frequency, range: c.range }, c.params as GlrnbParams);
      expect(mismatches(c, got, 1e-7)).toEqual([]);
    });
  }
});
