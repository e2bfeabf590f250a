/**
 * Synthetic surveillance data for the demo city (deterministic in its seed): five years of case reports
 * for 15 common notifiable diseases with seasonality, a few injected outbreaks (so the signal engine has
 * something to find), daily fever-clinic, pharmacy and school-absenteeism counts for the last 120 days,
 * and one school and one pharmacy that stop reporting.
 *
 * Everything personal is fake and recognisably so: ID numbers use the unassigned address code 410799
 * (no county of 新乡 has it) with sequence numbers 900–999, and pass the GB 11643 check digit only so the
 * validators accept them; phones are 199-0000-xxxx; names are drawn from short lists.
 */

import { mulberry32, type Random } from '../platform/prng.ts';
import { citizenIdCheckChar } from '../registry/validators.ts';
import { addDays, dayIndex } from './periods.ts';
import { rpois } from './simulate.ts';

export interface DemoTownship {
  code: string;
  name: string;
  countyCode: string;
  population: number;
  villages: string[];
  /** Institutions in the township able to report (hospitals, health centres), best first. */
  institutionIds: number[];
}

export interface DemoSurveillanceInput {
  townships: DemoTownship[];
  /** Reporting hospitals per county (fallback for townships without one). */
  countyHospitals: Record<string, number[]>;
  /** Last day of data (yesterday in China). */
  to: string;
  years?: number;
  streamDays?: number;
  seed?: number;
}

export interface DemoCard {
  clientReportId: string;
  institutionId: number;
  diseaseCode: string;
  classification: string;
  patientName: string;
  parentName: string | null;
  citizenId: string;
  phone: string | null;
  workplace: string | null;
  occupation: string;
  addressCode: string;
  addressText: string;
  onsetDate: string;
  diagnosisAt: string;
  reportedAt: string;
  doctorName: string;
}

export interface DemoStreamRow {
  stream: string;
  /** As the streams service keys sources: 'inst:<id>', or 'name:<area code>:<name>'. */
  sourceKey: string;
  sourceName: string;
  institutionId: number | null;
  areaCode: string;
  countyCode: string;
  date: string;
  count: number;
  denominator: number | null;
}

export interface DemoOutbreak {
  diseaseCode: string;
  townshipCode: string;
  place: string;
  start: string;
  cases: number;
}

export interface DemoSurveillance {
  cards: DemoCard[];
  streamRows: DemoStreamRow[];
  outbreaks: DemoOutbreak[];
  from: string;
  to: string;
  streamFrom: string;
}

type Age = 'toddler' | 'child' | 'student' | 'adult' | 'elder';

interface Profile {
  code: string;
  /** annual reported incidence per 100,000 */
  incidence: number;
  /** [peak week (1–52), amplitude 0–1] harmonics */
  peaks: [number, number][];
  ages: [Age, number][];
}

// Incidences are of the order of Henan's reported rates, scaled down so the demo loads in seconds.
/** The demo loads a fraction of the rates below so it takes seconds; shapes and relative sizes are kept. */
const INCIDENCE_SCALE = 0.6;

const PROFILES: Profile[] = [
  {
    code: 'C11',
    incidence: 50,
    peaks: [
      [19, 0.8],
      [42, 0.3],
    ],
    ages: [
      ['toddler', 0.75],
      ['child', 0.2],
      ['adult', 0.05],
    ],
  },
  {
    code: 'C01',
    incidence: 60,
    peaks: [[2, 1]],
    ages: [
      ['child', 0.25],
      ['student', 0.35],
      ['adult', 0.3],
      ['elder', 0.1],
    ],
  },
  {
    code: 'C10',
    incidence: 30,
    peaks: [
      [30, 0.5],
      [50, 0.3],
    ],
    ages: [
      ['toddler', 0.4],
      ['adult', 0.4],
      ['elder', 0.2],
    ],
  },
  {
    code: 'L01',
    incidence: 20,
    peaks: [
      [48, 0.5],
      [15, 0.4],
    ],
    ages: [
      ['child', 0.3],
      ['student', 0.6],
      ['adult', 0.1],
    ],
  },
  {
    code: 'C02',
    incidence: 8,
    peaks: [[18, 0.5]],
    ages: [
      ['child', 0.3],
      ['student', 0.7],
    ],
  },
  {
    code: 'B0302',
    incidence: 25,
    peaks: [],
    ages: [
      ['adult', 0.8],
      ['elder', 0.2],
    ],
  },
  {
    code: 'B13',
    incidence: 20,
    peaks: [[12, 0.2]],
    ages: [
      ['adult', 0.6],
      ['elder', 0.4],
    ],
  },
  {
    code: 'B22',
    incidence: 12,
    peaks: [],
    ages: [
      ['adult', 0.85],
      ['elder', 0.15],
    ],
  },
  {
    code: 'B12',
    incidence: 5,
    peaks: [[31, 0.8]],
    ages: [
      ['toddler', 0.3],
      ['adult', 0.5],
      ['elder', 0.2],
    ],
  },
  {
    code: 'B19',
    incidence: 5,
    peaks: [
      [50, 0.5],
      [20, 0.4],
    ],
    ages: [
      ['child', 0.5],
      ['student', 0.5],
    ],
  },
  {
    code: 'B20',
    incidence: 4,
    peaks: [[22, 0.6]],
    ages: [
      ['adult', 0.8],
      ['elder', 0.2],
    ],
  },
  {
    code: 'B0305',
    incidence: 3,
    peaks: [[10, 0.3]],
    ages: [
      ['adult', 0.7],
      ['elder', 0.3],
    ],
  },
  {
    code: 'C04',
    incidence: 4,
    peaks: [[36, 0.9]],
    ages: [
      ['student', 0.5],
      ['adult', 0.5],
    ],
  },
  {
    code: 'B16',
    incidence: 3,
    peaks: [[28, 0.3]],
    ages: [
      ['toddler', 0.8],
      ['child', 0.2],
    ],
  },
  {
    code: 'B07',
    incidence: 0.6,
    peaks: [[46, 0.9]],
    ages: [
      ['adult', 0.8],
      ['elder', 0.2],
    ],
  },
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力志宇浩然子涵梓轩欣怡佳琪梦瑶思远博文雨桐一鸣嘉怡晨曦';
const DOCTORS = ['王医生', '李医生', '张医生', '刘医生', '陈医生', '赵医生'];

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function weighted<T>(rnd: Random, items: readonly [T, number][]): T {
  let u = rnd() * items.reduce((s, [, w]) => s + w, 0);
  for (const [x, w] of items) {
    u -= w;
    if (u <= 0) return x;
  }
  return items[items.length - 1]![0];
}

/** Seasonal multiplier with mean ≈ 1 over the year. */
function season(p: Profile, date: string): number {
  const doy = (dayIndex(date) - dayIndex(`${date.slice(0, 4)}-01-01`)) / 7 + 1;
  let m = 1;
  for (const [peak, amp] of p.peaks) m += amp * Math.cos((2 * Math.PI * (doy - peak)) / 52);
  return Math.max(0.05, m);
}

const AGE_RANGE: Record<Age, [number, number]> = {
  toddler: [1, 5],
  child: [6, 11],
  student: [12, 18],
  adult: [19, 64],
  elder: [65, 88],
};

function occupationOf(age: number, rnd: Random): string {
  if (age <= 2) return '散居儿童';
  if (age <= 6) return rnd() < 0.7 ? '幼托儿童' : '散居儿童';
  if (age <= 18) return '学生（大中小学）';
  if (age >= 65) return rnd() < 0.6 ? '离退人员' : '农民';
  return weighted(rnd, [
    ['农民', 0.4],
    ['工人', 0.15],
    ['民工', 0.1],
    ['家务及待业', 0.1],
    ['商业服务', 0.1],
    ['干部职员', 0.1],
    ['教师', 0.05],
  ]);
}

export function generateDemoSurveillance(input: DemoSurveillanceInput): DemoSurveillance {
  const seed = input.seed ?? 20201231;
  const years = input.years ?? 5;
  const to = input.to;
  const from = addDays(to, -Math.round(years * 365.25) + 1);
  const streamDays = input.streamDays ?? 120;
  const streamFrom = addDays(to, -streamDays + 1);
  const rnd = mulberry32(seed ^ 0x5eed);
  const T = input.townships.filter((t) => t.population > 0);
  const counties = [...new Set(T.map((t) => t.countyCode))];
  const byCounty = new Map(counties.map((c) => [c, T.filter((t) => t.countyCode === c)]));
  const cards: DemoCard[] = [];
  let seq = 0;
  const schoolOf = (t: DemoTownship, age: number) =>
    age <= 6 ? `${t.name}中心幼儿园` : age <= 11 ? `${t.name}中心小学` : `${t.name}初级中学`;

  const makeCard = (
    diseaseCode: string,
    t: DemoTownship,
    onset: string,
    age: number,
    opts: { workplace?: string; classification?: string } = {},
  ) => {
    seq++;
    const birthYear = Number(onset.slice(0, 4)) - age;
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const birth = `${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const male = rnd() < 0.53;
    // Sequence 900–999 (+ sex digit) under the unassigned address code 410799: obviously synthetic.
    const s3 = String(900 + Math.floor(rnd() * 100)).slice(0, 2) + String(Math.floor(rnd() * 5) * 2 + (male ? 1 : 0));
    const first17 = `410799${birth}${s3}`;
    const citizenId = first17 + citizenIdCheckChar(first17);
    const occupation = occupationOf(age, rnd);
    const inSchool = occupation === '幼托儿童' || occupation === '学生（大中小学）';
    const village = t.villages.length ? pick(rnd, t.villages) : t.code;
    const diagDelay = Math.floor(rnd() * 3);
    const diagDate = [addDays(onset, diagDelay), to].sort()[0]!;
    const hour = 8 + Math.floor(rnd() * 9);
    const minute = Math.floor(rnd() * 60);
    const diagnosisAt = `${diagDate}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`;
    // Most cards go in within hours; about 3% miss the 24-hour deadline.
    const delayMin = rnd() < 0.03 ? 1500 + Math.floor(rnd() * 3000) : 10 + Math.floor(rnd() * 300);
    // Nothing is reported after the last day of data (it is yesterday: the future would be rejected).
    const latest = Date.parse(`${to}T23:59:00+08:00`);
    const reportedAt = new Date(
      Math.min(Date.parse(diagnosisAt) + delayMin * 60_000, Math.max(latest, Date.parse(diagnosisAt))),
    ).toISOString();
    const institutionId =
      t.institutionIds.length && rnd() < 0.6
        ? pick(rnd, t.institutionIds)
        : pick(rnd, input.countyHospitals[t.countyCode] ?? t.institutionIds);
    const name = pick(rnd, [...SURNAMES]) + pick(rnd, [...GIVEN]) + (rnd() < 0.6 ? pick(rnd, [...GIVEN]) : '');
    const card: DemoCard = {
      clientReportId: `DEMO-${String(seq).padStart(7, '0')}`,
      institutionId,
      diseaseCode,
      classification:
        opts.classification ??
        weighted(rnd, [
          ['clinical', 0.55],
          ['confirmed', 0.4],
          ['suspected', 0.05],
        ]),
      patientName: name,
      parentName: age < 14 ? pick(rnd, [...SURNAMES]) + pick(rnd, [...GIVEN]) : null,
      citizenId,
      phone: rnd() < 0.9 ? `1990000${String(Math.floor(rnd() * 10000)).padStart(4, '0')}` : null,
      workplace: opts.workplace ?? (inSchool ? schoolOf(t, age) : null),
      occupation: opts.workplace ? (age <= 6 ? '幼托儿童' : '学生（大中小学）') : occupation,
      addressCode: village,
      addressText: `${t.name}（演示地址）`,
      onsetDate: onset,
      diagnosisAt,
      reportedAt,
      doctorName: pick(rnd, DOCTORS),
    };
    cards.push(card);
    return card;
  };

  // Baseline cases: Poisson per county and day, placed in townships by population.
  const nDays = dayIndex(to) - dayIndex(from) + 1;
  for (const p of PROFILES) {
    for (const c of counties) {
      const ts = byCounty.get(c)!;
      const pop = ts.reduce((s, t) => s + t.population, 0);
      const perDay = ((p.incidence * INCIDENCE_SCALE) / 100_000) * (pop / 365);
      const weights = ts.map((t) => [t, t.population] as [DemoTownship, number]);
      for (let d = 0; d < nDays; d++) {
        const date = addDays(from, d);
        const n = rpois(rnd, perDay * season(p, date));
        for (let k = 0; k < n; k++) {
          const t = weighted(rnd, weights);
          const [lo, hi] = AGE_RANGE[weighted(rnd, p.ages)];
          makeCard(p.code, t, date, lo + Math.floor(rnd() * (hi - lo + 1)));
        }
      }
    }
  }

  // Injected outbreaks: the last one is recent, so an open event greets the demo user.
  const outbreaks: DemoOutbreak[] = [];
  const busiest = (county: string) =>
    [...(byCounty.get(county) ?? T)].sort((a, b) => b.population - a.population)[0] ?? T[0]!;
  const inject = (
    diseaseCode: string,
    t: DemoTownship,
    start: string,
    cases: number,
    days: number,
    age: [number, number],
    place: string,
  ) => {
    outbreaks.push({ diseaseCode, townshipCode: t.code, place, start, cases });
    for (let k = 0; k < cases; k++) {
      const onset = addDays(start, Math.min(days - 1, Math.floor(rnd() * rnd() * days * 1.5)));
      if (onset > to) continue;
      makeCard(diseaseCode, t, onset, age[0] + Math.floor(rnd() * (age[1] - age[0] + 1)), { workplace: place });
    }
  };
  const c1 = counties.includes('410782') ? '410782' : counties[0]!;
  const c2 = counties.includes('410783') ? '410783' : (counties[1] ?? counties[0]!);
  const hx = busiest(c1);
  const cy = busiest(c2);
  const other = busiest(counties[2] ?? c1);
  inject('C02', other, addDays(to, -900), 14, 10, [12, 15], `${other.name}初级中学`);
  inject('L01', cy, addDays(to, -400), 16, 12, [7, 11], `${cy.name}中心小学`);
  inject('C10', other, addDays(to, -75), 25, 5, [7, 12], `${other.name}中心小学`);
  inject('C01', cy, addDays(to, -20), 30, 7, [12, 15], `${cy.name}初级中学`);
  inject('C11', hx, addDays(to, -6), 14, 6, [2, 5], `${hx.name}中心幼儿园`);
  // One imported case of cutaneous anthrax: a fixed-threshold, immediate (red) signal.
  makeCard('B1102', other, addDays(to, -2), 46, { classification: 'clinical' });

  // Probable duplicates: about 1% of cards reported again by a second institution.
  const n = cards.length;
  for (let i = 0; i < n; i += 97) {
    const c = cards[i]!;
    const t = T.find((x) => c.addressCode.startsWith(x.code));
    seq++;
    cards.push({
      ...c,
      clientReportId: `DEMO-${String(seq).padStart(7, '0')}`,
      institutionId: pick(rnd, input.countyHospitals[t?.countyCode ?? ''] ?? [c.institutionId]),
      reportedAt: new Date(
        Math.min(Date.parse(c.reportedAt) + 3 * 3_600_000, Date.parse(`${to}T23:59:00+08:00`)),
      ).toISOString(),
    });
  }
  cards.sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));

  // Streams: fever clinic per township health centre, pharmacies per county, one school per township.
  const streamRows: DemoStreamRow[] = [];
  const outbreakDays = (code: string, township: string) =>
    outbreaks.filter((o) => o.diseaseCode === code && o.townshipCode === township).map((o) => dayIndex(o.start));
  const push = (
    stream: string,
    src: { key: string; name: string; inst: number | null; area: string; county: string },
    date: string,
    count: number,
    den: number | null,
  ) =>
    streamRows.push({
      stream,
      sourceKey: src.key,
      sourceName: src.name,
      institutionId: src.inst,
      areaCode: src.area,
      countyCode: src.county,
      date,
      count,
      denominator: den,
    });
  const fluSeason = PROFILES.find((p) => p.code === 'C01')!;
  const diarrhoea = PROFILES.find((p) => p.code === 'C10')!;
  const hfmd = PROFILES.find((p) => p.code === 'C11')!;
  const silentSchool = T[Math.floor(T.length / 2)]!;
  for (let d = 0; d < streamDays; d++) {
    const date = addDays(streamFrom, d);
    const day = dayIndex(date);
    const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday
    for (const t of T) {
      const k = t.population / 30_000;
      const boost = (code: string, size: number) =>
        outbreakDays(code, t.code).reduce(
          (s, st) => s + (day >= st && day < st + 8 ? size * Math.exp(-((day - st - 3) ** 2) / 8) : 0),
          0,
        );
      const fever = {
        key: t.institutionIds[0] ? `inst:${t.institutionIds[0]}` : `name:${t.code}:${t.name}发热门诊`,
        name: `${t.name}发热门诊`,
        inst: t.institutionIds[0] ?? null,
        area: t.code,
        county: t.countyCode,
      };
      push('fever-clinic', fever, date, rpois(rnd, 6 * k * season(fluSeason, date) + boost('C01', 12)), null);
      if (weekday < 5) {
        const school = {
          key: `name:${t.code}:${t.name}中心小学`,
          name: `${t.name}中心小学`,
          inst: null,
          area: t.code,
          county: t.countyCode,
        };
        if (!(t === silentSchool && day > dayIndex(to) - 12)) {
          const enrolled = 600 + Math.round(k * 200);
          push(
            'school-absence-fever',
            school,
            date,
            rpois(rnd, 2 * k * season(fluSeason, date) + boost('C01', 10)),
            enrolled,
          );
          push(
            'school-absence-gi',
            school,
            date,
            rpois(rnd, 1 * k * season(diarrhoea, date) + boost('C10', 8)),
            enrolled,
          );
          push(
            'school-absence-rash',
            school,
            date,
            rpois(rnd, 0.5 * k * season(hfmd, date) + boost('C11', 14) + boost('L01', 8)),
            enrolled,
          );
        }
      }
    }
    for (const c of counties) {
      const ts = byCounty.get(c)!;
      const pop = ts.reduce((s, t) => s + t.population, 0) / 100_000;
      for (let i = 0; i < 2; i++) {
        const t = ts[i % ts.length]!;
        const src = {
          key: `name:${t.code}:${t.name}大药房${i + 1}`,
          name: `${t.name}大药房${i + 1}`,
          inst: null,
          area: t.code,
          county: c,
        };
        if (c === c2 && i === 1 && day > dayIndex(to) - 9) continue; // a pharmacy that stopped reporting
        push('pharmacy-antipyretic', src, date, rpois(rnd, 8 * pop * season(fluSeason, date)), null);
        push('pharmacy-antidiarrhoeal', src, date, rpois(rnd, 3 * pop * season(diarrhoea, date)), null);
        push('pharmacy-cough', src, date, rpois(rnd, 6 * pop * season(fluSeason, date)), null);
        push('pharmacy-antiviral', src, date, rpois(rnd, 2 * pop * season(fluSeason, date)), null);
      }
    }
  }
  return { cards, streamRows, outbreaks, from, to, streamFrom };
}
