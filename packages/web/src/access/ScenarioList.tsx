// The placement scenarios saved for the area (and the areas under it), newest first: open one to draw its sites
// on the map and compare it with today, or delete it (writers only; the server checks the area as well).
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../platform/api.ts';
import { formatDateTime } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { useAccessT } from './i18n.ts';
import { useDeleteScenario, usePlanOptions, useScenarios } from './queries.ts';
import type { PlacementModel, Scenario } from './types.ts';

interface Props {
  area: string;
  /** The scenario on screen (highlighted), if any. */
  openId: number | null;
  onOpen: (scenario: Scenario) => void;
  /** Called after the scenario on screen was deleted. */
  onDeleted?: (id: number) => void;
}

const MODEL_KEY = { mclp: 'modelMclp', lscp: 'modelLscp', pmedian: 'modelPmedian' } as const;

export function ScenarioList({ area, openId, onOpen, onDeleted }: Props) {
  const t = useAccessT();
  const { lang } = useLocale();
  const { can } = useSession();
  const { message } = App.useApp();
  const scenarios = useScenarios(area);
  const remove = useDeleteScenario();
  const writer = can('writeArea');
  // Plan names only when some scenario names a plan (the list of plans is otherwise not needed here).
  const plans = usePlanOptions(area, scenarios.data?.items.some((s) => s.planId !== null) ?? false);
  const planName = (id: number) => plans.data?.find((p) => p.id === id)?.name ?? `#${id}`;

  const del = (s: Scenario) =>
    remove.mutate(s.id, {
      onSuccess: () => {
        message.success(t('scenarioDeleted', { name: s.name }));
        onDeleted?.(s.id);
      },
    });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="scenario-list">
      <Typography.Text strong>{t('scenariosTitle')}</Typography.Text>
      {scenarios.error && <Alert type="error" showIcon title={errorMessage(scenarios.error)} />}
      {remove.error && (
        <Alert type="error" showIcon title={errorMessage(remove.error)} data-testid="scenario-delete-error" />
      )}
      <Table<Scenario>
        size="small"
        rowKey="id"
        loading={scenarios.isPending}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        dataSource={scenarios.data?.items ?? []}
        locale={{ emptyText: t('scenariosEmpty') }}
        onRow={(s) => ({
          'data-testid': 'scenario-row',
          style: s.id === openId ? { background: '#e6f4ff' } : undefined,
        })}
        columns={[
          {
            title: t('scenarioName'),
            dataIndex: 'name',
            render: (v: string) => <span data-testid="scenario-name-cell">{v}</span>,
          },
          {
            title: t('model'),
            dataIndex: 'model',
            render: (m: PlacementModel) => <Tag>{t(MODEL_KEY[m])}</Tag>,
          },
          {
            title: t('scenarioSites'),
            key: 'sites',
            align: 'right',
            render: (_, s) => (Array.isArray(s.result.sites) ? s.result.sites.length : '—'),
          },
          {
            title: t('scenarioPlan'),
            dataIndex: 'planId',
            render: (v: number | null) => (v === null ? '—' : planName(v)),
          },
          {
            title: t('scenarioCreated'),
            dataIndex: 'createdAt',
            render: (v: string, s) => `${formatDateTime(v, lang)}${s.createdBy ? ` · ${s.createdBy}` : ''}`,
          },
          {
            title: '',
            key: 'actions',
            render: (_, s) => (
              <Space size={4}>
                <Button size="small" onClick={() => onOpen(s)} data-testid="scenario-open">
                  {t('scenarioOpen')}
                </Button>
                {writer && (
                  <Popconfirm title={t('scenarioDeleteConfirm', { name: s.name })} onConfirm={() => del(s)}>
                    <Button
                      size="small"
                      danger
                      loading={remove.isPending && remove.variables === s.id}
                      data-testid="scenario-delete"
                    >
                      {t('scenarioDelete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
