// What a monitoring or evaluation report says (gathered by reports-service.ts) and the formatting the XLSX
// and DOCX renderers share: the overview (counts by status), the main-indicator table, lagging and
// binding-indicator warnings, the county breakdown, task progress and the data sources.
import { STATUS_LABELS, type Status } from '@weijian/core/planning';
import { TASK_STATUS_LABELS, type TaskStatus } from '@weijian/core/planning/tasks';
import type { Bilingual } from '@weijian/core/platform';
import { currentYear } from '../registry/index.ts';
import type { itemJson } from './evaluation-service.ts';
import type { taskJson } from './tasks-service.ts';

export type ReportKind = 'annual' | 'mid-term' | 'final';
export const REPORT_KINDS: readonly ReportKind[] = ['annual', 'mid-term', 'final'];

export const REPORT_TITLES: Record<ReportKind, Bilingual> = {
  annual: { zh: '年度监测报告', en: 'Annual monitoring report' },
  'mid-term': { zh: '中期评估报告', en: 'Mid-term evaluation report' },
  final: { zh: '终期评估报告', en: 'Final evaluation report' },
};

export type IndicatorLine = ReturnType<typeof itemJson> & { series: { year: number; value: number | null }[] };

export interface ReportData {
  kind: ReportKind;
  title: string;
  plan: {
    id: number;
    name: string;
    regionCode: string;
    regionName: string;
    periodStart: number;
    periodEnd: number;
    baselineYear: number;
    version: number;
  };
  area: { code: string; name: string; level: number };
  year: number;
  generatedAt: string;
  asOf: string | null;
  counts: Record<Status, number>;
  indicators: IndicatorLine[];
  lagging: IndicatorLine[];
  warnings: IndicatorLine[];
  counties: { code: string; name: string; counts: Record<Status, number>; statuses: (Status | null)[] }[];
  tasks: {
    asOf: string;
    counts: Record<TaskStatus, number>;
    items: ReturnType<typeof taskJson>[];
  };
  sources: { source: string; kind: string; indicators: string[] }[];
}

/** The year a report of `kind` speaks about: mid-term = the middle year of the period, final = its end. */
export function reportYear(
  kind: ReportKind,
  plan: { periodStart: number; periodEnd: number; baselineYear: number },
  asked?: number,
) {
  if (asked !== undefined) return asked;
  if (kind === 'mid-term') return plan.periodStart + Math.floor((plan.periodEnd - plan.periodStart) / 2);
  if (kind === 'final') return plan.periodEnd;
  return Math.max(plan.baselineYear, Math.min(plan.periodEnd, currentYear() - 1));
}

export const SOURCE_LABELS: Record<string, string> = {
  registry: '卫生资源登记（机构年报、人口）',
  surveillance: '传染病监测（传染病报告卡、常住人口）',
  'statistical-yearbook': '统计年鉴',
  survey: '抽样调查',
  'vital-statistics': '人口死亡/出生监测',
  administrative: '业务管理数据',
  import: '导入',
  manual: '手工填报',
};

// ---- shared formatting -------------------------------------------------------------------------------

export const STATUS_FILL: Record<Status, string> = {
  met: 'C6EFCE',
  'on-track': 'DDEBF7',
  lagging: 'FFEB9C',
  warning: 'FFC7CE',
  'no-data': 'EDEDED',
};

export const TASK_FILL: Record<TaskStatus, string> = {
  done: 'C6EFCE',
  'in-progress': 'DDEBF7',
  lagging: 'FFEB9C',
  paused: 'EDEDED',
  'not-started': 'F2F2F2',
};

export const statusZh = (s: Status) => STATUS_LABELS[s].zh;
export const taskStatusZh = (s: TaskStatus) => TASK_STATUS_LABELS[s].zh;
export const natureZh = (n: string | null) => (n === 'binding' ? '约束性' : n === 'expected' ? '预期性' : '');

export function fmt(v: number | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Number(v.toFixed(decimals)).toString();
}

/** The overview paragraph every report opens with. */
export function overviewText(r: ReportData): string {
  const c = r.counts;
  const total = r.indicators.length;
  const t = r.tasks.counts;
  const tasks = r.tasks.items.length;
  return (
    `${r.area.name}${r.year}年纳入监测的主要指标共 ${total} 项，其中已达标 ${c.met} 项、进度正常 ${c['on-track']} 项、` +
    `滞后 ${c.lagging} 项、约束性指标预警 ${c.warning} 项、无数据 ${c['no-data']} 项。` +
    (tasks
      ? `重点任务和重大项目共 ${tasks} 项，已完成 ${t.done} 项、进行中 ${t['in-progress']} 项、滞后 ${t.lagging} 项、` +
        `暂停 ${t.paused} 项、未启动 ${t['not-started']} 项（截至 ${r.tasks.asOf}）。`
      : '')
  );
}

/** File name of a report: ASCII fallback and the Chinese name. */
export function reportFileNames(r: ReportData, format: 'xlsx' | 'docx') {
  return {
    ascii: `weijian-plan-${r.plan.id}-${r.kind}-${r.year}.${format}`,
    utf8: `${r.title}（${r.area.name}）.${format}`,
  };
}
