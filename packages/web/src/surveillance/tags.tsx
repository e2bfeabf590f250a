// Coloured tags shared by the surveillance pages: risk level (蓝/黄/橙/红), workflow state, source category,
// and the verification deadline (time left, or overdue).
import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSurvT } from './i18n.ts';
import { RISK_TAG, STATE_TAG } from './queries.ts';
import type { EvidenceCategory } from './types.ts';

export function RiskTag({ level }: { level: number }) {
  const t = useSurvT();
  return (
    <Tag color={RISK_TAG[level] ?? 'default'} data-testid="risk-tag" data-level={level}>
      {t(`risk_${level}` as 'risk_1')}
    </Tag>
  );
}

export function StateTag({ state }: { state: string }) {
  const t = useSurvT();
  return (
    <Tag color={STATE_TAG[state] ?? 'default'} data-testid="state-tag" data-state={state}>
      {t(`state_${state}` as 'state_pending')}
    </Tag>
  );
}

const CATEGORY_COLOR: Record<EvidenceCategory, string> = {
  'case-report': 'volcano',
  school: 'purple',
  'fever-clinic': 'cyan',
  'intestinal-clinic': 'geekblue',
  pharmacy: 'green',
  custom: 'default',
  'data-quality': 'default',
};

export function CategoryTag({ category, text }: { category: EvidenceCategory; text: string }) {
  const t = useSurvT();
  return (
    <Tooltip title={t(`category_${category}`)}>
      <Tag color={CATEGORY_COLOR[category] ?? 'default'} data-category={category}>
        {text}
      </Tag>
    </Tooltip>
  );
}

export function DeadlineTag({ deadline }: { deadline: string }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const left = (Date.parse(deadline) - Date.now()) / 3_600_000;
  const text =
    left < 0
      ? t('overdueBy', { hours: Math.ceil(-left) })
      : left < 1
        ? t('dueInMinutes', { minutes: Math.max(1, Math.round(left * 60)) })
        : t('dueInHours', { hours: Math.floor(left) });
  return (
    <Tooltip title={`${t('verifyDeadline')} ${formatDateTime(deadline, lang)}`}>
      <Tag color={left < 0 ? 'red' : left < 2 ? 'orange' : 'default'} data-testid="deadline-tag">
        {text}
      </Tag>
    </Tooltip>
  );
}
