// Home dashboard: totals and ratios of the chosen area and year with the change vs the previous year, the
// children coloured on a map by any ratio, and a table of the children.
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatInt, formatRatio, relativeChange } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaMap } from './AreaMap.tsx';
import { useRegistryT } from './i18n.ts';
import { useBoundaries, useChildrenSummary, useSummary } from './queries.ts';
import { SUMMARY_RATIOS, type Summary, type SummaryRatio, type SummaryTotal, type SummaryValues } from './types.ts';

const TOTALS_SHOWN: SummaryTotal[] = [
  'population',
  'institutions',
  'beds',
  'healthTechnicians',
  'doctors',
  'nurses',
  'pharmacists',
  'generalPractitioners',
];

const RATIO_KEY = 'weijian.dashboard.ratio';

/** Ratio keys and labels: from /meta when the server lists them, else the dictionary. */
export function useRatios(): { keys: SummaryRatio[]; label: (key: SummaryRatio) => string } {
  const t = useRegistryT();
  const { meta } = useSession();
  const { lang } = useLocale();
  const fromMeta = new Map(meta.summaryRatios.map((r) => [r.key, r]));
  const keys = meta.summaryRatios.length
    ? (meta.summaryRatios
        .map((r) => r.key)
        .filter((k) => (SUMMARY_RATIOS as readonly string[]).includes(k)) as SummaryRatio[])
    : [...SUMMARY_RATIOS];
  return { keys, label: (key) => fromMeta.get(key)?.[lang] ?? t(key) };
}

export default function Dashboard() {
  const t = useRegistryT();
  const ratios = useRatios();
  const { areaCode, year, setAreaCode } = useSession();
  const summary = useSummary(areaCode, year);
  const children = useChildrenSummary(areaCode, year);
  const boundaries = useBoundaries(areaCode);
  const [ratio, setRatio] = useState<SummaryRatio>(() => {
    const saved = localStorage.getItem(RATIO_KEY) as SummaryRatio | null;
    return saved && SUMMARY_RATIOS.includes(saved) ? saved : 'bedsPer1000';
  });

  if (summary.isPending) return <Loading />;
  if (summary.isError) return <LoadError error={summary.error} onRetry={() => summary.refetch()} />;
  const s = summary.data;
  const items = children.data?.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Typography.Title level={3} className="wj-page-title" data-testid="dashboard-title">
        {t('dashboardTitle', { area: s.name, year: s.year })}
      </Typography.Title>
      <Card title={t('totals')} size="small">
        <Row gutter={[16, 16]}>
          {TOTALS_SHOWN.map((key) => (
            <Col key={key} xs={12} sm={8} md={6} xl={3}>
              <Measure summary={s} measure={key} ratio={false} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('ratios')} size="small">
        <Row gutter={[16, 16]}>
          {ratios.keys.map((key) => (
            <Col key={key} xs={12} sm={8} md={6} xxl={3}>
              <Measure summary={s} measure={key} ratio title={ratios.label(key)} />
            </Col>
          ))}
        </Row>
      </Card>
      {items.length > 0 ? (
        <>
          <Card
            title={t('map')}
            size="small"
            extra={
              <Space>
                <Typography.Text type="secondary">{t('colourBy')}</Typography.Text>
                <Select<SummaryRatio>
                  value={ratio}
                  onChange={(v) => {
                    localStorage.setItem(RATIO_KEY, v);
                    setRatio(v);
                  }}
                  style={{ width: 220 }}
                  options={ratios.keys.map((r) => ({ value: r, label: ratios.label(r) }))}
                  data-testid="map-ratio"
                />
              </Space>
            }
          >
            {boundaries.isPending ? (
              <Loading />
            ) : (
              <AreaMap
                areaCode={areaCode}
                boundaries={boundaries.data ?? null}
                items={items}
                ratio={ratio}
                ratioLabel={ratios.label(ratio)}
                onSelect={setAreaCode}
              />
            )}
          </Card>
          <ChildrenTable items={items} loading={children.isFetching} onOpen={setAreaCode} />
        </>
      ) : children.isPending ? (
        <Loading />
      ) : children.isError ? (
        <LoadError error={children.error} onRetry={() => children.refetch()} />
      ) : (
        <Card size="small">
          <Typography.Text type="secondary">{t('childrenEmpty')}</Typography.Text>
        </Card>
      )}
    </Space>
  );
}

function Measure({
  summary,
  measure,
  ratio,
  title,
}: {
  summary: Summary;
  measure: keyof SummaryValues;
  ratio: boolean;
  title?: string;
}) {
  const t = useRegistryT();
  const { lang } = useLocale();
  const value = summary[measure];
  const previous = summary.previous ? summary.previous[measure] : null;
  const change = relativeChange(value, previous);
  return (
    <div data-testid={`measure-${measure}`}>
      <Statistic
        title={title ?? t(measure)}
        value={ratio ? formatRatio(value, lang) : formatInt(value, lang)}
        styles={{ content: { fontSize: 20 } }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {change === null ? (
          t('noPrevious')
        ) : (
          <span className={change >= 0 ? 'wj-stat-change-up' : 'wj-stat-change-down'}>
            {t('vsLastYear')} {change >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{' '}
            {formatRatio(Math.abs(change) * 100, lang, 1)}%
          </span>
        )}
      </Typography.Text>
    </div>
  );
}

function ChildrenTable({
  items,
  loading,
  onOpen,
}: {
  items: Summary[];
  loading: boolean;
  onOpen: (code: string) => void;
}) {
  const t = useRegistryT();
  const { lang } = useLocale();
  const intCol = (key: SummaryTotal) => ({
    title: t(key),
    dataIndex: key,
    align: 'right' as const,
    sorter: (a: Summary, b: Summary) => (a[key] ?? 0) - (b[key] ?? 0),
    render: (v: number | null) => formatInt(v, lang),
  });
  const ratioCol = (key: SummaryRatio) => ({
    title: t(key),
    dataIndex: key,
    align: 'right' as const,
    sorter: (a: Summary, b: Summary) => (a[key] ?? 0) - (b[key] ?? 0),
    render: (v: number | null) => formatRatio(v, lang),
  });
  return (
    <Card title={t('children')} size="small">
      <Table<Summary>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        data-testid="children-table"
        onRow={(row) => ({ 'data-testid': `child-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('name'),
            dataIndex: 'name',
            fixed: 'left',
            render: (name: string, row) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(row.code)}>
                {name}
              </Button>
            ),
          },
          intCol('population'),
          intCol('institutions'),
          intCol('beds'),
          intCol('doctors'),
          intCol('nurses'),
          intCol('generalPractitioners'),
          ratioCol('bedsPer1000'),
          ratioCol('doctorsPer1000'),
          ratioCol('nursesPer1000'),
          ratioCol('gpsPer10000'),
        ]}
      />
    </Card>
  );
}
