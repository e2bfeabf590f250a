import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digamma, lgamma, pnorm, ppois, pt, qgamma, qnbinom, qnorm, qpois, qt, trigamma } from './index.ts';

interface Row {
  f: string;
  value: number;
  p?: number;
  x?: number;
  lambda?: number;
  size?: number;
  prob?: number;
  df?: number;
  shape?: number;
}
const rows = JSON.parse(
  readFileSync(new URL('../../../test-fixtures/surveillance/distributions.json', import.meta.url), 'utf8'),
) as Row[];

function close(actual: number, expected: number, rel: number): void {
  if (expected === 0) expect(Math.abs(actual)).toBeLessThan(1e-300);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

describe('distribution functions agree with R', () => {
  const byF = (f: string) => rows.filter((r) => r.f === f);
  it('qpois equals R exactly', () => {
    const bad = byF('qpois').filter((r) => qpois(r.p!, r.lambda!) !== r.value);
    expect(bad).toEqual([]);
  });
  it('qnbinom equals R exactly', () => {
    const bad = byF('qnbinom').filter((r) => qnbinom(r.p!, r.size!, r.prob!) !== r.value);
    expect(bad).toEqual([]);
  });
  it('qnorm to 1e-14', () => {
    for (const r of byF('qnorm')) close(qnorm(r.p!), r.value, 1e-14);
  });
  it('pnorm to 1e-13', () => {
    for (const r of byF('pnorm')) close(pnorm(r.x!), r.value, 1e-13);
  });
  it('pt to 1e-10', () => {
    for (const r of byF('pt')) close(pt(r.x!, r.df!), r.value, 1e-10);
  });
  it('qt to 1e-9', () => {
    for (const r of byF('qt')) close(qt(r.p!, r.df!), r.value, 1e-9);
  });
  it('qgamma to 1e-9', () => {
    for (const r of byF('qgamma')) close(qgamma(r.p!, r.shape!), r.value, 1e-9);
  });
  it('digamma, trigamma and lgamma to 1e-13 (relative; absolute below 1)', () => {
    const d = byF('digamma');
    expect(d.length).toBeGreaterThan(10);
    const err = (got: number, want: number) => Math.abs(got - want) / Math.max(1, Math.abs(want));
    for (const r of d) expect([r.x, err(digamma(r.x!), r.value) < 1e-13]).toEqual([r.x, true]);
    for (const r of byF('trigamma')) close(trigamma(r.x!), r.value, 1e-13);
    for (const r of byF('lgamma')) expect([r.x, err(lgamma(r.x!), r.value) < 1e-13]).toEqual([r.x, true]);
  });
  it('ppois sums to one in the far tail', () => {
    expect(ppois(1e4, 10)).toBe(1);
  });
});
