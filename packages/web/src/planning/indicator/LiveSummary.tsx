// The indicator's evaluation for the chosen area and year: status, target, baseline, actual, expected, distance.
import { Descriptions } from 'antd';
import { useLocale } from '../../platform/locale.tsx';
import { ActualValue, formatValue, StatusTag, unitSuffix } from '../display.tsx';
import { usePlanningT } from '../i18n.ts';
import { TargetCell } from '../plan-parts.tsx';
import type { EvaluationItem } from '../types.ts';

export function LiveSummary({ item }: { item: EvaluationItem }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('status')}>
        <span data-testid="live-status" data-status={item.status}>
          <StatusTag status={item.status} />
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('target')}>
        <TargetCell item={item} />
      </Descriptions.Item>
      <Descriptions.Item label={t('baseline')}>
        {item.baseline === null ? item.baselineText || '—' : formatValue(item.baseline, item.decimals, lang)}
      </Descriptions.Item>
      <Descriptions.Item label={t('actual')}>
        <span data-testid="live-actual">
          <ActualValue item={item} />
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('expected')}>
        {item.expected === null ? '—' : formatValue(item.expected, item.decimals, lang)}
      </Descriptions.Item>
      <Descriptions.Item label={t('distance')}>
        {item.distance === null
          ? '—'
          : `${formatValue(item.distance, item.decimals, lang)}${unitSuffix(item.unit, lang)}`}
      </Descriptions.Item>
    </Descriptions>
  );
}
