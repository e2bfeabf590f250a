import { describe, expect, it } from 'vitest';
import { validatePopulationValues, validateResourceValues } from './validate-facts.ts';

describe('validateResourceValues', () => {
  it('accepts a consistent report with unreported fields', () => {
    expect(
      validateResourceValues({
        bedsActual: 500,
        bedsOpen: 480,
        doctors: 200,
        nurses: 260,
        healthTechnicians: 600,
        staffTotal: 700,
      }),
    ).toEqual([]);
  });
  it('rejects negative and fractional counts, naming the field in Chinese', () => {
    const issues = validateResourceValues({ bedsActual: -1, nurses: 2.5 });
    expect(issues.map((i) => i.field)).toEqual(['bedsActual', 'nurses']);
    expect(issues[0]!.message.zh).toContain('实有床位');
  });
  it('rejects a part larger than its whole', () => {
    const issues = validateResourceValues({ ambulances: 2, ambulancesNegativePressure: 3 });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message.zh).toBe('其中：负压救护车（3）不能大于救护车（2）');
  });
});

describe('validatePopulationValues', () => {
  it('checks sex and age bands against the resident population', () => {
    expect(validatePopulationValues({ resident: 100, male: 50, female: 50 })).toEqual([]);
    expect(validatePopulationValues({ resident: 100, male: 50, female: 49 })[0]!.field).toBe('male');
    const bands = { age0To2: 3, age3To6: 5, age7To14: 10, age15To59: 60, age60To64: 7, age65Plus: 14 };
    expect(validatePopulationValues({ resident: 100, ...bands })[0]!.message.en).toContain('Age bands sum to 99');
    expect(validatePopulationValues({ resident: 99, ...bands })).toEqual([]);
  });
});
