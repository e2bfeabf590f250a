// Institutions whose number is not fixed by the map: private hospitals, community health stations,
// independent medical centres, 门诊部, clinics and infirmaries. Their count is what `scale` multiplies,
// and the clinics fill the city up to the 5,358 institutions open at the end of 2020 (seed 000).
// Each group has a life history: most were open before the first year, some opened or closed since.

import type { Rng } from '../platform/prng.ts';
import type { County, Township } from './areas.ts';
import type { UsccPrefix } from './codes.ts';
import { brand, personName } from './names.ts';
import { addPlan, type BuildContext, date, isOpen } from './plan.ts';
import type { TownshipModel } from './population.ts';
import type { Kind } from './profiles.ts';

interface Span {
  openedOn: string;
  closedOn: string | null;
}

type Life = 'alive-2020' | 'closed-before' | 'opened-after';

/** Opening and closing dates for one of the three life histories (open at the end of 2020 or not). */
function span(
  rng: Rng,
  ctx: BuildContext,
  life: Life,
  newShare: number,
  closeLaterShare: number,
  earliest = 1995,
): Span {
  const { fromYear, toYear } = ctx;
  const before = Math.min(fromYear - 1, 2020);
  if (life === 'opened-after') return { openedOn: date(rng, rng.int(2021, Math.max(2021, toYear))), closedOn: null };
  if (life === 'closed-before') {
    return {
      openedOn: date(rng, rng.int(earliest, Math.max(earliest, before))),
      closedOn: date(rng, rng.int(Math.min(fromYear, 2020), 2020)),
    };
  }
  const recent = fromYear <= 2020 && rng.chance(newShare);
  const openedOn = date(rng, recent ? rng.int(fromYear, 2020) : rng.int(earliest, Math.max(earliest, before)));
  const closedOn = toYear > 2020 && rng.chance(closeLaterShare) ? date(rng, rng.int(2021, toYear)) : null;
  return { openedOn, closedOn };
}

/** Counts per life history for a group that should have `alive` members at the end of 2020. */
function lives(ctx: BuildContext, alive: number, closedShare: number, openPerYear: number): Life[] {
  const out: Life[] = [];
  for (let i = 0; i < alive; i++) out.push('alive-2020');
  if (ctx.fromYear <= 2020) for (let i = Math.round(alive * closedShare); i > 0; i--) out.push('closed-before');
  for (let i = Math.round(alive * openPerYear * Math.max(0, ctx.toYear - 2020)); i > 0; i--) out.push('opened-after');
  return out;
}

class TownshipPicker {
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(
    private readonly models: readonly TownshipModel[],
    weight: (m: TownshipModel) => number,
  ) {
    for (const m of models) {
      this.total += weight(m);
      this.cumulative.push(this.total);
    }
  }

  pick(rng: Rng): Township {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.models[lo]!.township;
  }
}

const HOSPITAL_TYPES: readonly { category: string; suffix: string; weight: number; bedsPerHt: number }[] = [
  { category: 'A1', suffix: '医院', weight: 40, bedsPerHt: 1.3 },
  { category: 'A2', suffix: '中医院', weight: 7, bedsPerHt: 1.2 },
  { category: 'A3', suffix: '中西医结合医院', weight: 4, bedsPerHt: 1.2 },
  { category: 'A58', suffix: '妇产医院', weight: 8, bedsPerHt: 1.0 },
  { category: 'A52', suffix: '眼科医院', weight: 6, bedsPerHt: 0.7 },
  { category: 'A51', suffix: '口腔医院', weight: 3, bedsPerHt: 0.3 },
  { category: 'A5G', suffix: '骨科医院', weight: 7, bedsPerHt: 1.5 },
  { category: 'A5H', suffix: '康复医院', weight: 6, bedsPerHt: 2.0 },
  { category: 'A5A', suffix: '精神病医院', weight: 4, bedsPerHt: 2.5 },
  { category: 'A54', suffix: '肿瘤医院', weight: 2, bedsPerHt: 1.3 },
  { category: 'A53', suffix: '耳鼻喉医院', weight: 2, bedsPerHt: 0.8 },
  { category: 'A5K', suffix: '医疗美容医院', weight: 2, bedsPerHt: 0.4 },
  { category: 'A5Z', suffix: '肛肠医院', weight: 4, bedsPerHt: 1.2 },
  { category: 'A7', suffix: '护理院', weight: 5, bedsPerHt: 2.5 },
];

const CENTRE_TYPES: readonly { category: string; suffix: string; weight: number; bedsPerHt: number }[] = [
  { category: 'Z1', suffix: '医学检验实验室', weight: 3, bedsPerHt: 0 },
  { category: 'Z2', suffix: '病理诊断中心', weight: 0.5, bedsPerHt: 0 },
  { category: 'Z3', suffix: '医学影像诊断中心', weight: 1, bedsPerHt: 0 },
  { category: 'Z4', suffix: '血液透析中心', weight: 2, bedsPerHt: 0 },
  { category: 'Z5', suffix: '消毒供应中心', weight: 0.3, bedsPerHt: 0 },
  { category: 'Z6', suffix: '健康体检中心', weight: 3, bedsPerHt: 0 },
  { category: 'Z7', suffix: '安宁疗护中心', weight: 0.5, bedsPerHt: 1.5 },
  { category: 'Z8', suffix: '康复医疗中心', weight: 1, bedsPerHt: 1.5 },
  { category: 'Z9', suffix: '护理中心', weight: 0.7, bedsPerHt: 1.5 },
];

const CLINIC_TYPES: readonly { category: string; suffix: string; weight: number; byBrand: boolean }[] = [
  { category: 'D21', suffix: '诊所', weight: 58, byBrand: false },
  { category: 'D22', suffix: '中医诊所', weight: 22, byBrand: false },
  { category: 'D25', suffix: '口腔诊所', weight: 12, byBrand: true },
  { category: 'D23', suffix: '中西医结合诊所', weight: 8, byBrand: false },
];

const OPD_TYPES: readonly { category: string; suffix: string; weight: number }[] = [
  { category: 'D11', suffix: '综合门诊部', weight: 50 },
  { category: 'D12', suffix: '中医门诊部', weight: 20 },
  { category: 'D15', suffix: '口腔门诊部', weight: 15 },
  { category: 'D15', suffix: '医疗美容门诊部', weight: 10 },
  { category: 'D13', suffix: '中西医结合门诊部', weight: 5 },
];

const HOSTS = [
  '第一高级中学',
  '第二中学',
  '实验中学',
  '实验小学',
  '职业技术学院',
  '化纤厂',
  '热电厂',
  '纺织厂',
  '机械厂',
  '水泥厂',
  '造纸厂',
  '粮食储备库',
  '汽车站',
  '监狱',
  '看守所',
  '养老院',
  '福利院',
  '电力公司',
  '自来水公司',
  '钢厂',
];

function privateUscc(rng: Rng, forProfitShare: number): { uscc: UsccPrefix; forProfit: boolean } {
  return rng.chance(forProfitShare) ? { uscc: '91', forProfit: true } : { uscc: '52', forProfit: false };
}

export function addMarketInstitutions(
  ctx: BuildContext,
  models: readonly TownshipModel[],
  scale: number,
  total2020: number,
): void {
  const { rng } = ctx;
  if (models.length === 0) return;
  const seq = new Map<string, number>();
  const nextKey = (prefix: string, county: County) => {
    const id = `${prefix}-${county.code}`;
    const n = (seq.get(id) ?? 0) + 1;
    seq.set(id, n);
    return `${id}-${String(n).padStart(4, '0')}`;
  };
  const urbanPicker = new TownshipPicker(
    models,
    (m) => m.weight * (m.urban ? 2.2 : 1) * (m.township.county.kind === 'district' ? 1.5 : 1),
  );
  const anyPicker = new TownshipPicker(models, (m) => m.weight * (m.urban ? 1.6 : 1));
  const add = (
    prefix: string,
    t: Township,
    kind: Kind,
    category: string,
    name: string,
    size: number,
    bedsPerHt: number,
    s: Span,
    owner: { uscc: UsccPrefix; forProfit: boolean; ownership?: 'government' | 'other-public' | 'private' },
    grade: [1 | 2 | null, '甲' | '乙' | null] = [null, null],
  ) =>
    addPlan(ctx, {
      key: nextKey(prefix, t.county),
      name,
      category,
      kind,
      county: t.county,
      township: t,
      ownership: owner.ownership ?? 'private',
      forProfit: owner.forProfit,
      uscc: owner.uscc,
      gradeLevel: grade[0],
      gradeClass: grade[1],
      size,
      bedsPerHt,
      openedOn: s.openedOn,
      closedOn: s.closedOn,
      spreadKm: 3,
    });

  // Private hospitals: ~95 at scale 1, two in three of 新乡's hospitals, mostly small and ungraded.
  for (const life of lives(ctx, Math.round(95 * scale), 0.08, 0.04)) {
    const t = urbanPicker.pick(rng);
    const type = HOSPITAL_TYPES[rng.weighted(HOSPITAL_TYPES.map((h) => h.weight))]!;
    const g = rng.next();
    const grade: [1 | 2 | null, '甲' | '乙' | null] =
      g < 0.1 ? [2, rng.chance(0.3) ? '甲' : '乙'] : g < 0.4 ? [1, null] : [null, null];
    const size = (25 + 160 * rng.next() ** 2) * (grade[0] === 2 ? 1.8 : 1);
    add(
      'ph',
      t,
      'hospital-private',
      type.category,
      ctx.names.claim(`${t.county.short}${brand(rng)}`, type.suffix),
      size,
      type.bedsPerHt * rng.range(0.9, 1.2),
      span(rng, ctx, life, 0.35, 0.06),
      privateUscc(rng, 0.7),
      grade,
    );
  }

  // Community health stations in city neighbourhoods, about one per three communities.
  const communities = models.flatMap((m) => m.township.villages.filter((v) => v.urban));
  if (communities.length > 0) {
    for (const life of lives(ctx, Math.round(communities.length * 0.35 * scale), 0.05, 0.02)) {
      const v = rng.pick(communities);
      const t = v.township;
      const government = rng.chance(0.6);
      const stem = `${t.county.short}${v.name.endsWith('社区') ? v.name : `${v.name}社区`}`;
      add(
        'chs',
        t,
        'chs',
        'B2',
        ctx.names.claim(stem, '卫生服务站'),
        rng.range(3, 8),
        0,
        span(rng, ctx, life, 0.3, 0.03),
        government ? { uscc: '12', forProfit: false, ownership: 'government' } : { uscc: '52', forProfit: false },
      );
    }
  }

  // Independent centres (licensed since 2016): few in 2020, growing fast after.
  for (const life of lives(ctx, Math.round(10 * scale), 0, 0.25)) {
    const t = urbanPicker.pick(rng);
    const type = CENTRE_TYPES[rng.weighted(CENTRE_TYPES.map((c) => c.weight))]!;
    const s: Span =
      life === 'opened-after'
        ? span(rng, ctx, life, 0, 0)
        : { openedOn: date(rng, rng.int(Math.min(2017, ctx.toYear), 2020)), closedOn: null };
    add(
      'ctr',
      t,
      'centre',
      type.category,
      ctx.names.claim(`新乡${brand(rng)}`, type.suffix),
      rng.range(8, 40),
      type.bedsPerHt,
      s,
      privateUscc(rng, 0.85),
    );
  }

  // Whatever remains of the 2020 total is 门诊部, infirmaries and clinics.
  const open2020 = ctx.plans.filter((p) => isOpen(p, 2020)).length;
  const rest = Math.max(0, total2020 - open2020);
  const opd = Math.round(rest * 0.11);
  const infirmary = Math.round(rest * 0.06);
  for (const life of lives(ctx, opd, 0.1, 0.03)) {
    const t = urbanPicker.pick(rng);
    const type = OPD_TYPES[rng.weighted(OPD_TYPES.map((o) => o.weight))]!;
    add(
      'opd',
      t,
      'opd',
      type.category,
      ctx.names.claim(`${t.county.short}${brand(rng)}`, type.suffix),
      rng.range(5, 18),
      0,
      span(rng, ctx, life, 0.4, 0.05),
      privateUscc(rng, 0.75),
    );
  }
  for (const life of lives(ctx, infirmary, 0.1, 0.01)) {
    const t = anyPicker.pick(rng);
    add(
      'inf',
      t,
      'infirmary',
      'D4',
      ctx.names.claim(`${t.county.short}${rng.pick(HOSTS)}`, '医务室'),
      rng.range(1, 3),
      0,
      span(rng, ctx, life, 0.2, 0.05),
      { uscc: '12', forProfit: false, ownership: 'other-public' },
    );
  }
  for (const life of lives(ctx, rest - opd - infirmary, 0.1, 0.03)) {
    const t = anyPicker.pick(rng);
    const type = CLINIC_TYPES[rng.weighted(CLINIC_TYPES.map((c) => c.weight))]!;
    const who = type.byBrand ? brand(rng) : personName(rng);
    const r = rng.next();
    const owner =
      r < 0.6
        ? { uscc: '92' as const, forProfit: true }
        : r < 0.75
          ? { uscc: '91' as const, forProfit: true }
          : { uscc: '52' as const, forProfit: false };
    add(
      'cl',
      t,
      'clinic',
      type.category,
      ctx.names.claim(`${t.county.short}${t.name}${who}`, type.suffix),
      rng.range(1.5, 4),
      0,
      span(rng, ctx, life, 0.4, 0.06),
      owner,
    );
  }
}
