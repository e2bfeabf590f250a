import { describe, expect, it } from 'vitest';
import { populationAgainstParts, sumParts } from './population-consistency.ts';

const 辉县市 = { zh: '辉县市', en: 'Huixian' };

describe('a total against its parts', () => {
  const parts = sumParts(
    [
      { resident: 60_000, male: 30_500, births: null },
      { resident: 40_000, male: 20_000 },
    ],
    3,
  );

  it('sums recorded figures per field and counts who recorded them', () => {
    expect(parts.sum).toEqual({ resident: 100_000, male: 50_500 });
    expect(parts.recorded).toEqual({ resident: 2, male: 2 });
  });

  it('refuses a total below what the parts already record, naming the field and both figures', () => {
    const r = populationAgainstParts({ resident: 150_000, male: 0 }, parts, 辉县市, 'total');
    expect(r.errors).toEqual([
      {
        field: 'male',
        message: {
          zh: '男性（0）小于下级区划已填报之和（50,500）',
          en: 'Male (0) is less than the sum already recorded for the sub-areas (50,500)',
        },
      },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('tells the person entering a part to correct the total first', () => {
    const r = populationAgainstParts({ male: 50_000 }, parts, 辉县市, 'part');
    expect(r.errors[0]?.message.zh).toBe(
      '男性：辉县市各下级区划之和将为 50,500，超过辉县市已填报的总数（50,000）；请先修改辉县市的总数',
    );
  });

  it('leaves room while some parts record nothing', () => {
    expect(populationAgainstParts({ resident: 180_000 }, parts, 辉县市, 'total')).toEqual({ errors: [], warnings: [] });
  });

  it('warns, without refusing, when every part records the field and the total is larger', () => {
    const all = sumParts([{ resident: 60_000 }, { resident: 40_000 }], 2);
    const r = populationAgainstParts({ resident: 100_500 }, all, 辉县市, 'total');
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.field)).toEqual(['resident']);
    expect(populationAgainstParts({ resident: 100_000 }, all, 辉县市, 'total').warnings).toEqual([]);
  });
});
