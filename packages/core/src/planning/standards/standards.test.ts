import { describe, expect, it } from 'vitest';
import { INSTITUTION_CATEGORIES } from '../../registry/categories.ts';
import {
  applies,
  areaMeasure,
  emptyComponents,
  institutionMeasure,
  isAdministrativeVillage,
  judge,
  paramErrors,
  STANDARDS,
  standardByCode,
  townshipKind,
} from './index.ts';

const def = (code: string) => {
  const d = standardByCode(code);
  if (!d) throw new Error(code);
  return d;
};

describe('standard definitions', () => {
  it('have unique codes, a source quote, and categories that exist', () => {
    expect(new Set(STANDARDS.map((s) => s.code)).size).toBe(STANDARDS.length);
    const codes = new Set(INSTITUTION_CATEGORIES.map((c) => c.code));
    for (const s of STANDARDS) {
      expect(s.source.quote.length, s.code).toBeGreaterThan(4);
      for (const c of s.appliesTo?.categories ?? []) expect(codes.has(c), `${s.code} ${c}`).toBe(true);
      if (s.status === 'active') expect(s.measure).not.toBe('none');
    }
  });

  it('cover the SYSTEM.md §5 rules, listing what the registry cannot measure as needs-data', () => {
    const active = STANDARDS.filter((s) => s.status === 'active').map((s) => s.code);
    for (const c of [
      'beds-per-1000',
      'icu-bed-share',
      'icu-convertible-share',
      'open-beds-vs-approved',
      'bed-technician-3a',
      'ambulances-per-population',
      'negative-pressure-ambulance-share',
      'thc-per-township',
      'chc-per-street',
      'clinic-per-village',
      'public-health-doctors',
    ]) {
      expect(active).toContain(c);
    }
    expect(def('childcare-places-per-1000').status).toBe('needs-data');
  });

  it('read the 三级 that seed 002 lost: 甲等 1.25, 乙等 1.15, 二级 1', () => {
    expect(def('bed-technician-3a').appliesTo).toMatchObject({ gradeLevel: 3, gradeClass: '甲' });
    expect(def('bed-technician-3a').params.min).toBe(1.25);
    expect(def('bed-technician-3b').params.min).toBe(1.15);
    expect(def('bed-technician-2').params.min).toBe(1);
  });
});

describe('judge: rates', () => {
  it('gives the ICU gap in beds', () => {
    const r = judge(def('icu-bed-share'), {}, institutionMeasure('icuShare', { bedsIcu: 20, bedsOpen: 800 }));
    expect(r).toMatchObject({ status: 'violated', actual: 2.5, required: 4, gap: 12 });
    expect(r.gapText).toEqual({ zh: '缺 12 张ICU床位', en: '12 ICU beds short' });
    expect(judge(def('icu-bed-share'), {}, { numerator: 32, denominator: 800 }).status).toBe('ok');
  });

  it('reports excess open beds over 110% of approved', () => {
    const r = judge(
      def('open-beds-vs-approved'),
      {},
      institutionMeasure('openVsApproved', { bedsOpen: 600, bedsApproved: 500 }),
    );
    expect(r).toMatchObject({ status: 'violated', actual: 120, required: 110, gap: -50 });
    expect(r.gapText?.zh).toBe('超出 50 张开放床位');
    expect(judge(def('open-beds-vs-approved'), {}, { numerator: 550, denominator: 500 }).status).toBe('ok');
  });

  it('judges the 2%–3% emergency observation band from both sides', () => {
    const d = def('emergency-observation-beds');
    expect(judge(d, {}, { numerator: 10, denominator: 1000 })).toMatchObject({ gap: 10, required: [2, 3] });
    expect(judge(d, {}, { numerator: 40, denominator: 1000 })).toMatchObject({ gap: -10 });
    expect(judge(d, {}, { numerator: 25, denominator: 1000 }).status).toBe('ok');
  });

  it('counts health technicians short of the bed ratio', () => {
    const r = judge(
      def('bed-technician-3a'),
      {},
      institutionMeasure('techniciansPerBed', { healthTechnicians: 1000, bedsOpen: 1000 }),
    );
    expect(r).toMatchObject({ status: 'violated', actual: 1, required: 1.25, gap: 250 });
    expect(r.gapText?.zh).toBe('缺 250 名卫生技术人员');
  });

  it('counts public-health doctors', () => {
    expect(
      judge(def('public-health-doctors'), {}, institutionMeasure('publicHealthDoctors', { publicHealthDoctors: 1 })),
    ).toMatchObject({
      actual: 1,
      gap: 1,
    });
  });

  it('uses a region’s own threshold (连州 6.56 beds per 1,000)', () => {
    const c = { ...emptyComponents(), population: 400_000, beds: 2700 };
    const m = areaMeasure('beds', c);
    expect(judge(def('beds-per-1000'), {}, m)).toMatchObject({ actual: 6.75, gap: 300 });
    expect(judge(def('beds-per-1000'), { min: 6.56 }, m).status).toBe('ok');
  });

  it('treats unreported numbers as no data, never as zero', () => {
    expect(judge(def('icu-bed-share'), {}, institutionMeasure('icuShare', { bedsOpen: 500 })).status).toBe('no-data');
    expect(judge(def('beds-per-1000'), {}, areaMeasure('beds', { ...emptyComponents(), beds: 100 })).status).toBe(
      'no-data',
    );
  });

  it('divides paediatric beds by children, negative-pressure ambulances by ambulances', () => {
    const c = {
      ...emptyComponents(),
      population: 1e6,
      children: 200_000,
      bedsPediatric: 400,
      ambulances: 20,
      ambulancesNegativePressure: 2,
    };
    expect(judge(def('paediatric-beds-per-1000-children'), {}, areaMeasure('bedsPediatric', c))).toMatchObject({
      actual: 2,
      gap: 100,
    });
    expect(
      judge(def('negative-pressure-ambulance-share'), {}, areaMeasure('ambulancesNegativePressure', c)),
    ).toMatchObject({
      actual: 10,
      gap: 2,
    });
  });
});

describe('judge: counts and ambulances', () => {
  it('needs one THC per township', () => {
    expect(judge(def('thc-per-township'), {}, { numerator: 0, denominator: 1 })).toMatchObject({ gap: 1, required: 1 });
    expect(judge(def('thc-per-township'), {}, { numerator: 1, denominator: 1 }).status).toBe('ok');
  });

  it('needs one CHC per street, more above 100,000 residents', () => {
    const d = def('chc-per-street');
    expect(judge(d, {}, { numerator: 1, denominator: 1, population: 60_000 }).status).toBe('ok');
    expect(judge(d, {}, { numerator: 1, denominator: 1, population: 150_000 })).toMatchObject({ required: 2, gap: 1 });
  });

  it('needs ambulances for urban and rural residents at their own rates', () => {
    const d = def('ambulances-per-population');
    const m = { numerator: 10, denominator: null, urban: 300_000, rural: 500_000 };
    expect(judge(d, {}, m)).toMatchObject({ status: 'violated', required: 20, gap: 10, actual: 10 });
    expect(judge(d, {}, { ...m, numerator: 20 }).status).toBe('ok');
    expect(judge(d, {}, { ...m, urban: null, rural: null }).status).toBe('no-data');
  });
});

describe('applicability and areas', () => {
  const h = (category: string, gradeLevel: number | null, gradeClass: string | null = null) => ({
    category,
    gradeLevel,
    gradeClass,
    ownership: 'government',
  });
  it('selects 二级+ hospitals, grades and classes', () => {
    expect(applies(def('icu-bed-share').appliesTo!, h('A5A', 2))).toBe(true);
    expect(applies(def('icu-bed-share').appliesTo!, h('A1', 1))).toBe(false);
    expect(applies(def('icu-bed-share').appliesTo!, h('B1', null))).toBe(false);
    expect(applies(def('bed-technician-3a').appliesTo!, h('A1', 3, '甲'))).toBe(true);
    expect(applies(def('bed-technician-3a').appliesTo!, h('A1', 3, '乙'))).toBe(false);
    expect(applies(def('bed-technician-2').appliesTo!, h('A1', 2, '乙'))).toBe(true);
  });
  it('applies the grade condition to hospitals only (THCs are ungraded)', () => {
    const a = def('public-health-doctors').appliesTo!;
    expect(applies(a, h('C21', null))).toBe(true);
    expect(applies(a, h('B1', null))).toBe(true);
    expect(applies(a, h('A1', 1))).toBe(false);
    expect(applies(a, h('B2', null))).toBe(false);
  });
  it('tells streets from townships and administrative villages from communities', () => {
    expect(townshipKind('胜利路街道')).toBe('street');
    expect(townshipKind('潞王坟乡')).toBe('township');
    expect(townshipKind('洪门镇')).toBe('township');
    expect(townshipKind('新乡经济开发区')).toBe('other');
    expect(isAdministrativeVillage({ name: '东关村村民委员会', urbanRural: '220' })).toBe(true);
    expect(isAdministrativeVillage({ name: '曙光社区居民委员会', urbanRural: '111' })).toBe(false);
    expect(isAdministrativeVillage({ name: '王庄村委会', urbanRural: null })).toBe(true);
  });
  it('rejects unknown or negative params', () => {
    expect(paramErrors(def('icu-bed-share'), { min: 5 })).toEqual([]);
    expect(paramErrors(def('icu-bed-share'), { max: 5 })).toHaveLength(1);
    expect(paramErrors(def('emergency-observation-beds'), { min: 4 })).toHaveLength(1);
    expect(paramErrors(def('beds-per-1000'), { min: -1 })).toHaveLength(1);
  });
});
