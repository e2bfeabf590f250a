// Entering a reported value of the indicator for an area and year (PUT /indicator-values), after which every
// evaluation is refetched so the dashboard shows the new status at once. A module's indicator takes values only
// for years the module has no data for; where it has data, a value entered earlier is shown as overridden.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../platform/api.ts';
import { useLocale } from '../../platform/locale.tsx';
import { formatValue, StatusTag, unitSuffix, useSourceLabel } from '../display.tsx';
import { type PlanningKey, usePlanningT } from '../i18n.ts';
import { EVAL_KEY, useIndicatorValue } from '../queries.ts';
import {
  type CatalogueIndicator,
  type Evaluation,
  type EvaluationItem,
  type PlanDetail,
  VALUE_SOURCES,
  type ValueEdit,
  type ValueSource,
} from '../types.ts';

export function ValueEntry({
  plan,
  def,
  area,
  year,
  liveItem,
  canWrite,
  computedYear = false,
}: {
  plan: PlanDetail;
  def: CatalogueIndicator;
  area: string;
  year: number;
  liveItem: EvaluationItem | undefined;
  canWrite: boolean;
  /** A module's indicator in a year the module computes: no entry; a value entered earlier is overridden. */
  computedYear?: boolean;
}) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const source = useSourceLabel();
  const existing = useIndicatorValue(def.code, area, year);
  const [value, setValue] = useState<number | null>(null);
  const [src, setSrc] = useState<ValueSource>(def.source.kind === 'formula' ? 'manual' : def.source.defaultSource);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);

  useEffect(() => {
    const v = existing.data;
    setValue(v ? v.value : null);
    if (v) setSrc(v.source);
    setNote(v?.note ?? '');
    setError(null);
  }, [existing.data]);

  async function save(next: number | null) {
    setSaving(true);
    setError(null);
    try {
      const body: ValueEdit = {
        indicator: def.code,
        area,
        year,
        value: next,
        source: src,
        note: note.trim() || null,
        ...(existing.data ? { version: existing.data.version } : {}),
      };
      await api.put('/indicator-values', body);
      // Every evaluation (this page, the dashboard, the plan list) is refetched: no batch rebuild.
      await client.invalidateQueries({ queryKey: [EVAL_KEY] });
      const fresh = await client.fetchQuery({
        queryKey: [EVAL_KEY, 'evaluation', plan.id, area, year],
        queryFn: () => api.get<Evaluation>(`/plans/${plan.id}/evaluation`, { area, year }),
      });
      const after =
        fresh.items.find((i) => i.seq === liveItem?.seq) ?? fresh.items.find((i) => i.catalogueCode === def.code);
      setSavedAt(Date.now());
      message.success(
        next === null
          ? t('valueDeleted')
          : t('valueSaved', {
              area: area,
              year,
              value: formatValue(next, def.decimals, lang),
              status: after ? t(`status_${after.status}` as PlanningKey) : '—',
            }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError(t('conflict'));
        await existing.refetch();
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  }

  if (computedYear) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="value-computed">
        <Alert type="info" showIcon title={t('computedByModuleHint', { year })} />
        {existing.data && (
          <Alert
            type="warning"
            showIcon
            data-testid="value-overridden"
            title={t('overriddenValue', {
              value: formatValue(existing.data.value, def.decimals, lang),
              source: source(existing.data.source),
            })}
            action={
              canWrite && (
                <Popconfirm title={t('deleteValue')} onConfirm={() => save(null)}>
                  <Button danger size="small" loading={saving}>
                    {t('deleteValue')}
                  </Button>
                </Popconfirm>
              )
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="value-error" />}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t(def.source.kind === 'module' ? 'enterValueModuleHint' : 'enterValueHint')} />
      <Typography.Text type="secondary" data-testid="existing-value">
        {existing.data
          ? t('existingValue', {
              value: formatValue(existing.data.value, def.decimals, lang),
              version: existing.data.version,
              by: existing.data.updatedBy ?? '—',
            })
          : t('newValue')}
      </Typography.Text>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('value')}>
          <InputNumber
            value={value}
            onChange={(v) => setValue(typeof v === 'number' ? v : null)}
            style={{ width: 140 }}
            disabled={!canWrite}
            addonAfter={def.unit ?? undefined}
            data-testid="value-input"
          />
        </Form.Item>
        <Form.Item label={t('valueSource')}>
          <Select
            value={src}
            onChange={setSrc}
            options={VALUE_SOURCES.map((s) => ({ value: s, label: source(s) }))}
            style={{ width: 160 }}
            disabled={!canWrite}
          />
        </Form.Item>
        <Form.Item label={t('valueNote')}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 220 }} disabled={!canWrite} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button
              type="primary"
              loading={saving}
              disabled={!canWrite || value === null}
              onClick={() => save(value)}
              data-testid="value-save"
            >
              {t('save')}
            </Button>
            {existing.data && canWrite && (
              <Popconfirm title={t('deleteValue')} onConfirm={() => save(null)}>
                <Button danger>{t('deleteValue')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="value-error" />}
      {savedAt && liveItem && (
        <Alert
          type="success"
          showIcon
          data-testid="value-saved"
          title={
            <Space>
              {t('liveStatus')}: <StatusTag status={liveItem.status} />
              {formatValue(liveItem.actual?.value ?? null, liveItem.decimals, lang)}
              {unitSuffix(liveItem.unit, lang)}
            </Space>
          }
        />
      )}
    </Space>
  );
}
