// The figures the demo city is calibrated to. 2015 and 2020 come from seed 000 (新乡市"十四五"医疗卫生
// 健康服务体系发展规划): 2020 totals and per-1,000 ratios, and 2015 ratios derived from its "比2015年增加"
// figures. Seed 000 states no numeric 2025 ratio targets, so 2025 uses the national 十四五 targets
// (医师 3.2 → 3.3 here since 新乡 is above average, 护士 3.8, 全科 3.93) and Henan's bed and staffing
// direction; treat them as assumptions, not quotations.

export const BASELINE_2020 = {
  institutions: 5358,
  bedsActual: 41_351,
  healthTechnicians: 43_800,
  doctors: 18_006,
  nurses: 18_634,
  generalPractitioners: 1987,
  /** 41,351 beds ÷ 6.61 per 1,000 ≈ 6.25 M; the 2020 census gave 6,251,929. */
  resident: 6_252_000,
} as const;

export type RatioKey = 'bedsActual' | 'healthTechnicians' | 'doctors' | 'nurses' | 'generalPractitioners';

/** Per 1,000 residents (GPs per 10,000 are stored per 1,000 here: 3.17 → 0.317). */
const ANCHORS: Readonly<Record<RatioKey, readonly [number, number, number]>> = {
  //                   2015    2020                  2025
  bedsActual: [5.04, 41_351 / 6252, 7.4],
  healthTechnicians: [5.79, 43_800 / 6252, 8.4],
  doctors: [2.27, 18_006 / 6252, 3.3],
  nurses: [2.43, 18_634 / 6252, 3.8],
  generalPractitioners: [0.15, 1987 / 6252, 0.393],
};

/**
 * Per-1,000 ratio in `year`: linear between 2015, 2020 and 2025; outside them it drifts gently (−3 % a
 * year before 2015, +1 % after 2025) rather than extrapolating the steep plan-period slopes.
 */
export function ratioIn(key: RatioKey, year: number): number {
  const [a, b, c] = ANCHORS[key];
  if (year < 2015) return a * 0.97 ** (2015 - year);
  if (year <= 2020) return b + ((b - a) * (year - 2020)) / 5;
  if (year <= 2025) return b + ((c - b) * (year - 2020)) / 5;
  return c * 1.01 ** (year - 2025);
}

/** Resident population relative to 2020: slight growth before, slow decline after (outmigration, low births). */
export function populationFactor(year: number): number {
  return year <= 2020 ? 1 - 0.002 * (2020 - year) : 1 - 0.0035 * (year - 2020);
}

/** Crude birth and death rates (‰), after Henan's published series; the last value carries on. */
const BIRTH_RATE: Readonly<Record<number, number>> = {
  2015: 12.7,
  2016: 13.3,
  2017: 12.9,
  2018: 11.7,
  2019: 11.0,
  2020: 9.2,
  2021: 8.0,
  2022: 7.4,
  2023: 6.8,
  2024: 6.9,
  2025: 6.5,
};
const DEATH_RATE: Readonly<Record<number, number>> = {
  2015: 7.0,
  2016: 7.1,
  2017: 6.9,
  2018: 7.0,
  2019: 6.8,
  2020: 7.2,
  2021: 7.4,
  2022: 7.5,
  2023: 7.9,
  2024: 7.6,
  2025: 7.7,
};

function lookup(table: Readonly<Record<number, number>>, year: number): number {
  const clamped = Math.min(2025, Math.max(2015, year));
  return table[clamped]!;
}

export const birthRate = (year: number): number => lookup(BIRTH_RATE, year);
export const deathRate = (year: number): number => lookup(DEATH_RATE, year);

export const AGE_BANDS = ['age0To2', 'age3To6', 'age7To14', 'age15To59', 'age60To64', 'age65Plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** City-wide age shares (2020 census for Henan: 0–14 23.1 %, 60+ 18.1 %, 65+ 13.5 %), moving with ageing. */
const AGE_SHARES: Readonly<Record<2015 | 2020 | 2025, readonly number[]>> = {
  2015: [0.038, 0.052, 0.132, 0.638, 0.048, 0.092],
  2020: [0.033, 0.052, 0.146, 0.588, 0.046, 0.135],
  2025: [0.024, 0.042, 0.14, 0.582, 0.054, 0.158],
};

export function ageShares(year: number): number[] {
  const [from, to, t] =
    year <= 2020 ? ([2015, 2020, (year - 2015) / 5] as const) : ([2020, 2025, (year - 2020) / 5] as const);
  const a = AGE_SHARES[from];
  const b = AGE_SHARES[to];
  return a.map((x, i) => Math.max(0.005, x + (b[i]! - x) * t));
}
