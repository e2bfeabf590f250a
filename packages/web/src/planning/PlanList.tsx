// 规划列表: every plan the user may see, with region, period, version, indicator count and the live status
// counts of its default evaluation (one evaluation request per plan, run in parallel).
import { CloudUploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../platform/format.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { usePlanningT } from './i18n.ts';
import { EVAL_KEY, fetchEvaluation, usePlans } from './queries.ts';
import { StatusBar } from './StatusSummary.tsx';
import type { PlanSummary } from './types.ts';

export default function PlanList() {
  const t = usePlanningT();
  const { lang } = useLocale();
  const plans = usePlans();
  const navigate = useNavigate();
  const { can } = useSession();
  const items = plans.data?.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-list">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ marginBottom: 0 }}>
          {t('plans')}
        </Typography.Title>
        {can('writeArea') && (
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={() => navigate('/plans/import')}
            data-testid="plan-import-button"
          >
            {t('importPlan')}
          </Button>
        )}
      </div>
      {plans.isError ? (
        <LoadError error={plans.error} onRetry={() => plans.refetch()} />
      ) : (
        <Card size="small">
          <Table<PlanSummary>
            rowKey="id"
            size="middle"
            loading={plans.isPending}
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: <Empty description={t('noPlans')} /> }}
            onRow={(p) => ({ 'data-testid': 'plan-row', 'data-plan-id': p.id }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('planName'),
                dataIndex: 'name',
                render: (name: string, p) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/plans/${p.id}`} data-testid="plan-link">
                      {name}
                    </Link>
                    <Space size={4}>
                      {p.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
                      <Tag>{t(`planStatus_${p.status}`)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(p.updatedAt, lang)}
                      </Typography.Text>
                    </Space>
                  </Space>
                ),
              },
              {
                title: t('region'),
                dataIndex: 'regionName',
                render: (v: string | null, p) => (
                  <span>
                    {v ?? p.regionCode}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.regionCode}
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('period'),
                key: 'period',
                render: (_: unknown, p) => (
                  <span>
                    {t('periodValue', { start: p.periodStart, end: p.periodEnd })}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('baselineYear')} {p.baselineYear}
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('version'),
                dataIndex: 'currentVersion',
                width: 90,
                render: (v: number) => t('versionValue', { version: v }),
              },
              { title: t('indicatorCount'), dataIndex: 'indicatorCount', width: 90, align: 'right' },
              {
                title: t('status'),
                key: 'status',
                width: 340,
                render: (_: unknown, p) => <PlanStatus id={p.id} />,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

function PlanStatus({ id }: { id: number }) {
  const t = usePlanningT();
  // The server's default year (last calendar year); when most values are not in for it yet (yearbooks and
  // surveys lag a year), the latest earlier year where most are.
  const ev = useQuery({
    queryKey: [EVAL_KEY, 'plan-list-status', id],
    queryFn: async () => {
      let e = await fetchEvaluation(id, undefined, undefined);
      let best = e;
      while (e.counts['no-data'] * 2 > e.total && e.year > e.plan.baselineYear) {
        e = await fetchEvaluation(id, e.area.code, e.year - 1);
        if (e.counts['no-data'] < best.counts['no-data']) best = e;
      }
      return e.counts['no-data'] * 2 > e.total ? best : e;
    },
  });
  if (ev.isPending) return <Spin size="small" />;
  if (ev.isError) return <Typography.Text type="danger">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('statusSummary', { year: ev.data.year })} · {ev.data.area.name}
      </Typography.Text>
      <StatusBar counts={ev.data.counts} />
    </Space>
  );
}
