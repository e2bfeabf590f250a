/**
 * Multi-point fusion (多点触发): signals from different sources for the same area and window join into
 * one event, scored so that corroborated signals rank above any single one.
 *
 * Grouping. A signal belongs to an area — a township (case aberrations of township-level diseases,
 * school and clinic streams, clusters) or a county (county-level diseases, immediate single cases) —
 * and to a syndrome group (respiratory, gastrointestinal, fever with rash, or the disease itself; see
 * diseases.ts SYNDROMES), so a 手足口病 cluster fuses with a school rash spike but 乙肝 never fuses with
 * cough-medicine sales. Signals of one area and syndrome within `windowDays` of the event's first
 * signal form one event (anchored, so a long run of signals opens a new event each window instead of
 * chaining one for weeks). A township event and a county event of the same county and syndrome within
 * the window merge into the county event, whose explanation still names the townships.
 * `source-silent` signals report data quality, not disease, and never join events.
 *
 * Scoring. Each signal has a strength s ∈ (0, 1] from how far the count exceeds its bound
 * (s = 1 − exp(−(1 + excess)), excess = (observed − upperbound) / max(upperbound, 1), so a bare
 * exceedance scores 0.63 and twice the bound scores ≥ 0.86) and a source weight w (case reports 1,
 * schools 0.8, clinics 0.7, pharmacies 0.5, custom 0.5). Within one source category the strongest
 * signal counts; across categories the evidence combines as a noisy-OR, risk = 1 − Π(1 − w·s), which is
 * larger than any single term whenever a second category fired. Immediate signals (one case of a
 * 甲类 / 乙类甲管 disease, fixed thresholds on rare diseases) make the event red at once.
 * Levels follow the Chinese warning colours: 4 红 ≥ 0.85, 3 橙 ≥ 0.7, 2 黄 ≥ 0.5, else 1 蓝.
 */
import type { Bilingual } from '../platform/text.ts';

/** `scan`: a significant space-time permutation scan cluster over a county's townships (scan.ts). */
export type SignalSource = 'case' | 'fixed' | 'cluster' | 'stream' | 'silent' | 'scan';

/** Source categories that count as independent evidence. */
export type EvidenceCategory =
  | 'case-report'
  | 'school'
  | 'fever-clinic'
  | 'intestinal-clinic'
  | 'pharmacy'
  | 'custom'
  | 'data-quality';

export interface FusionSignal {
  id: number;
  source: SignalSource;
  category: EvidenceCategory;
  /** Disease code or stream code. */
  subject: string;
  subjectName: string;
  areaCode: string;
  areaName: string;
  areaLevel: 'county' | 'township';
  countyCode: string;
  /** Last day (ISO date) of the period that alarmed. */
  date: string;
  observed: number;
  upperbound: number | null;
  /** The scan's expected count: its strength is measured against it, as it has no upper bound. */
  expected?: number | null;
  algorithm: string;
  /** A fixed-threshold signal that needs immediate response (甲类, 乙类甲管, rare diseases). */
  immediate?: boolean;
  /**
   * The cards behind the signal were deleted or corrected away, so it no longer holds: it stays on its event
   * for the record but adds nothing to the risk.
   */
  withdrawn?: boolean;
  /** The school, kindergarten or village of a cluster, named in the explanation. */
  place?: string;
  /** Syndrome group (diseases.ts SYNDROMES) or the subject itself: only signals of one group fuse. */
  syndrome: string;
}

export interface EventScore {
  score: number;
  level: 1 | 2 | 3 | 4;
  explanation: Explanation;
}

export interface Explanation extends Bilingual {
  triggers: {
    category: EvidenceCategory;
    subject: string;
    subjectName: string;
    areaName: string;
    place?: string;
    date: string;
    observed: number;
    upperbound: number | null;
    algorithm: string;
    strength: number;
  }[];
}

export const CATEGORY_WEIGHTS: Record<EvidenceCategory, number> = {
  'case-report': 1,
  school: 0.8,
  'fever-clinic': 0.7,
  'intestinal-clinic': 0.7,
  pharmacy: 0.5,
  custom: 0.5,
  'data-quality': 0,
};

export const CATEGORY_LABELS: Record<EvidenceCategory, Bilingual> = {
  'case-report': { zh: '传染病报告', en: 'case reports' },
  school: { zh: '学校缺课', en: 'school absenteeism' },
  'fever-clinic': { zh: '发热门诊', en: 'fever clinics' },
  'intestinal-clinic': { zh: '肠道门诊', en: 'intestinal clinics' },
  pharmacy: { zh: '药店销售', en: 'pharmacy sales' },
  custom: { zh: '自定义监测', en: 'custom stream' },
  'data-quality': { zh: '数据报送', en: 'data reporting' },
};

export const RISK_LEVEL_LABELS: Record<1 | 2 | 3 | 4, Bilingual> = {
  1: { zh: '蓝色', en: 'blue' },
  2: { zh: '黄色', en: 'yellow' },
  3: { zh: '橙色', en: 'orange' },
  4: { zh: '红色', en: 'red' },
};

export function signalStrength(
  s: Pick<FusionSignal, 'observed' | 'upperbound' | 'immediate'> & Pick<Partial<FusionSignal>, 'expected'>,
): number {
  if (s.immediate) return 1;
  const ub = s.upperbound ?? s.expected ?? 0;
  const excess = Math.max(0, (s.observed - ub) / Math.max(ub, 1));
  return 1 - Math.exp(-(1 + excess));
}

export function levelOf(score: number, immediate: boolean): 1 | 2 | 3 | 4 {
  if (immediate || score >= 0.85) return 4;
  if (score >= 0.7) return 3;
  if (score >= 0.5) return 2;
  return 1;
}

/** Scores the signals of one event and explains which triggers fired. */
export function scoreEvent(all: readonly FusionSignal[]): EventScore {
  const signals = all.filter((s) => !s.withdrawn);
  const withdrawn = all.length - signals.length;
  const best = new Map<EvidenceCategory, { s: FusionSignal; strength: number }>();
  for (const s of signals) {
    if (s.category === 'data-quality') continue;
    const strength = signalStrength(s);
    const cur = best.get(s.category);
    if (!cur || strength > cur.strength) best.set(s.category, { s, strength });
  }
  let none = 1;
  for (const [cat, { strength }] of best) none *= 1 - CATEGORY_WEIGHTS[cat] * strength;
  const score = Math.round((1 - none) * 1000) / 1000;
  const immediate = signals.some((s) => s.immediate);
  const level = levelOf(score, immediate);
  const triggers = [...signals]
    .filter((s) => s.category !== 'data-quality')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id))
    .map((s) => ({
      category: s.category,
      subject: s.subject,
      subjectName: s.subjectName,
      areaName: s.areaName,
      ...(s.place ? { place: s.place } : {}),
      date: s.date,
      observed: s.observed,
      upperbound: s.upperbound,
      ...(s.source === 'scan' && s.expected != null ? { expected: s.expected } : {}),
      algorithm: s.algorithm,
      strength: Math.round(signalStrength(s) * 1000) / 1000,
    }));
  const cats = [...best.keys()];
  const zhParts = triggers.map(
    (t) =>
      `${t.date} ${t.areaName}${t.place ? `（${t.place}）` : ''}${t.subjectName}${CATEGORY_LABELS[t.category].zh}` +
      ('expected' in t
        ? `时空扫描聚集 观察值 ${t.observed}（期望 ${round1(t.expected as number)}）`
        : `观察值 ${t.observed}` + (t.upperbound === null ? '' : `（阈值 ${round1(t.upperbound)}）`)),
  );
  const enParts = triggers.map(
    (t) =>
      `${t.date} ${t.areaName}${t.place ? ` (${t.place})` : ''} ${t.subjectName} (${CATEGORY_LABELS[t.category].en}` +
      ('expected' in t
        ? `, space-time scan cluster) observed ${t.observed} (expected ${round1(t.expected as number)})`
        : `) observed ${t.observed}` + (t.upperbound === null ? '' : ` (bound ${round1(t.upperbound)})`)),
  );
  const lead = {
    zh: `${RISK_LEVEL_LABELS[level].zh}风险（${score}）：${cats.length} 类来源触发（${cats.map((c) => CATEGORY_LABELS[c].zh).join('、')}）${immediate ? '，含需立即响应的病例' : ''}。`,
    en: `${RISK_LEVEL_LABELS[level].en} risk (${score}): ${cats.length} source ${cats.length === 1 ? 'category' : 'categories'} fired (${cats.map((c) => CATEGORY_LABELS[c].en).join(', ')})${immediate ? ', including a case needing immediate response' : ''}.`,
  };
  const note = withdrawn
    ? {
        zh: `${withdrawn} 个信号已撤回（所依据的报告卡或监测数据已删除或更正），不再计入风险。`,
        en: `${withdrawn} signal${withdrawn === 1 ? '' : 's'} withdrawn (the report cards or counts behind them were deleted or corrected), no longer counted.`,
      }
    : null;
  if (!signals.length && note) {
    return {
      score: 0,
      level: 1,
      explanation: { zh: `所有触发信号均已撤回：${note.zh}`, en: `Every trigger withdrawn: ${note.en}`, triggers },
    };
  }
  return {
    score,
    level,
    explanation: {
      zh: `${lead.zh}${zhParts.join('；')}${note ? `。${note.zh}` : ''}`,
      en: `${lead.en} ${enParts.join('; ')}${note ? `. ${note.en}` : ''}`,
      triggers,
    },
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** An event as the fusion step sees it. `key` is the stored id (number) or a new event's temporary key. */
export interface FusionEvent {
  key: number | string;
  areaCode: string;
  areaName: string;
  areaLevel: 'county' | 'township';
  countyCode: string;
  syndrome: string;
  firstDate: string;
  lastDate: string;
  signals: FusionSignal[];
  /** Events no longer open (excluded, closed) take no new signals. */
  open: boolean;
}

export interface FusionResult {
  /** Every event that was created or received signals, with its new score. */
  changed: (FusionEvent & EventScore & { isNew: boolean; mergedFrom: (number | string)[] })[];
}

const DAY = 86_400_000;
const daysBetween = (a: string, b: string) => Math.abs(Date.parse(b) - Date.parse(a)) / DAY;

/**
 * Places new signals into events. `existing` holds the open events that might take them (those of
 * the same counties whose last date is within the window). Existing events are never split; a
 * township event absorbed by a county event is reported in `mergedFrom`.
 */
export function fuseSignals(
  existing: readonly FusionEvent[],
  incoming: readonly FusionSignal[],
  windowDays = 7,
): FusionResult {
  const events: (FusionEvent & { isNew: boolean; touched: boolean; mergedFrom: (number | string)[] })[] = existing.map(
    (e) => ({ ...e, signals: [...e.signals], isNew: false, touched: false, mergedFrom: [] }),
  );
  let seq = 0;
  const sorted = [...incoming]
    .filter((s) => s.category !== 'data-quality')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  // The window is anchored at the event's first signal, so a long run of signals does not chain one
  // event on for weeks: the next week's signals open the next event.
  const near = (e: FusionEvent, date: string) => e.open && daysBetween(e.firstDate, date) <= windowDays;
  for (const s of sorted) {
    // Prefer the signal's own area; a township signal also joins its county's event of the same syndrome.
    const own = events.find((e) => e.areaCode === s.areaCode && e.syndrome === s.syndrome && near(e, s.date));
    const county =
      own ??
      (s.areaLevel === 'township'
        ? events.find(
            (e) =>
              e.areaLevel === 'county' && e.countyCode === s.countyCode && e.syndrome === s.syndrome && near(e, s.date),
          )
        : undefined);
    const target = own ?? county;
    if (target) {
      target.signals.push(s);
      if (s.date < target.firstDate) target.firstDate = s.date;
      if (s.date > target.lastDate) target.lastDate = s.date;
      target.touched = true;
      continue;
    }
    events.push({
      key: `new-${++seq}`,
      areaCode: s.areaCode,
      areaName: s.areaName,
      areaLevel: s.areaLevel,
      countyCode: s.countyCode,
      syndrome: s.syndrome,
      firstDate: s.date,
      lastDate: s.date,
      signals: [s],
      open: true,
      isNew: true,
      touched: true,
      mergedFrom: [],
    });
  }
  // A county event absorbs the overlapping open township events of its county.
  for (const c of events) {
    if (c.areaLevel !== 'county' || !c.open || !c.touched) continue;
    for (const t of events) {
      if (t === c || t.areaLevel !== 'township' || !t.open || t.countyCode !== c.countyCode) continue;
      if (t.syndrome !== c.syndrome || daysBetween(t.firstDate, c.firstDate) > windowDays) continue;
      c.signals.push(...t.signals);
      if (t.firstDate < c.firstDate) c.firstDate = t.firstDate;
      if (t.lastDate > c.lastDate) c.lastDate = t.lastDate;
      c.mergedFrom.push(t.key, ...t.mergedFrom);
      t.open = false;
      t.signals = [];
      t.touched = false;
    }
  }
  // A township signal that just created a county-less event may join a county event created earlier in
  // this batch: handled above. Existing township events merged away are dropped from the result.
  const merged = new Set(events.flatMap((e) => e.mergedFrom));
  return {
    changed: events
      .filter((e) => e.touched && !merged.has(e.key))
      .map(({ touched: _t, ...e }) => ({ ...e, ...scoreEvent(e.signals) })),
  };
}
