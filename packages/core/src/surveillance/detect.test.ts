import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import { DetectionInputError } from './errors.ts';
import type { RCase } from './test-support.ts';
import { mismatches } from './test-support.ts';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../test-fixtures/surveillance/${name}.json`, import.meta.url), 'utf8'),
  ) as RCase[];

describe('detect() dispatcher', () => {
  it('runs every R-pinned fixture through the JSON request shape', () => {
    for (const file of ['farrington', 'farrington-flexible', 'ears', 'cusum', 'bayes', 'glrnb']) {
      for (const c of fixture(file)) {
        const got = detect(JSON.parse(JSON.stringify({ ...c, r: undefined })));
        expect([c.name, mismatches(c, got)]).toEqual([c.name, []]);
      }
    }
  });

  it('runs the non-R detectors', () => {
    const observed = Array.from({ length: 3 * 52 + 20 }, (_, t) => 3 + (t % 5));
    for (const algorithm of ['mpm', 'ewma', 'regression', 'switch', 'fixed']) {
      const r = detect({ algorithm, frequency: 52, observed, range: [3 * 52 + 10, 3 * 52 + 19], params: {} });
      expect(r.alarm).toHaveLength(10);
    }
  });

  const bad: [unknown, string][] = [
    [null, 'request'],
    [{ algorithm: 'magic', frequency: 52, observed: [1], range: [0, 0] }, 'algorithm'],
    [{ algorithm: 'bayes', frequency: 7, observed: [1], range: [0, 0] }, 'frequency'],
    [{ algorithm: 'bayes', frequency: 52, observed: [1, -2], range: [0, 1] }, 'observed[1]'],
    [{ algorithm: 'bayes', frequency: 52, observed: [1, 2], range: [1, 2] }, 'range'],
    [{ algorithm: 'bayes', frequency: 52, observed: [1, 2], population: [1], range: [0, 1] }, 'population'],
    [
      { algorithm: 'bayes', frequency: 52, observed: [1, 2, 3, 4, 5, 6, 7, 8], range: [7, 7], params: { alpha: 2 } },
      'params.alpha',
    ],
    [
      {
        algorithm: 'farrington-flexible',
        frequency: 52,
        observed: [1, 2],
        range: [1, 1],
        params: { thresholdMethod: 'x' },
      },
      'params.thresholdMethod',
    ],
    [{ algorithm: 'cusum', frequency: 52, observed: [1, 2], range: [1, 1], params: { trans: 'log' } }, 'params.trans'],
  ];
  for (const [req, field] of bad) {
    it(`rejects bad ${field} with a bilingual message`, () => {
      try {
        detect(req);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DetectionInputError);
        const err = e as DetectionInputError;
        expect(err.field).toBe(field);
        expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(err.en).toContain(field.split('[')[0]);
      }
    });
  }
});
