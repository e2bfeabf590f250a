// Shared pieces of the planning pages: status colours and tags, values with units, provenance, formulas and
// readable targets.
import { InfoCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime, formatRatio } from '../platform/format.ts';
import type { Lang } from '../platform/locale.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { Meta } from '../platform/types.ts';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import type {
  CatalogueIndicator,
  Component,
  EvaluationItem,
  Expr,
  InstitutionWhere,
  Provenance,
  Status,
  Target,
  TrendDirection,
} from './types.ts';

/** Status colours: the same in tags, counts, charts and the map. */
export const STATUS_COLOR: Record<Status, string> = {
  met: '#52c41a',
  'on-track': '#1677ff',
  lagging: '#fa8c16',
  warning: '#f5222d',
  'no-data': '#bfbfbf',
};

const STATUS_TAG: Record<Status, string> = {
  met: 'success',
  'on-track': 'processing',
  lagging: 'warning',
  warning: 'error',
  'no-data': 'default',
};

export function StatusTag({ status }: { status: Status }) {
  const t = usePlanningT();
  return (
    <Tag color={STATUS_TAG[status]} data-testid="status-tag" data-status={status}>
      {t(`status_${status}` as PlanningKey)}
    </Tag>
  );
}

export function NatureTag({ nature }: { nature: EvaluationItem['nature'] }) {
  const t = usePlanningT();
  if (!nature) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={nature === 'binding' ? 'magenta' : 'default'} data-nature={nature}>
      {t(`nature_${nature}`)}
    </Tag>
  );
}

const EN_UNIT: Record<string, string> = {
  '1/10万': 'per 100k',
  岁: 'years',
  天: 'days',
  张: 'beds',
  人: 'persons',
  个: '',
  所: 'institutions',
  公里: 'km',
  分钟: 'min',
  元: 'yuan',
  百分点: 'pp',
};

/** How a unit follows a number: glued symbols (30%, 8/10万), a spaced word in English. */
export function unitSuffix(unit: string | null | undefined, lang: Lang): string {
  if (!unit) return '';
  if (lang === 'zh') return unit === '1/10万' ? '/10万' : unit === '百分点' ? '个百分点' : unit;
  if (unit === '%' || unit === '‰') return unit;
  const word = EN_UNIT[unit];
  return word === undefined ? ` ${unit}` : word === '' ? '' : ` ${word}`;
}

export function formatValue(value: number | null | undefined, decimals: number, lang: Lang): string {
  return formatRatio(value, lang, Math.max(0, Math.min(4, decimals)));
}

function n(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

const OP: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '' };

/** Readable form of a target (the server sends targetDisplay for saved ones; this is for the editor). */
export function formatTarget(target: Target | null, lang: Lang, trend: (d: TrendDirection) => string): string {
  if (target === null) return '—';
  const u = 'unit' in target ? unitSuffix(target.unit, lang) : '';
  switch (target.kind) {
    case 'threshold':
      return `${OP[target.op] ?? ''}${lang === 'en' && target.op !== '=' ? ' ' : ''}${n(target.value)}${u}`;
    case 'approx':
      return lang === 'zh' ? `${n(target.value)}${u}左右` : `about ${n(target.value)}${u}`;
    case 'range':
      return `${n(target.min)}–${n(target.max)}${u}`;
    case 'trend':
      return trend(target.direction);
    case 'annual-change': {
      const v = `${n(Math.abs(target.delta))}${u}`;
      return lang === 'zh'
        ? `每年${target.delta < 0 ? '降低' : '提高'}${v}`
        : `${target.delta < 0 ? '−' : '+'}${v} per year`;
    }
    case 'relative': {
      const v = `${n(Math.abs(target.delta))}${u}`;
      return lang === 'zh'
        ? `比${target.base}年${target.delta < 0 ? '降低' : '提高'}${v}`
        : `${target.delta < 0 ? '−' : '+'}${v} vs ${target.base}`;
    }
    case 'unparsed':
      return target.text ?? '';
  }
}

const SOURCE_KEYS = new Set([
  'registry',
  'surveillance',
  'statistical-yearbook',
  'survey',
  'vital-statistics',
  'administrative',
  'import',
  'manual',
]);

export function useSourceLabel() {
  const t = usePlanningT();
  return (source: string | null | undefined) =>
    source && SOURCE_KEYS.has(source) ? t(`source_${source}` as PlanningKey) : (source ?? '—');
}

/** Labels of formula leaves: resource and population fields from /meta, codes from /meta's code lists. */
function useComponentText() {
  const { meta } = useSession();
  const { lang } = useLocale();
  return (c: Component | Expr) => exprText(c, meta, lang);
}

const FAMILY: Record<string, { zh: string; en: string }> = {
  hospital: { zh: '医院', en: 'hospitals' },
  'public-health': { zh: '专业公共卫生机构', en: 'public-health institutions' },
  primary: { zh: '基层医疗卫生机构', en: 'primary care' },
  other: { zh: '其他机构', en: 'other institutions' },
};
const OWNERSHIP: Record<string, { zh: string; en: string }> = {
  government: { zh: '政府办', en: 'government' },
  'other-public': { zh: '其他公立', en: 'other public' },
  public: { zh: '公立', en: 'public' },
  private: { zh: '社会办', en: 'private' },
};
const GRADE: Record<number, { zh: string; en: string }> = {
  1: { zh: '一级及以上', en: 'grade 1+' },
  2: { zh: '二级及以上', en: 'grade 2+' },
  3: { zh: '三级', en: 'grade 3' },
};

/** GET /meta lists categories flat (a type names its family by `parent`), so one lookup finds either. */
function findCategory(meta: Meta, code: string): { zh: string; en: string } | undefined {
  return meta.institutionCategories.find((c) => c.code === code);
}

function whereText(w: InstitutionWhere | undefined, meta: Meta, lang: Lang): string {
  if (!w) return '';
  const parts: string[] = [];
  for (const f of w.family ?? []) parts.push(FAMILY[f]?.[lang] ?? f);
  for (const c of w.category ?? []) parts.push(findCategory(meta, c)?.[lang] ?? c);
  if (w.minGrade) parts.push(GRADE[w.minGrade]?.[lang] ?? `≥${w.minGrade}`);
  for (const o of w.ownership ?? []) parts.push(OWNERSHIP[o]?.[lang] ?? o);
  if (!parts.length) return '';
  return lang === 'zh' ? `（${parts.join('，')}）` : ` (${parts.join(', ')})`;
}

/** Measures other modules compute, as component labels (componentKey: module:surveillance/notifiable-cases). */
const MODULE_MEASURES: Record<string, { zh: string; en: string }> = {
  'surveillance/notifiable-cases': { zh: '甲乙类传染病报告病例数', en: 'class A/B notifiable cases' },
};

export function exprText(e: Expr, meta: Meta, lang: Lang): string {
  if ('add' in e) return `(${e.add.map((x) => exprText(x, meta, lang)).join(' + ')})`;
  if ('sum' in e) {
    const f = meta.resourceFields.find((x) => x.key === e.sum);
    return `Σ ${f ? f[lang] : e.sum}${whereText(e.where, meta, lang)}`;
  }
  if ('count' in e) return `${lang === 'zh' ? '机构数' : 'institutions'}${whereText(e.where, meta, lang)}`;
  if ('population' in e) {
    const f = meta.populationFields.find((x) => x.key === e.population);
    return f ? f[lang] : e.population;
  }
  if ('module' in e) return MODULE_MEASURES[`${e.module}/${e.measure}`]?.[lang] ?? `${e.module}:${e.measure}`;
  return lang === 'zh' ? `填报值 ${e.reported}` : `reported ${e.reported}`;
}

/**
 * The formula of a catalogue indicator as text (Σ 实有床位 ÷ 常住人口 × 1000; for a module's indicator its
 * measure over registry facts), or null for reported ones.
 */
export function formulaText(def: CatalogueIndicator, meta: Meta, lang: Lang): string | null {
  const s = def.source;
  if (s.kind === 'reported') return null;
  const num = exprText(s.numerator, meta, lang);
  const den = s.denominator ? ` ÷ ${exprText(s.denominator, meta, lang)}` : '';
  const mult = s.multiplier !== 1 ? ` × ${s.multiplier.toLocaleString('en-US')}` : '';
  return `${num}${den}${mult}`;
}

/** Component keys of a provenance (sum:bedsActual[family=hospital]) as readable labels. */
export function componentKeyText(key: string, meta: Meta, lang: Lang): string {
  const [kind, restRaw] = key.split(':', 2) as [string, string | undefined];
  const rest = restRaw ?? '';
  const bracket = rest.indexOf('[');
  const name = bracket >= 0 ? rest.slice(0, bracket) : rest;
  const filter = bracket >= 0 ? rest.slice(bracket) : '';
  if (kind === 'sum') {
    const f = meta.resourceFields.find((x) => x.key === name);
    return `Σ ${f ? f[lang] : name}${filter}`;
  }
  if (kind === 'population') {
    const f = meta.populationFields.find((x) => x.key === name);
    return f ? f[lang] : name;
  }
  if (kind === 'count') return `${lang === 'zh' ? '机构数' : 'institutions'}${filter}`;
  if (kind === 'module') return MODULE_MEASURES[rest]?.[lang] ?? rest;
  return key;
}

export function ProvenanceDetails({ p, decimals, unit }: { p: Provenance; decimals: number; unit: string | null }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { meta } = useSession();
  const source = useSourceLabel();
  const label = p.aggregated
    ? t('prov_aggregated')
    : p.kind === 'computed' && p.source === 'surveillance'
      ? t('prov_computed_surveillance')
      : t(`prov_${p.kind}`);
  const rows: [string, ReactNode][] = [
    [t('provenance'), label],
    [t('provSource'), source(p.source)],
    [t('provAsOf'), formatDateTime(p.asOf, lang)],
  ];
  // A module's indicator without module data for the year: say why a reported value (or none) is shown.
  if (p.module && !p.module.hasData) rows.push([t('provModule'), t('provModuleNoData')]);
  const comps = Object.entries(p.components ?? {});
  if (comps.length) {
    rows.push([
      t('provComponents'),
      <span key="c">
        {comps.map(([k, v]) => (
          <div key={k}>
            {componentKeyText(k, meta, lang)}: {formatRatio(v, lang, Number.isInteger(v ?? 0) ? 0 : 2)}
          </div>
        ))}
      </span>,
    ]);
  }
  if (p.overridden) {
    rows.push([
      t('provOverridden'),
      `${formatValue(p.overridden.value, decimals, lang)}${unitSuffix(unit, lang)}${punct(lang).open}${source(p.overridden.source)}${punct(lang).close}`,
    ]);
  }
  if (p.updatedBy) rows.push([t('provBy'), p.updatedBy]);
  if (p.note) rows.push([t('provNote'), p.note]);
  return (
    <div data-testid="provenance" style={{ minWidth: 220 }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>
        {p.value === null ? t('provNoValue') : `${formatValue(p.value, decimals, lang)}${unitSuffix(unit, lang)}`}
      </div>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'flex', gap: 8 }}>
          <span style={{ opacity: 0.75, whiteSpace: 'nowrap' }}>
            {k}
            {punct(lang).colon}
          </span>
          <span>{v}</span>
        </div>
      ))}
    </div>
  );
}

/** The actual value with its provenance in a tooltip. */
export function ActualValue({ item }: { item: EvaluationItem }) {
  const { lang } = useLocale();
  const p = item.actual;
  if (!p || p.value === null) {
    return (
      <Tooltip title={p ? <ProvenanceDetails p={p} decimals={item.decimals} unit={item.unit} /> : undefined}>
        <Typography.Text type="secondary" data-testid="actual-value">
          —
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={<ProvenanceDetails p={p} decimals={item.decimals} unit={item.unit} />}>
      <Space size={4} data-testid="actual-value" data-kind={p.kind} style={{ cursor: 'help' }}>
        <span>{formatValue(p.value, item.decimals, lang)}</span>
        <InfoCircleOutlined style={{ fontSize: 11, color: p.kind === 'computed' ? '#1677ff' : '#8c8c8c' }} />
      </Space>
    </Tooltip>
  );
}

export function useFormulaText() {
  return useComponentText();
}

const DOMAIN_EN: Record<string, string> = {
  健康水平: 'Health status',
  健康生活: 'Healthy living',
  健康服务: 'Health services',
  健康保障: 'Health security',
  健康环境: 'Health environment',
  健康产业: 'Health industry',
};

/** A plan's 领域 as written, with the English name of the usual ones in English. */
export function domainLabel(domain: string | null, lang: Lang, none: string): string {
  if (!domain) return none;
  return lang === 'en' ? (DOMAIN_EN[domain] ?? domain) : domain;
}

/** Punctuation around labels: full-width in Chinese, ASCII with spaces in English. */
export function punct(lang: Lang) {
  return lang === 'zh' ? { colon: '：', open: '（', close: '）' } : { colon: ': ', open: ' (', close: ')' };
}
