import { describe, expect, it } from 'vitest';
import { isHospital } from '../registry/categories.ts';
import { validateUscc } from '../registry/validators.ts';
import { AGE_BANDS, BASELINE_2020 } from './calibration.ts';
import { generateDemoCity } from './generate.ts';
import { distanceKm } from './geo.ts';
import { isOpenIn, summariseDemo } from './summarise.ts';
import { syntheticXinxiangAreas } from './synthetic-areas.ts';
import type { DemoAreaInput } from './types.ts';

const areas = syntheticXinxiangAreas();
const city = generateDemoCity(areas);
const byKey = new Map(city.institutions.map((i) => [i.key, i]));

function within1pct(actual: number, expected: number): void {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(0.01);
}

describe('generateDemoCity', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const again = generateDemoCity(areas);
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    const other = generateDemoCity(areas, { seed: 7 });
    expect(JSON.stringify(other.institutions)).not.toBe(JSON.stringify(city.institutions));
    expect(other.resources).not.toEqual(city.resources);
  });

  it('does not depend on the order of the area list', () => {
    const shuffled = [...areas].reverse();
    expect(JSON.stringify(generateDemoCity(shuffled).institutions)).toBe(JSON.stringify(city.institutions));
  });

  it('matches the 2020 baseline of seed 000 within 1 %', () => {
    const s = summariseDemo(city, 2020);
    within1pct(s.institutions, BASELINE_2020.institutions);
    within1pct(s.beds, BASELINE_2020.bedsActual);
    within1pct(s.healthTechnicians, BASELINE_2020.healthTechnicians);
    within1pct(s.doctors, BASELINE_2020.doctors);
    within1pct(s.nurses, BASELINE_2020.nurses);
    within1pct(s.gps, BASELINE_2020.generalPractitioners);
    within1pct(s.resident, BASELINE_2020.resident);
    within1pct((s.beds / s.resident) * 1000, 6.61);
    within1pct((s.doctors / s.resident) * 1000, 2.88);
    within1pct((s.gps / s.resident) * 10_000, 3.17);
  });

  it('trends toward the 2025 plan: ratios rise, population about flat', () => {
    const first = summariseDemo(city, 2016);
    const last = summariseDemo(city, 2025);
    const per = (s: typeof first, k: 'beds' | 'doctors' | 'nurses' | 'gps') => s[k] / s.resident;
    for (const k of ['beds', 'doctors', 'nurses', 'gps'] as const) expect(per(last, k)).toBeGreaterThan(per(first, k));
    expect(Math.abs(last.resident - first.resident) / first.resident).toBeLessThan(0.05);
    expect(last.institutions).toBeGreaterThan(first.institutions);
  });

  it('gives every institution a valid USCC (or none, for village clinics) registered in its county', () => {
    for (const i of city.institutions) {
      if (i.category === 'D6') {
        expect(i.uscc).toBeNull();
        continue;
      }
      expect(i.uscc, i.name).not.toBeNull();
      const r = validateUscc(i.uscc!);
      expect(r.ok, `${i.name} ${i.uscc}`).toBe(true);
      if (r.ok) expect(r.parts.areaCode).toBe(i.countyCode);
    }
    expect(new Set(city.institutions.map((i) => i.uscc).filter((u) => u !== null)).size).toBe(
      city.institutions.filter((i) => i.uscc !== null).length,
    );
  });

  it('has unique keys and names', () => {
    expect(byKey.size).toBe(city.institutions.length);
    expect(new Set(city.institutions.map((i) => i.name)).size).toBe(city.institutions.length);
  });

  it('reports resources only for years an institution is open', () => {
    for (const r of city.resources) {
      const inst = byKey.get(r.institutionKey)!;
      expect(Number(inst.openedOn.slice(0, 4)), inst.name).toBeLessThanOrEqual(r.year);
      expect(isOpenIn(inst, r.year)).toBe(true);
    }
    expect(city.institutions.some((i) => i.openedOn > '2020-12-31')).toBe(true);
    expect(city.institutions.some((i) => i.closedOn !== null)).toBe(true);
  });

  it('gives every town and 乡 exactly one government township health centre, every street one centre', () => {
    const townships = areas.filter((a) => a.level === 4);
    for (const t of townships) {
      const centres = city.institutions.filter(
        (i) => i.areaCode === t.code && i.ownership === 'government' && /^(C|B1)/.test(i.category),
      );
      expect(centres, t.name).toHaveLength(1);
      if (/[镇乡]$/.test(t.name)) expect(centres[0]!.category).toMatch(/^C2/);
    }
  });

  it('has one clinic per rural village reporting only staff and visits', () => {
    const rural = areas.filter((a) => a.level === 5 && a.urbanRural?.startsWith('2'));
    const clinics = city.institutions.filter((i) => i.category === 'D6');
    expect(clinics).toHaveLength(rural.length);
    for (const r of city.resources) {
      if (byKey.get(r.institutionKey)!.category !== 'D6') continue;
      expect(r.values.doctors! >= 0 && r.values.doctors! <= 1).toBe(true);
      expect(r.values.villageDoctors).toBeGreaterThanOrEqual(0);
      expect(r.values.bedsActual).toBeNull();
      expect(r.values.nurses).toBeNull();
      expect(r.values.outpatientVisits).toBeGreaterThan(0);
    }
  });

  it('has the county backbone and the city hospitals', () => {
    const counties = areas.filter((a) => a.level === 3 && /[县市]$/.test(a.name));
    expect(counties).toHaveLength(8);
    for (const c of counties) {
      const here = city.institutions.filter((i) => i.countyCode === c.code && i.ownership === 'government');
      const rmyy = here.find((i) => i.name === `${c.name}人民医院`);
      expect(rmyy?.category).toBe('A1');
      expect(rmyy!.gradeLevel).toBeGreaterThanOrEqual(2);
      expect(here.some((i) => i.category === 'A2')).toBe(true);
      expect(here.some((i) => i.category.startsWith('G'))).toBe(true);
      expect(here.filter((i) => i.category === 'J1')).toHaveLength(1);
    }
    const tertiary = city.institutions.filter((i) => i.gradeLevel === 3);
    expect(tertiary.length).toBeGreaterThanOrEqual(8);
    expect(city.institutions.filter((i) => i.category === 'J1')).toHaveLength(13); // 12 counties/districts + the city
    for (const name of [
      '新乡市中心医院',
      '新乡市疾病预防控制中心',
      '新乡市中心血站',
      '新乡市紧急医疗救援中心',
      '新乡市卫生监督所',
    ]) {
      expect(
        city.institutions.some((i) => i.name === name),
        name,
      ).toBe(true);
    }
    const hospitals = city.institutions.filter((i) => isHospital(i.category) && isOpenIn(i, 2020));
    const privateShare = hospitals.filter((i) => i.ownership === 'private').length / hospitals.length;
    expect(privateShare).toBeGreaterThan(0.5);
    expect(privateShare).toBeLessThan(0.8);
  });

  it('builds one county network per county and city groups, all led by existing hospitals', () => {
    const ccm = city.networks.filter((n) => n.type === 'county-medical-community');
    expect(ccm).toHaveLength(8);
    const groups = city.networks.filter((n) => n.type === 'urban-medical-group');
    expect(groups.length).toBeGreaterThanOrEqual(1);
    expect(groups.length).toBeLessThanOrEqual(2);
    for (const n of city.networks) {
      const lead = byKey.get(n.leadKey)!;
      expect(lead.networkKey).toBe(n.key);
      expect(isHospital(lead.category)).toBe(true);
    }
    for (const n of ccm) {
      const thcs = city.institutions.filter((i) => i.countyCode === n.countyCode && i.category.startsWith('C2'));
      expect(thcs.length).toBeGreaterThan(0);
      for (const t of thcs) expect(t.networkKey).toBe(n.key);
    }
  });

  it('keeps yearly returns internally consistent', () => {
    for (const { values: v, institutionKey } of city.resources) {
      const name = byKey.get(institutionKey)!.name;
      if (v.bedsActual === null) continue;
      const open = v.bedsOpen!;
      expect(open, name).toBeLessThanOrEqual(v.bedsActual);
      const parts =
        v.bedsIcu! +
        v.bedsPediatric! +
        v.bedsPsychiatric! +
        v.bedsRehab! +
        v.bedsInfectious! +
        v.bedsNursing! +
        v.bedsEmergencyObs! +
        (v.bedsHospice ?? 0);
      expect(parts, name).toBeLessThanOrEqual(open);
      if (open > 0) {
        const occupancy = v.occupiedBedDays! / v.openBedDays!;
        expect(occupancy).toBeGreaterThanOrEqual(0.695);
        expect(occupancy).toBeLessThanOrEqual(0.955);
      }
      expect(v.doctors! + v.nurses!).toBeLessThanOrEqual(v.healthTechnicians!);
      expect(v.healthTechnicians!).toBeLessThanOrEqual(v.staffTotal!);
      expect(v.generalPractitioners!).toBeLessThanOrEqual(v.doctors!);
      expect(v.assistantDoctors!).toBeLessThanOrEqual(v.doctors!);
      expect(v.ambulancesNegativePressure ?? 0).toBeLessThanOrEqual(v.ambulances ?? 0);
    }
    const icu = city.resources.filter(
      (r) =>
        r.year === 2020 &&
        byKey.get(r.institutionKey)!.gradeLevel === 3 &&
        byKey.get(r.institutionKey)!.category === 'A1',
    );
    for (const r of icu) {
      const share = r.values.bedsIcu! / r.values.bedsOpen!;
      expect(share).toBeGreaterThanOrEqual(0.015);
      expect(share).toBeLessThanOrEqual(0.055);
    }
  });

  it('has one population row per township and year with consistent parts', () => {
    const townships = areas.filter((a) => a.level === 4);
    expect(city.population).toHaveLength(townships.length * 10);
    for (const { values: v } of city.population) {
      const bands = AGE_BANDS.reduce((s, b) => s + v[b]!, 0);
      expect(bands).toBe(v.resident);
      expect(v.male! + v.female!).toBe(v.resident);
      expect(v.births!).toBeGreaterThan(0);
      expect(v.deaths!).toBeGreaterThan(0);
    }
    const y2020 = city.population.filter((p) => p.year === 2020);
    const resident = y2020.reduce((s, p) => s + p.values.resident!, 0);
    const births = y2020.reduce((s, p) => s + p.values.births!, 0);
    const deaths = y2020.reduce((s, p) => s + p.values.deaths!, 0);
    expect((births / resident) * 1000).toBeGreaterThan(8);
    expect((births / resident) * 1000).toBeLessThan(10.5);
    expect((deaths / resident) * 1000).toBeGreaterThan(6);
    expect((deaths / resident) * 1000).toBeLessThan(8.5);
  });

  it('makes urban districts denser in beds per 1,000 than counties', () => {
    const beds = new Map<string, number>();
    for (const r of city.resources)
      if (r.year === 2020)
        beds.set(
          byKey.get(r.institutionKey)!.countyCode,
          (beds.get(byKey.get(r.institutionKey)!.countyCode) ?? 0) + (r.values.bedsActual ?? 0),
        );
    const pop = new Map<string, number>();
    for (const p of city.population)
      if (p.year === 2020) pop.set(p.areaCode.slice(0, 6), (pop.get(p.areaCode.slice(0, 6)) ?? 0) + p.values.resident!);
    const rate = (codes: string[]) =>
      codes.reduce((s, c) => s + (beds.get(c) ?? 0), 0) / codes.reduce((s, c) => s + (pop.get(c) ?? 0), 0);
    expect(rate(['410702', '410703', '410711'])).toBeGreaterThan(
      rate(['410721', '410724', '410725', '410726', '410727']),
    );
  });

  it('places institutions within ~15 km of their county seat', () => {
    const seats = new Map<string, DemoAreaInput>(areas.filter((a) => a.level === 3).map((a) => [a.code, a]));
    for (const i of city.institutions) {
      const seat = seats.get(i.countyCode)!;
      const centre =
        seat.lng !== undefined && seat.lat !== undefined ? { lng: seat.lng, lat: seat.lat } : { lng: 113.9, lat: 35.3 };
      expect(distanceKm(centre, i), i.name).toBeLessThanOrEqual(15.5);
    }
  });

  it('multiplies institutions, resources and population with scale', () => {
    const double = generateDemoCity(areas, { scale: 2, fromYear: 2019, toYear: 2021 });
    const s = summariseDemo(double, 2020);
    within1pct(s.institutions, 2 * BASELINE_2020.institutions);
    within1pct(s.beds, 2 * BASELINE_2020.bedsActual);
    within1pct(s.doctors, 2 * BASELINE_2020.doctors);
    within1pct(s.resident, 2 * BASELINE_2020.resident);
    expect(double.population).toHaveLength(areas.filter((a) => a.level === 4).length * 3);
    expect(new Set(double.resources.map((r) => r.year))).toEqual(new Set([2019, 2020, 2021]));
  });

  it('rejects bad options and empty area lists', () => {
    expect(() => generateDemoCity(areas, { scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoCity(areas, { fromYear: 2025, toYear: 2016 })).toThrow(RangeError);
    expect(() => generateDemoCity([])).toThrow(RangeError);
  });
});
