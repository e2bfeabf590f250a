// Pieces shared by the plan dashboard and the indicator page: the monitored years, the region's area
// options and the target cell.
import { Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useLocale } from '../platform/locale.tsx';
import { useArea } from '../registry/queries.ts';
import { unitSuffix } from './display.tsx';
import { usePlanningT } from './i18n.ts';
import type { EvaluationItem } from './types.ts';

/** Years a plan is monitored in: the baseline year to the end of the period. */
export function planYears(plan: { baselineYear: number; periodEnd: number }): number[] {
  const out: number[] = [];
  for (let y = plan.baselineYear; y <= plan.periodEnd; y++) out.push(y);
  return out;
}

/** The region and its children, for the area pickers of a plan. */
export function useRegionAreas(plan: { regionCode: string; regionName?: string | null }, year?: number) {
  const region = useArea(plan.regionCode, year);
  return useMemo(() => {
    const r = region.data;
    if (!r) return [{ value: plan.regionCode, label: plan.regionName ?? plan.regionCode }];
    return [
      { value: r.code, label: r.name },
      ...(r.children ?? []).map((c) => ({ value: c.code, label: `\u3000${c.name}` })),
    ];
  }, [region.data, plan.regionCode, plan.regionName]);
}

export function TargetCell({ item }: { item: EvaluationItem }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const display = item.targetDisplay?.[lang] ?? item.targetText;
  if (item.target?.kind === 'unparsed') {
    return (
      <Tooltip title={t('targetUnparsed')}>
        <Tag color="red" data-testid="target-unparsed">
          {item.targetText || '?'}
        </Tag>
      </Tooltip>
    );
  }
  const title = (
    <span>
      {t('originalText')}
      {lang === 'zh' ? '：' : ': '}
      {item.targetText || '—'}
      {item.targetSource === 'manual' && (
        <>
          <br />
          {t('targetManual')}
        </>
      )}
    </span>
  );
  return (
    <Tooltip title={title}>
      <span data-testid="target-text">
        {display}
        {item.target && 'unit' in item.target && !item.target.unit && item.unit && !display.endsWith(item.unit)
          ? unitSuffix(item.unit, lang)
          : ''}
      </span>
    </Tooltip>
  );
}
