// Step 2 of the plan import: what the preview understood, the plan's fields, the rows to check, and
// POST /plans once every link is confirmed.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Tooltip } from 'antd';
import { type Dispatch, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../platform/api.ts';
import { useLocale } from '../../platform/locale.tsx';
import { punct } from '../display.tsx';
import { usePlanningT } from '../i18n.ts';
import type { Plan, Preview } from '../types.ts';
import { PlanFields } from './PlanFields.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { planInput, readiness, type WizardAction, type WizardState } from './wizard.ts';

interface Props {
  state: WizardState;
  preview: Preview;
  dispatch: Dispatch<WizardAction>;
}

export function ReviewStep({ state, preview, dispatch }: Props) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError | Error | null>(null);
  const { unconfirmed, ready } = readiness(state);

  async function create() {
    if (!state.region) return;
    setCreating(true);
    setCreateError(null);
    try {
      const plan = await api.post<Plan>(
        '/plans',
        planInput(preview, state.rows, state.region, state.name, state.period),
      );
      dispatch({ type: 'created', plan });
      await client.invalidateQueries({ queryKey: ['plans'] });
      message.success(t('created', { name: plan.name }));
      navigate(`/plans/${plan.id}`);
    } catch (e) {
      setCreateError(e as Error);
    } finally {
      setCreating(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type={preview.summary.targetsUnparsed > 0 ? 'warning' : 'success'}
        showIcon
        data-testid="preview-summary"
        title={t('previewSummary', {
          rows: preview.summary.rows,
          understood: preview.summary.targetsUnderstood,
          unparsed: preview.summary.targetsUnparsed,
          none: preview.summary.noTarget,
          linked: preview.summary.linked,
        })}
        description={state.fileName ? t('fileLabel', { name: state.fileName }) : undefined}
      />
      <PlanFields state={state} dispatch={dispatch} />

      {preview.errors.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('previewErrors', { count: preview.errors.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
              {preview.errors.map((e) => (
                <li key={`${e.row}-${e.column}-${e.message.zh}`}>
                  {t('rowNo')} {e.row}
                  {e.column ? ` · ${e.column}` : ''}
                  {punct(lang).colon}
                  {e.message[lang]}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <PreviewTable state={state} dispatch={dispatch} />
      {createError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(createError)}
          description={
            createError instanceof ApiError && createError.details.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {createError.details.map((d) => (
                  <li key={`${d.path}-${d.message}`}>
                    {/* A row, not a wire path: the schema's `indicators.3.baseline` is the table's 4th row. */}
                    {(d.row ?? rowOfPath(d.path))
                      ? `${t('rowNo')} ${d.row ?? rowOfPath(d.path)}${punct(lang).colon}`
                      : ''}
                    {d.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="plan-create-error"
        />
      )}
      <Space>
        <Button onClick={() => dispatch({ type: 'restart' })}>{t('restart')}</Button>
        <Tooltip
          title={
            !ready
              ? [
                  !state.name.trim() ? t('planNameRequired') : null,
                  !state.region ? t('regionRequired') : null,
                  unconfirmed ? t('mustConfirm', { count: unconfirmed }) : null,
                ]
                  .filter(Boolean)
                  .join('；')
              : undefined
          }
        >
          <Button type="primary" disabled={!ready} loading={creating} onClick={create} data-testid="plan-create">
            {creating ? t('creating') : t('createPlan')}
          </Button>
        </Tooltip>
      </Space>
    </Space>
  );
}

/** `indicators.3.baseline` → 4 (the row of the preview table); null for a path outside the indicator rows. */
function rowOfPath(path: string | undefined): number | null {
  const m = /^indicators\.(\d+)(\.|$)/.exec(path ?? '');
  return m ? Number(m[1]) + 1 : null;
}
