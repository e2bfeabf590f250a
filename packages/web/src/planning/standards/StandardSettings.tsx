// The resource standards themselves (admin-editable): scope, level, parameters and whether each is in force.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, InputNumber, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../platform/api.ts';
import { LoadError, Loading } from '../../platform/Loading.tsx';
import { useLocale } from '../../platform/locale.tsx';
import type { ResponseOf } from '../../platform/wire.ts';
import { punct } from '../display.tsx';
import { type PlanningKey, usePlanningT } from '../i18n.ts';
import type { CheckReport, StandardEdit, StandardItem, StandardSummary } from '../types.ts';

const STD_COLOUR: Record<StandardSummary['status'], string> = {
  ok: 'success',
  violated: 'error',
  'no-data': 'default',
  'needs-data': 'warning',
  disabled: 'default',
};

export function StandardSettings({ report, isAdmin }: { report: CheckReport; isAdmin: boolean }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const standards = useQuery({
    queryKey: ['standards'],
    queryFn: () => api.get<ResponseOf<'/api/v1/standards'>>('/standards'),
  });
  const [drafts, setDrafts] = useState<Record<string, Record<string, number>>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const summary = new Map(report.summary.byStandard.map((s) => [s.code, s]));

  async function save(s: StandardItem, patch: Omit<StandardEdit, 'version'>) {
    // A negative figure is refused here, naming the parameter, rather than clamped to 0 by the input.
    const negative = Object.entries(patch.params ?? {}).find(([, v]) => v < 0);
    if (negative) {
      const [k, v] = negative;
      message.error(t('paramNegative', { label: t(`param_${k}` as PlanningKey) ?? k, value: v }));
      return;
    }
    setSaving(s.code);
    try {
      const body: StandardEdit = { version: s.version, ...patch };
      await api.put(`/standards/${encodeURIComponent(s.code)}`, body);
      setDrafts((d) => {
        const { [s.code]: _drop, ...rest } = d;
        return rest;
      });
      await Promise.all([
        client.invalidateQueries({ queryKey: ['standards'] }),
        client.invalidateQueries({ queryKey: ['standards-check'] }),
      ]);
      message.success(t('standardSaved'));
    } catch (e) {
      message.error(errorMessage(e));
      await standards.refetch();
    } finally {
      setSaving(null);
    }
  }

  if (standards.isPending) return <Loading />;
  if (standards.isError) return <LoadError error={standards.error} onRetry={() => standards.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!isAdmin && <Alert type="info" showIcon title={t('adminOnly')} />}
      <Table<StandardItem>
        rowKey="code"
        size="small"
        dataSource={standards.data.items}
        pagination={false}
        data-testid="standards-settings"
        onRow={(s) => ({ 'data-testid': 'standard-row', 'data-code': s.code }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('standard'),
            key: 'name',
            width: 300,
            render: (_: unknown, s) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{lang === 'zh' ? s.zh : s.en}</Typography.Text>
                <Tooltip title={s.source.quote}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('standardSource')}
                    {punct(lang).colon}
                    {s.source.seed}
                  </Typography.Text>
                </Tooltip>
                {s.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.note[lang]}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('scope'),
            key: 'scope',
            width: 110,
            render: (_: unknown, s) => (
              <span>
                {t(`scope_${s.scope}`)}
                {s.level && s.scope === 'area' && (
                  <>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`level_${s.level}` as PlanningKey)}
                    </Typography.Text>
                  </>
                )}
              </span>
            ),
          },
          {
            title: t('threshold'),
            key: 'params',
            render: (_: unknown, s) => {
              const draft = drafts[s.code] ?? s.params;
              const dirty = !!drafts[s.code];
              return (
                <Space wrap size={[8, 4]}>
                  <Typography.Text type="secondary">
                    {s.comparator === 'between' ? '' : s.comparator.replace('>=', '≥').replace('<=', '≤')}
                  </Typography.Text>
                  {Object.entries(draft).map(([k, v]) => (
                    <Space key={k} size={4}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`param_${k}` as PlanningKey) ?? k}
                      </Typography.Text>
                      <InputNumber
                        size="small"
                        status={v < 0 ? 'error' : undefined}
                        value={v}
                        disabled={!isAdmin || s.status === 'needs-data'}
                        onChange={(n) =>
                          typeof n === 'number' && setDrafts((d) => ({ ...d, [s.code]: { ...draft, [k]: n } }))
                        }
                        style={{ width: 100 }}
                        data-testid={`param-${s.code}-${k}`}
                      />
                    </Space>
                  ))}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.unit}
                  </Typography.Text>
                  {dirty && isAdmin && (
                    <Button
                      size="small"
                      type="primary"
                      loading={saving === s.code}
                      onClick={() => save(s, { params: draft })}
                      data-testid={`save-${s.code}`}
                    >
                      {t('save')}
                    </Button>
                  )}
                  {s.regions.length > 0 && (
                    <Tooltip
                      title={s.regions
                        .map(
                          (r) =>
                            `${r.regionName ?? r.regionCode}: ${Object.entries(r.params)
                              .map(([k, v]) => `${k}=${v}`)
                              .join(', ')}`,
                        )
                        .join('；')}
                    >
                      <Tag color="purple">
                        {t('regionOverrides')} {s.regions.length}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('status'),
            key: 'status',
            width: 130,
            render: (_: unknown, s) => {
              const sum = summary.get(s.code);
              const st = s.status === 'needs-data' ? 'needs-data' : (sum?.status ?? 'ok');
              return (
                <Space orientation="vertical" size={0}>
                  <Tooltip title={st === 'needs-data' ? t('needsDataHint') : undefined}>
                    <Tag color={STD_COLOUR[st]}>{t(`std_${st}` as PlanningKey)}</Tag>
                  </Tooltip>
                  {sum && sum.checked > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('checked', { checked: sum.checked })}
                      {sum.violations > 0 ? ` · ${sum.violations}` : ''}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('enabled'),
            key: 'enabled',
            width: 80,
            render: (_: unknown, s) => (
              <Switch
                size="small"
                checked={s.enabled}
                disabled={!isAdmin || s.status === 'needs-data'}
                loading={saving === s.code}
                onChange={(enabled) => save(s, { enabled })}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
