import { describe, expect, it } from 'vitest';
import { preview } from './fixtures.ts';
import { initialWizard, planInput, readiness, reduceWizard, stateOf, targetOf, type WizardState } from './wizard.ts';

const parsed = (): WizardState => reduceWizard(initialWizard, { type: 'parsed', preview });

describe('plan import wizard state', () => {
  it('moves to the review with confident links confirmed and the others waiting', () => {
    const s = parsed();
    expect(s.step).toBe(1);
    expect(s.rows[2]).toEqual({ catalogueCode: 'life_expectancy', confirmed: true });
    expect(s.rows[3]).toEqual({ catalogueCode: 'beds_per_1000', confirmed: false });
    expect(s.period).toEqual({ baselineYear: 2020, periodStart: 2021, periodEnd: 2025 });
    expect(readiness(s)).toEqual({ unconfirmed: 1, unparsed: 1, ready: false });
  });

  it('derives the period from the baseline year when the table gives no period', () => {
    const s = reduceWizard(initialWizard, {
      type: 'parsed',
      preview: { ...preview, plan: { baselineYear: 2015, periodStart: null, periodEnd: null } },
    });
    expect(s.period).toEqual({ baselineYear: 2015, periodStart: 2016, periodEnd: 2020 });
  });

  it('confirm-all leaves low-confidence links for a person', () => {
    const s = reduceWizard(parsed(), { type: 'confirmAll' });
    expect(s.rows[3]?.confirmed).toBe(false);
    const picked = reduceWizard(s, { type: 'row', row: 3, patch: { catalogueCode: null, confirmed: true } });
    expect(readiness(picked).unconfirmed).toBe(0);
  });

  it('is ready once every row is confirmed and the plan has a name and a region', () => {
    let s = reduceWizard(parsed(), { type: 'row', row: 3, patch: { confirmed: true } });
    expect(readiness(s).ready).toBe(false);
    s = reduceWizard(s, { type: 'name', name: '  新乡市卫生健康规划 ' });
    s = reduceWizard(s, { type: 'region', region: { code: '4107', name: '新乡市' }, code: '4107' });
    expect(readiness(s).ready).toBe(true);
    expect(s.regionCode).toBe('4107');
  });

  it('a target structured by hand replaces the parsed one and is sent; parsed ones are left to the server', () => {
    let s = reduceWizard(parsed(), {
      type: 'row',
      row: 3,
      patch: { target: { kind: 'threshold', op: '>=', value: 7, unit: '张', text: '适度增长' }, confirmed: true },
    });
    const row3 = preview.rows[1];
    if (!row3) throw new Error('fixture');
    expect(stateOf(targetOf(s.rows, row3))).toBe('ok');
    expect(readiness(s).unparsed).toBe(0);
    s = reduceWizard(s, { type: 'name', name: ' 规划 ' });
    const body = planInput(preview, s.rows, { code: '4107', name: '新乡市' }, s.name, s.period);
    expect(body).toMatchObject({ regionCode: '4107', name: '规划', baselineYear: 2020, sourceFile: 'plan.xlsx' });
    expect(body.indicators[0]).not.toHaveProperty('target');
    expect(body.indicators[0]).toMatchObject({ catalogueCode: 'life_expectancy', matchConfidence: 0.97 });
    expect(body.indicators[1]).toMatchObject({
      catalogueCode: 'beds_per_1000',
      matchConfidence: 0.6,
      target: { kind: 'threshold', value: 7 },
    });
  });

  it('restart returns to the source step and keeps the pasted text', () => {
    const s = reduceWizard(reduceWizard(parsed(), { type: 'text', text: 'x' }), { type: 'restart' });
    expect(s).toMatchObject({ step: 0, preview: null, rows: {}, text: 'x' });
  });
});
