// A detector setting tried before it is saved: the new detector and parameters run over the last year of a
// city's (or county's) series, county by county as the engine runs them, next to the setting in force, so a
// duty officer sees "12 alarms in the last 52 weeks instead of 30" before pressing save. Nothing is stored.
import type { Bilingual } from '@weijian/core/platform';
import {
  type Algorithm,
  DetectionInputError,
  detectEvaluable,
  frequencyOf,
  lookbackPeriods,
  type PeriodUnit,
  periodIndex,
  periodStart,
} from '@weijian/core/surveillance';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { cityOf } from './city-settings.ts';
import { checkDetector } from './detector-check.ts';
import { areaCounts, caseDataStart, groupSeries, streamHistoryDays } from './engine-series.ts';
import type { SurveillanceServices } from './services.ts';

export interface PreviewRequest {
  /** A disease code or a stream code. */
  subject: string;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  /** Diseases only: the unit of the series (default: the disease's). Streams are daily. */
  frequency?: 'day' | 'week';
  /** A city (4 digits) or county (6); default: the caller's scope. */
  area?: string;
  /** Last day of the year previewed (default: today). */
  to: string;
}

interface Setting {
  algorithm: Algorithm;
  params: Record<string, unknown>;
}

/** Alarms of one setting over one county's series: the periods (indexes into the preview) that alarm. */
function alarmsOf(values: (number | null)[], lo: number, unit: PeriodUnit, daily: boolean, s: Setting): number[] {
  // Streams are evaluated over the days a source reported (as the engine does), cases over every period.
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) if (!daily || values[i] !== null) positions.push(i);
  const rlo = positions.findIndex((i) => i >= lo);
  if (rlo < 0) return [];
  const evaluated = detectEvaluable({
    algorithm: s.algorithm,
    frequency: frequencyOf(unit),
    observed: daily ? positions.map((i) => values[i] ?? 0) : values,
    range: [rlo, positions.length - 1],
    params: s.params,
  });
  if (!evaluated) return [];
  const out: number[] = [];
  evaluated.result.alarm.forEach((a, k) => {
    if (a) out.push(positions[evaluated.from + k]! - lo);
  });
  return out;
}

export async function previewDetector(s: SurveillanceServices, policy: AccessPolicy, req: PreviewRequest) {
  policy.requireRole(['admin', 'city'], {
    zh: '只有平台或市级管理员可以试算预警参数',
    en: 'Only platform or city administrators preview detector settings',
  });
  const area = req.area ?? policy.scopeAreaCode;
  if (!area || !/^\d{4}(\d{2})?$/.test(area))
    throw invalid([
      {
        path: 'area',
        message: {
          zh: '请选择试算的市（4 位）或县（6 位）',
          en: 'Choose the city (4 digits) or county (6) to preview',
        },
      },
    ]);
  const year = Number(req.to.slice(0, 4));
  const real = !Number.isNaN(Date.parse(req.to)) && new Date(Date.parse(req.to)).toISOString().slice(0, 10) === req.to;
  if (!real || year < 2000 || year > 2100)
    throw invalid([
      {
        path: 'to',
        message: { zh: `日期 ${req.to} 超出范围（2000–2100 年）`, en: `${req.to} is out of range (2000–2100)` },
      },
    ]);
  await policy.requireReadArea(area, year);
  const city = cityOf(area);
  const disease = (await s.diseases.forCity(city)).get(req.subject);
  const stream = disease ? undefined : (await s.engine.streamDefinitions(city)).find((x) => x.code === req.subject);
  if (!disease && !stream)
    throw notFound({ zh: `病种或数据流 ${req.subject} `, en: `Disease or stream ${req.subject}` });
  const unit: PeriodUnit = disease ? (req.frequency ?? disease.frequency) : 'day';
  // Every bad parameter at once, named as on the form, before anything is read.
  checkDetector(req.algorithm, req.params, unit === 'day' ? 365 : 52);
  const proposed: Setting = { algorithm: req.algorithm, params: req.params };
  const current: Setting = { algorithm: (disease ?? stream)!.algorithm, params: (disease ?? stream)!.params };

  const tree = await s.areas.tree();
  const counties =
    area.length === 6
      ? [{ code: area, name: (await s.areas.get(area)).name }]
      : tree
          .childrenIn(area, year)
          .filter((c) => c.level === 3)
          .map((c) => ({ code: c.code, name: c.name }));
  const toIdx = periodIndex(unit, req.to);
  const periods = unit === 'week' ? 52 : 364;
  const fromIdx = toIdx - periods + 1;
  const daily = !disease;
  const history = (x: Setting) =>
    daily ? streamHistoryDays(x.algorithm, x.params) : lookbackPeriods(x.algorithm, x.params, frequencyOf(unit)) + 1;
  const startIdx = fromIdx - Math.max(history(proposed), history(current));
  const dataStart = disease ? await caseDataStart(s.db) : null;
  let error: Bilingual | null = null;
  const rows: { code: string; name: string; alarms: number; current: number; periods: number[] }[] = [];
  for (const c of counties) {
    const counts = await areaCounts(
      s.db,
      disease ? 'case' : 'stream',
      req.subject,
      c.code,
      periodStart(unit, startIdx),
      req.to,
    );
    const values =
      groupSeries(counts, unit, startIdx, toIdx, disease ? periodIndex(unit, dataStart ?? req.to) : null).get(c.code)
        ?.values ?? new Array<number | null>(toIdx - startIdx + 1).fill(disease ? 0 : null);
    const lo = fromIdx - startIdx;
    let mine: number[] = [];
    let theirs: number[] = [];
    try {
      mine = alarmsOf(values, lo, unit, daily, proposed);
    } catch (e) {
      if (!(e instanceof DetectionInputError)) throw e;
      error ??= { zh: e.zh, en: e.en };
    }
    try {
      theirs = alarmsOf(values, lo, unit, daily, current);
    } catch (e) {
      if (!(e instanceof DetectionInputError)) throw e;
    }
    rows.push({ ...c, alarms: mine.length, current: theirs.length, periods: mine });
  }
  const starts = Array.from({ length: periods }, (_, i) => periodStart(unit, fromIdx + i));
  const perPeriod = starts.map((start, i) => ({
    start,
    alarms: rows.filter((r) => r.periods.includes(i)).length,
  }));
  return {
    subject: req.subject,
    area,
    unit,
    from: starts[0]!,
    to: req.to,
    alarms: rows.reduce((n, r) => n + r.alarms, 0),
    currentAlarms: rows.reduce((n, r) => n + r.current, 0),
    counties: rows.map(({ periods: _, ...r }) => r),
    periods: perPeriod,
    error,
  };
}
