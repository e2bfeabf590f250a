// The publicly run backbone of the demo city: the city's own hospitals and public-health institutions
// (named after 新乡's real ones as listed in seed 000), each county's 人民医院/中医院/妇幼保健院/疾控/监督,
// one government health centre per township or street, and one clinic per rural village.

import type { County } from './areas.ts';
import { addPlan, type BuildContext, date, type Plan } from './plan.ts';
import type { Kind } from './profiles.ts';

interface CityInstitution {
  slug: string;
  name: string;
  category: string;
  kind: Kind;
  grade: [1 | 2 | 3 | null, '甲' | '乙' | '丙' | null];
  ownership: 'government' | 'other-public';
  /** County codes in order of preference; falls back to the most urban district. */
  prefer: string[];
  size: number;
  bedsPerHt: number;
  opened: number;
  /** Exact opening date for the new builds the plan names. */
  openedOn?: string;
}

const CITY: CityInstitution[] = [
  {
    slug: 'xxmc1',
    name: '新乡医学院第一附属医院',
    category: 'A1',
    kind: 'hospital-tertiary',
    grade: [3, '甲'],
    ownership: 'government',
    prefer: ['410781'],
    size: 3400,
    bedsPerHt: 1.0,
    opened: 1951,
  },
  {
    slug: 'xxmc2',
    name: '新乡医学院第二附属医院',
    category: 'A5A',
    kind: 'hospital-specialty',
    grade: [3, '甲'],
    ownership: 'government',
    prefer: ['410711'],
    size: 1100,
    bedsPerHt: 1.8,
    opened: 1951,
  },
  {
    slug: 'xxmc3',
    name: '新乡医学院第三附属医院',
    category: 'A1',
    kind: 'hospital-tertiary',
    grade: [3, '甲'],
    ownership: 'government',
    prefer: ['410702'],
    size: 1400,
    bedsPerHt: 0.95,
    opened: 1958,
  },
  {
    slug: 'central',
    name: '新乡市中心医院',
    category: 'A1',
    kind: 'hospital-tertiary',
    grade: [3, '甲'],
    ownership: 'government',
    prefer: ['410703'],
    size: 2600,
    bedsPerHt: 0.95,
    opened: 1947,
  },
  {
    slug: 'first',
    name: '新乡市第一人民医院',
    category: 'A1',
    kind: 'hospital-tertiary',
    grade: [3, '甲'],
    ownership: 'government',
    prefer: ['410711'],
    size: 1300,
    bedsPerHt: 0.95,
    opened: 1950,
  },
  {
    slug: 'second',
    name: '新乡市第二人民医院',
    category: 'A1',
    kind: 'hospital-tertiary',
    grade: [3, '乙'],
    ownership: 'government',
    prefer: ['410702'],
    size: 650,
    bedsPerHt: 1.0,
    opened: 1956,
  },
  {
    slug: 'tcm',
    name: '新乡市中医院',
    category: 'A2',
    kind: 'hospital-tcm',
    grade: [3, '乙'],
    ownership: 'government',
    prefer: ['410703'],
    size: 750,
    bedsPerHt: 1.0,
    opened: 1956,
  },
  {
    slug: 'mch',
    name: '新乡市妇幼保健院',
    category: 'G1',
    kind: 'mch',
    grade: [3, '乙'],
    ownership: 'government',
    prefer: ['410702'],
    size: 520,
    bedsPerHt: 0.7,
    opened: 1953,
  },
  {
    slug: 'psych',
    name: '新乡市精神病医院',
    category: 'A5A',
    kind: 'hospital-specialty',
    grade: [2, '甲'],
    ownership: 'government',
    prefer: ['410704'],
    size: 260,
    bedsPerHt: 2.3,
    opened: 1960,
  },
  {
    slug: 'fourth',
    name: '新乡市第四人民医院',
    category: 'A1',
    kind: 'hospital-secondary',
    grade: [2, '甲'],
    ownership: 'government',
    prefer: ['410711'],
    size: 300,
    bedsPerHt: 1.1,
    opened: 1965,
  },
  {
    slug: 'rongjun',
    name: '河南省荣军医院',
    category: 'A1',
    kind: 'hospital-secondary',
    grade: [2, '甲'],
    ownership: 'government',
    prefer: ['410702'],
    size: 420,
    bedsPerHt: 1.1,
    opened: 1949,
  },
  {
    slug: 'rehab',
    name: '新乡市康复医院',
    category: 'A5H',
    kind: 'hospital-specialty',
    grade: [2, '甲'],
    ownership: 'government',
    prefer: ['410703'],
    size: 140,
    bedsPerHt: 1.5,
    opened: 1985,
  },
  {
    slug: 'infect',
    name: '新乡市传染病医院',
    category: 'A5B',
    kind: 'hospital-specialty',
    grade: [2, '甲'],
    ownership: 'government',
    prefer: ['410704'],
    size: 180,
    bedsPerHt: 1.4,
    opened: 1958,
  },
  {
    slug: 'railway',
    name: '新乡铁路中心医院',
    category: 'A1',
    kind: 'hospital-secondary',
    grade: [2, '乙'],
    ownership: 'other-public',
    prefer: ['410711'],
    size: 200,
    bedsPerHt: 1.2,
    opened: 1952,
  },
  // The "四所医院" and 中西医结合 projects of seed 000, opened during the plan period.
  {
    slug: 'children',
    name: '新乡市儿童医院',
    category: 'A59',
    kind: 'hospital-specialty',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410702'],
    size: 420,
    bedsPerHt: 1.0,
    opened: 2023,
    openedOn: '2023-06-18',
  },
  {
    slug: 'integrated',
    name: '新乡市中西医结合医院',
    category: 'A3',
    kind: 'hospital-tcm',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410771', '410703'],
    size: 260,
    bedsPerHt: 1.1,
    opened: 2022,
    openedOn: '2022-09-01',
  },
  {
    slug: 'cdc',
    name: '新乡市疾病预防控制中心',
    category: 'J1',
    kind: 'cdc',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410702'],
    size: 190,
    bedsPerHt: 0,
    opened: 1953,
  },
  {
    slug: 'supervision',
    name: '新乡市卫生监督所',
    category: 'K1',
    kind: 'supervision',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410702'],
    size: 60,
    bedsPerHt: 0,
    opened: 2002,
  },
  {
    slug: 'blood',
    name: '新乡市中心血站',
    category: 'F12',
    kind: 'blood',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410703'],
    size: 120,
    bedsPerHt: 0,
    opened: 1979,
  },
  {
    slug: 'ems',
    name: '新乡市紧急医疗救援中心',
    category: 'E1',
    kind: 'emergency',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410702'],
    size: 90,
    bedsPerHt: 0,
    opened: 1988,
  },
  {
    slug: 'education',
    name: '新乡市健康教育所',
    category: 'O1',
    kind: 'education',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410702'],
    size: 10,
    bedsPerHt: 0,
    opened: 1986,
  },
  {
    slug: 'tb',
    name: '新乡市结核病防治所',
    category: 'H2',
    kind: 'prevention',
    grade: [null, null],
    ownership: 'government',
    prefer: ['410711'],
    size: 45,
    bedsPerHt: 0.8,
    opened: 1958,
  },
];

/** Keys of the hospitals that lead networks, for networks.ts. */
export interface PublicBackbone {
  cityLeads: Plan[];
  countyHospitals: Map<string, Plan>;
}

function urbanDistricts(counties: readonly County[]): County[] {
  const districts = counties.filter((c) => c.kind === 'district');
  const pool = districts.length > 0 ? districts : [...counties];
  const urbanness = (c: County) => c.townships.reduce((n, t) => n + t.urbanVillages + (t.kind === 'street' ? 5 : 0), 0);
  return pool.sort((a, b) => urbanness(b) - urbanness(a) || a.code.localeCompare(b.code));
}

export function addPublicInstitutions(ctx: BuildContext, counties: readonly County[]): PublicBackbone {
  const { rng } = ctx;
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const core = urbanDistricts(counties);
  const cityLeads: Plan[] = [];
  CITY.forEach((ci, i) => {
    const county = ci.prefer.map((c) => byCode.get(c)).find((c) => c !== undefined) ?? core[i % core.length]!;
    const plan = addPlan(ctx, {
      key: `city-${ci.slug}`,
      name: ctx.names.claim(ci.name, ''),
      category: ci.category,
      kind: ci.kind,
      county,
      gradeLevel: ci.grade[0],
      gradeClass: ci.grade[1],
      ownership: ci.ownership,
      uscc: '12',
      size: ci.size * rng.range(0.95, 1.05),
      bedsPerHt: ci.bedsPerHt,
      openedOn: ci.openedOn ?? date(rng, ci.opened),
    });
    if (ci.slug === 'central' || ci.slug === 'first') cityLeads.push(plan);
  });

  const countyHospitals = new Map<string, Plan>();
  // The two largest counties' hospitals are 三级, as 辉县市 and 长垣市 are; the others 二级甲等.
  const countyLike = counties.filter((c) => c.kind === 'county' || c.kind === 'city');
  const largest = new Set(
    [...countyLike]
      .sort((a, b) => b.townships.length - a.townships.length || a.code.localeCompare(b.code))
      .slice(0, 2)
      .map((c) => c.code),
  );
  for (const c of counties) {
    const n = c.townships.length;
    const add = (
      slug: string,
      name: string,
      category: string,
      kind: Kind,
      size: number,
      bedsPerHt: number,
      grade: [1 | 2 | 3 | null, '甲' | '乙' | '丙' | null] = [null, null],
    ) =>
      addPlan(ctx, {
        key: `${c.code}-${slug}`,
        name: ctx.names.claim(`${c.short}${name}`, ''),
        category,
        kind,
        county: c,
        gradeLevel: grade[0],
        gradeClass: grade[1],
        ownership: 'government',
        uscc: '12',
        size: size * rng.range(0.85, 1.15),
        bedsPerHt,
        openedOn: date(rng, rng.int(1950, 1985)),
        spreadKm: 3,
      });
    if (c.kind === 'county' || c.kind === 'city') {
      const grade: [3 | 2, '乙' | '甲'] = largest.has(c.code) ? [3, '乙'] : [2, '甲'];
      countyHospitals.set(c.code, add('rmyy', '人民医院', 'A1', 'hospital-county', 500 + 30 * n, 1.15, grade));
      add('zyy', '中医院', 'A2', 'hospital-tcm', 180 + 12 * n, 1.1, [2, '甲']);
      add('fybjy', '妇幼保健院', 'G1', 'mch', 100 + 8 * n, 0.55, [2, '甲']);
      add('cdc', '疾病预防控制中心', 'J1', 'cdc', 45 + 3 * n, 0);
      add('wsjds', '卫生监督所', 'K1', 'supervision', 18 + n, 0);
      if (n >= 12 || rng.chance(0.4)) add('dermyy', '第二人民医院', 'A1', 'hospital-secondary', 260, 1.2, [2, '乙']);
      if (rng.chance(0.45)) add('jsbyy', '精神病医院', 'A5A', 'hospital-specialty', 90, 2.5, [2, '乙']);
      if (rng.chance(0.3)) add('jfs', '结核病防治所', 'H2', 'prevention', 22, 0.5);
    } else if (c.kind === 'district') {
      add('cdc', '疾病预防控制中心', 'J1', 'cdc', 25 + 2 * n, 0);
      add('wsjds', '卫生监督所', 'K1', 'supervision', 10 + n, 0);
      add('fybjs', '妇幼保健所', 'G2', 'mch', 32, 0);
      const rural = c.townships.reduce((s, t) => s + t.ruralVillages - t.urbanVillages, 0) > 0;
      if (rural) add('rmyy', '人民医院', 'A1', 'hospital-secondary', 280, 1.2, [2, '乙']);
    }
    addHealthCentres(ctx, c);
  }
  return { cityLeads, countyHospitals };
}

function addHealthCentres(ctx: BuildContext, c: County): void {
  const { rng } = ctx;
  const avgVillages = c.townships.reduce((s, t) => s + t.villages.length, 0) / Math.max(1, c.townships.length) || 1;
  for (const t of c.townships) {
    const villageFactor = 0.7 + 0.3 * Math.min(2, t.villages.length / avgVillages);
    const opened = date(rng, rng.int(1952, 1990));
    if (t.kind === 'street') {
      // County seats' streets often kept their 街道卫生院; city streets have community health centres.
      const streetThc = (c.kind === 'county' || c.kind === 'city') && rng.chance(0.4);
      addPlan(ctx, {
        key: `${streetThc ? 'thc' : 'chc'}-${t.code}`,
        name: ctx.names.claim(`${c.short}${t.name}`, streetThc ? '卫生院' : '社区卫生服务中心'),
        category: streetThc ? 'C1' : 'B1',
        kind: streetThc ? 'thc' : 'chc',
        county: c,
        township: t,
        ownership: 'government',
        uscc: '12',
        size: rng.range(20, 45) * villageFactor,
        bedsPerHt: streetThc ? 0.7 : rng.chance(0.35) ? 0.6 : 0,
        openedOn: streetThc ? opened : date(rng, rng.int(2006, 2012)),
      });
    } else if (t.kind === 'town' || t.kind === 'township') {
      const central = rng.chance(t.kind === 'town' ? 0.35 : 0.1);
      addPlan(ctx, {
        key: `thc-${t.code}`,
        name: ctx.names.claim(`${c.short}${t.name}`, central ? '中心卫生院' : '卫生院'),
        category: central ? 'C21' : 'C22',
        kind: 'thc',
        county: c,
        township: t,
        ownership: 'government',
        uscc: '12',
        size: (central ? rng.range(50, 100) : rng.range(22, 55)) * villageFactor,
        bedsPerHt: rng.range(0.65, 0.95),
        openedOn: opened,
      });
    }
    for (const v of t.villages) {
      if (v.urban) continue;
      addPlan(ctx, {
        key: `vc-${v.code}`,
        name: ctx.names.claim(`${c.short}${t.name}${v.name}`, '卫生室'),
        category: 'D6',
        kind: 'village',
        county: c,
        township: t,
        areaCode: v.code,
        // Most village clinics are collectively owned (公有产权 is a plan indicator); the rest are a village doctor's own.
        ownership: rng.chance(0.75) ? 'other-public' : 'private',
        uscc: null,
        size: 1,
        bedsPerHt: 0,
        openedOn: date(rng, rng.int(1985, 2012)),
        spreadKm: 3,
      });
    }
  }
}
