import { Button, type FormInstance, Tag, Typography } from 'antd';
import { ApiError, errorMessage } from '../../platform/api.ts';
import { useSession } from '../../platform/session.tsx';
import type { useSurvT } from '../i18n.ts';

export function ParamsText({ params }: { params: Record<string, unknown> }) {
  const text = Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
  return (
    <Typography.Text code style={{ fontSize: 12 }}>
      {text || '—'}
    </Typography.Text>
  );
}

export function useMayConfigure() {
  return useSession().can('configure');
}

export type SurvT = ReturnType<typeof useSurvT>;

export function enabledColumn(t: SurvT) {
  return {
    title: t('enabled'),
    dataIndex: 'enabled',
    render: (e: boolean) => (e ? <Tag color="green">{t('yes')}</Tag> : <Tag>{t('no')}</Tag>),
  };
}

export function editColumn<T>(t: SurvT, onEdit: (row: T) => void, testId: string) {
  return {
    title: '',
    key: 'edit',
    fixed: 'right' as const,
    render: (_: unknown, row: T) => (
      <Button size="small" onClick={() => onEdit(row)} data-testid={testId}>
        {t('edit')}
      </Button>
    ),
  };
}

/** Parameters belong to their detector: another detector starts from its own defaults. */
export function resetParamsOnNewDetector(form: FormInstance) {
  return (changed: Record<string, unknown>) => {
    if ('algorithm' in changed) form.setFieldValue('params', {});
  };
}

/**
 * A refused save: someone else's edit in between, else the server's message and its details, each once. The
 * details name their field themselves (by label), so no path goes in front (that read `params.baseline
 * params.baseline 必须是整数`), and a detail the summary already holds (a 400 lists every issue) is not repeated.
 */
export function saveError(e: unknown, t: SurvT): string {
  if (e instanceof ApiError && e.status === 409) return t('staleSettings');
  const summary = errorMessage(e);
  const details = e instanceof ApiError ? e.details.map((d) => d.message).filter((m) => !summary.includes(m)) : [];
  return [summary, ...new Set(details)].join('；');
}
