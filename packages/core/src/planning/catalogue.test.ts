import { describe, expect, it } from 'vitest';
import { CARE_INDICATOR_CODES } from '../care/types.ts';
import { POPULATION_FIELDS, RESOURCE_FIELDS } from '../registry/fields.ts';
import {
  aggregateComponents,
  CATALOGUE,
  componentKey,
  type Expr,
  evaluateIndicator,
  type InstitutionFacts,
  indicatorByCode,
  indicatorComponents,
  matchesWhere,
  sumComponentValues,
} from './catalogue.ts';
import { UNITS } from './types.ts';

// A small county: a public 三级 general hospital, a private 二级 hospital, a government 一级 TCM hospital,
// a township health centre and a CDC. Numbers are chosen so every expected value is easy to check by hand.
const INSTITUTIONS: InstitutionFacts[] = [
  {
    family: 'hospital',
    category: 'A100',
    grade: 3,
    ownership: 'government',
    values: {
      bedsActual: 1000,
      bedsOpen: 900,
      bedsIcu: 40,
      bedsPediatric: 60,
      bedsPsychiatric: 20,
      bedsRehab: 30,
      healthTechnicians: 1500,
      doctors: 400,
      nurses: 700,
      pharmacists: 50,
      generalPractitioners: 10,
      tcmDoctors: 20,
      publicHealthStaff: 5,
      psychiatrists: 4,
      pediatricians: 30,
      healthSupervisors: null,
      ambulances: 6,
      ambulancesNegativePressure: 2,
      outpatientVisits: 600_000,
      discharges: 40_000,
      openBedDays: 328_500,
      occupiedBedDays: 295_650,
      dischargedBedDays: 320_000,
    },
  },
  {
    family: 'hospital',
    category: 'A100',
    grade: 2,
    ownership: 'private',
    values: {
      bedsActual: 200,
      bedsOpen: 100,
      bedsIcu: 2,
      healthTechnicians: 150,
      doctors: 50,
      nurses: 80,
      pharmacists: 5,
      tcmDoctors: 2,
      pediatricians: 5,
      ambulances: 1,
      ambulancesNegativePressure: 0,
      outpatientVisits: 100_000,
      discharges: 5_000,
      openBedDays: 36_500,
      occupiedBedDays: 29_200,
      dischargedBedDays: 40_000,
    },
  },
  {
    family: 'hospital',
    category: 'A200',
    grade: 1,
    ownership: 'government',
    values: {
      bedsActual: 100,
      bedsOpen: 100,
      healthTechnicians: 80,
      doctors: 30,
      nurses: 40,
      pharmacists: 5,
      tcmDoctors: 20,
      outpatientVisits: 100_000,
      discharges: 2_000,
      openBedDays: 36_500,
      occupiedBedDays: 18_250,
      dischargedBedDays: 16_000,
    },
  },
  {
    family: 'primary',
    category: 'C210',
    grade: null,
    ownership: 'government',
    values: {
      bedsActual: 100,
      healthTechnicians: 70,
      doctors: 20,
      nurses: 20,
      pharmacists: 0,
      generalPractitioners: 30,
      tcmDoctors: 8,
      publicHealthStaff: 15,
      outpatientVisits: 200_000,
      openBedDays: 36_500,
      occupiedBedDays: 18_250,
    },
  },
  {
    family: 'public-health',
    category: 'J100',
    grade: null,
    ownership: 'government',
    values: { healthTechnicians: 100, doctors: 0, publicHealthStaff: 80, healthSupervisors: 20 },
  },
];
const POPULATION = { resident: 400_000, age0To2: 10_000, age3To6: 15_000, age7To14: 35_000 };

function value(code: string, institutions = INSTITUTIONS, population: Record<string, number | null> = POPULATION) {
  const def = indicatorByCode(code);
  if (!def) throw new Error(`no indicator ${code}`);
  const values = aggregateComponents(indicatorComponents(def), institutions, population);
  return evaluateIndicator(def, values);
}

describe('catalogue: formula indicators on a hand-made county', () => {
  it.each([
    // Σ实有床位 1000+200+100+100 = 1400 ÷ 400,000 × 1,000
    ['beds-per-1000', 3.5],
    // private hospital only: 200 ÷ 400,000 × 1,000
    ['private-hospital-beds-per-1000', 0.5],
    ['pediatric-beds-per-1000', 0.15],
    ['psychiatric-beds-per-1000', 0.05],
    ['rehab-beds-per-1000', 0.075],
    // 1500+150+80+70+100 = 1900
    ['health-technicians-per-1000', 4.75],
    // 400+50+30+20+0 = 500
    ['doctors-per-1000', 1.25],
    // 20+2+20+8 = 50
    ['tcm-doctors-per-1000', 0.125],
    // 700+80+40+20 = 840
    ['nurses-per-1000', 2.1],
    // 50+5+5+0 = 60
    ['pharmacists-per-1000', 0.15],
    // 5+15+80 = 100
    ['public-health-staff-per-1000', 0.25],
    // 10+30 = 40 ÷ 400,000 × 10,000
    ['gps-per-10000', 1],
    ['psychiatrists-per-10000', 0.1],
    // only the CDC reported supervisors (the hospital's null is "not reported", not 0)
    ['health-supervisors-per-10000', 0.5],
    // 35 paediatricians ÷ 60,000 children × 1,000
    ['pediatricians-per-1000-children', 35 / 60],
    ['ambulances-per-10000', 0.175],
    // 2 ÷ 7 × 100
    ['negative-pressure-ambulance-share', 200 / 7],
    // 二级+ hospitals: ICU 42 ÷ open 1000 × 100
    ['icu-bed-share-2plus', 4.2],
    // 840 nurses ÷ 500 doctors
    ['doctor-nurse-ratio', 1.68],
    // hospital nurses 820 ÷ hospital open beds 1100
    ['bed-nurse-ratio', 820 / 1100],
    // public (incl. government) 三级 hospitals
    ['tertiary-public-hospitals', 1],
    // 320,000 ÷ 40,000
    ['tertiary-hospital-alos', 8],
    // occupied 361,350 ÷ open 438,000 × 100
    ['bed-occupancy', (361_350 / 438_000) * 100],
    // primary 200,000 ÷ 1,000,000 × 100
    ['county-primary-visit-share', 20],
  ])('%s = %d', (code, expected) => {
    const v = value(code);
    expect(v).not.toBeNull();
    expect(v as number).toBeCloseTo(expected, 10);
  });

  it('every formula indicator has a test above', () => {
    const tested = new Set([
      'beds-per-1000',
      'private-hospital-beds-per-1000',
      'pediatric-beds-per-1000',
      'psychiatric-beds-per-1000',
      'rehab-beds-per-1000',
      'health-technicians-per-1000',
      'doctors-per-1000',
      'tcm-doctors-per-1000',
      'nurses-per-1000',
      'pharmacists-per-1000',
      'public-health-staff-per-1000',
      'gps-per-10000',
      'psychiatrists-per-10000',
      'health-supervisors-per-10000',
      'pediatricians-per-1000-children',
      'ambulances-per-10000',
      'negative-pressure-ambulance-share',
      'icu-bed-share-2plus',
      'doctor-nurse-ratio',
      'bed-nurse-ratio',
      'tertiary-public-hospitals',
      'tertiary-hospital-alos',
      'bed-occupancy',
      'county-primary-visit-share',
    ]);
    const formulas = CATALOGUE.filter((d) => d.source.kind === 'formula').map((d) => d.code);
    expect(new Set(formulas)).toEqual(tested);
  });

  it('is null when the population is unknown or zero, or nothing was reported', () => {
    expect(value('beds-per-1000', INSTITUTIONS, { resident: null })).toBeNull();
    expect(value('beds-per-1000', INSTITUTIONS, { resident: 0 })).toBeNull();
    expect(value('beds-per-1000', [], POPULATION)).toBeNull();
    expect(
      value('pediatricians-per-1000-children', INSTITUTIONS, { resident: 1, age0To2: 1, age3To6: null }),
    ).toBeNull();
  });

  it('counts are 0, not null, when no institution matches', () => {
    expect(value('tertiary-public-hospitals', INSTITUTIONS.slice(1))).toBe(0);
  });
});

describe('catalogue: aggregation recomputes from components', () => {
  it('a city value is Σnumerators ÷ Σdenominators, not the mean of county ratios', () => {
    const def = indicatorByCode('beds-per-1000');
    if (!def) throw new Error('missing');
    const comps = indicatorComponents(def);
    const a = aggregateComponents(
      comps,
      [{ family: 'hospital', category: 'A1', grade: 2, ownership: 'other-public', values: { bedsActual: 600 } }],
      { resident: 100_000 },
    );
    const b = aggregateComponents(
      comps,
      [{ family: 'hospital', category: 'A1', grade: 2, ownership: 'other-public', values: { bedsActual: 300 } }],
      { resident: 300_000 },
    );
    expect(evaluateIndicator(def, a)).toBe(6);
    expect(evaluateIndicator(def, b)).toBe(1);
    // mean of ratios would be 3.5; the true city value is 900 ÷ 400,000 × 1,000
    expect(evaluateIndicator(def, sumComponentValues([a, b]))).toBe(2.25);
  });

  it('sumComponentValues keeps null only when every child is null', () => {
    expect(sumComponentValues([{ x: null, y: 1 }, { x: null, y: null }, { y: 2 }])).toEqual({ x: null, y: 3 });
    expect(sumComponentValues([{ x: null }, { x: 4 }])).toEqual({ x: 4 });
  });

  it('module indicators divide the module measure by registry facts; a city sums both first', () => {
    const def = indicatorByCode('notifiable-disease-incidence');
    if (!def) throw new Error('missing');
    const measure = 'module:surveillance/notifiable-cases';
    // What it depends on: the surveillance measure, the population, and its own reported values (the
    // fallback for years without surveillance data).
    expect(indicatorComponents(def)).toEqual([
      { module: 'surveillance', measure: 'notifiable-cases' },
      { population: 'resident' },
      { reported: 'notifiable-disease-incidence' },
    ]);
    const a = aggregateComponents(indicatorComponents(def), [], { resident: 200_000 }, {}, { [measure]: 300 });
    const b = aggregateComponents(indicatorComponents(def), [], { resident: 800_000 }, {}, { [measure]: 200 });
    expect(evaluateIndicator(def, a)).toBe(150);
    expect(evaluateIndicator(def, b)).toBe(25);
    expect(evaluateIndicator(def, sumComponentValues([a, b]))).toBe(50);
    // No module data (or no population): no value, never zero.
    expect(evaluateIndicator(def, { [measure]: null, 'population:resident': 1000 })).toBeNull();
    expect(evaluateIndicator(def, { [measure]: 3, 'population:resident': null })).toBeNull();
    // A reported value alone is not the computed value: the engine chooses between the two.
    expect(evaluateIndicator(def, { 'reported:notifiable-disease-incidence': 180 })).toBeNull();
  });

  it('reported indicators read their entered value', () => {
    const def = indicatorByCode('life-expectancy');
    if (!def) throw new Error('missing');
    expect(indicatorComponents(def)).toEqual([{ reported: 'life-expectancy' }]);
    expect(evaluateIndicator(def, { 'reported:life-expectancy': 78.2 })).toBe(78.2);
    expect(evaluateIndicator(def, {})).toBeNull();
  });
});

describe('catalogue: expressions', () => {
  it('component keys do not depend on filter order', () => {
    const a: Expr = { sum: 'bedsActual', where: { family: ['hospital', 'primary'], ownership: ['private'] } };
    const b: Expr = { sum: 'bedsActual', where: { ownership: ['private'], family: ['primary', 'hospital'] } };
    expect(componentKey(a)).toBe(componentKey(b));
    expect(componentKey({ sum: 'bedsActual' })).toBe('sum:bedsActual');
    expect(componentKey({ module: 'surveillance', measure: 'notifiable-cases' })).toBe(
      'module:surveillance/notifiable-cases',
    );
  });

  it('filters by family, category prefix, grade and ownership (public includes government)', () => {
    const inst: InstitutionFacts = {
      family: 'hospital',
      category: 'A511',
      grade: 2,
      ownership: 'government',
      values: {},
    };
    expect(matchesWhere(inst, { category: ['A5'] })).toBe(true);
    expect(matchesWhere(inst, { category: ['A1'] })).toBe(false);
    expect(matchesWhere(inst, { minGrade: 2 })).toBe(true);
    expect(matchesWhere(inst, { minGrade: 3 })).toBe(false);
    expect(matchesWhere(inst, { ownership: ['public'] })).toBe(true);
    expect(matchesWhere(inst, { ownership: ['private'] })).toBe(false);
    expect(matchesWhere({ ...inst, grade: null }, { minGrade: 1 })).toBe(false);
    expect(matchesWhere({ ...inst, ownership: 'other-public' }, { ownership: ['public'] })).toBe(true);
    expect(matchesWhere({ ...inst, ownership: 'other-public' }, { ownership: ['government'] })).toBe(false);
    expect(matchesWhere({ ...inst, ownership: 'private' }, { ownership: ['public'] })).toBe(false);
  });
});

describe('catalogue: definitions', () => {
  it('codes are unique and names do not collide', () => {
    const codes = CATALOGUE.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    const names = CATALOGUE.flatMap((d) => [d.zh, ...d.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every definition is well formed', () => {
    const resourceKeys = new Set<string>(RESOURCE_FIELDS.map((f) => f.key));
    const populationKeys = new Set<string>(POPULATION_FIELDS.map((f) => f.key));
    for (const d of CATALOGUE) {
      expect(d.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.zh.length).toBeGreaterThan(1);
      expect(d.en.length).toBeGreaterThan(1);
      if (d.unit !== null) expect(UNITS).toContain(d.unit);
      if (d.unit === '%') expect(d.multiplier).toBe(100);
      if (d.unit === '‰') expect(d.multiplier).toBe(1000);
      if (d.unit === '1/10万') expect(d.multiplier).toBe(100000);
      if (d.source.kind === 'formula' || d.source.kind === 'module') {
        expect(d.source.multiplier).toBe(d.multiplier);
        for (const c of indicatorComponents(d)) {
          if ('sum' in c) expect(resourceKeys).toContain(c.sum);
          if ('population' in c) expect(populationKeys).toContain(c.population);
        }
      }
    }
  });

  it('modules not built yet are marked as the future source', () => {
    const future = (code: string) => {
      const s = indicatorByCode(code)?.source;
      return s?.kind === 'reported' ? s.futureSource : undefined;
    };
    expect(future('prenatal-screening')).toBe('care');
    expect(future('county-visit-rate')).toBe('referral');
    expect(future('nosocomial-infection')).toBe('surveillance');
    expect(future('health-literacy')).toBeUndefined();
  });

  it('甲乙类法定传染病报告发病率 is computed by the surveillance module, reported before its data', () => {
    const s = indicatorByCode('notifiable-disease-incidence')?.source;
    expect(s).toMatchObject({
      kind: 'module',
      module: 'surveillance',
      numerator: { module: 'surveillance', measure: 'notifiable-cases' },
      denominator: { population: 'resident' },
      multiplier: 100000,
      defaultSource: 'administrative',
    });
    expect(CATALOGUE.filter((d) => d.source.kind === 'module' && d.source.module === 'surveillance').length).toBe(1);
  });

  it('the care indicators are computed by the care module, each with its definition', () => {
    const care = CATALOGUE.filter((d) => d.source.kind === 'module' && d.source.module === 'care');
    expect(care.map((d) => d.code).sort()).toEqual([...CARE_INDICATOR_CODES].sort());
    for (const d of care) {
      expect(d.source.note?.zh.length).toBeGreaterThan(10);
      expect(d.source.note?.en.length).toBeGreaterThan(10);
    }
    // A programme's rate is over its managed patients, a module measure too.
    expect(indicatorByCode('hypertension-management')?.source).toMatchObject({
      numerator: { module: 'care', measure: 'hypertension-standard' },
      denominator: { module: 'care', measure: 'hypertension-managed' },
    });
  });
});
