// Plan dashboard: live status counts, the indicator table grouped by 领域 (baseline, target, actual with its
// provenance, expected, status, sparkline of the period), filters by domain, nature, status and area (the
// region or one of its children), a year picker and the time the data is as of. Filters live in the URL.
import { ProjectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { ActualValue, domainLabel, formatValue, NatureTag, punct, STATUS_COLOR, StatusTag } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import { planYears, TargetCell, useRegionAreas } from './plan-parts.tsx';
import { useCatalogue, useEvaluation, useEvaluationYears, usePlan } from './queries.ts';
import { ReportExport } from './ReportExport.tsx';
import { Sparkline, type SparkPoint } from './Sparkline.tsx';
import { StatusCards } from './StatusSummary.tsx';
import { type EvaluationItem, type Nature, type PlanDetail, STATUSES, type Status } from './types.ts';

export default function PlanDashboard() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const plan = usePlan(id);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} onRetry={() => plan.refetch()} />;
  return <Dashboard plan={plan.data} />;
}

function Dashboard({ plan }: { plan: PlanDetail }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? plan.defaultArea;
  const yearParam = Number(params.get('year')) || undefined;
  const domain = params.get('domain');
  const nature = params.get('nature') as Nature | null;
  const status = params.get('status') as Status | null;

  const years = planYears(plan);
  // Every year of the period for the area: the sparklines, and (without ?year=) the default year, the latest
  // with any value — like the registry summaries (the server's default, last calendar year, may hold none yet).
  const series = useEvaluationYears(plan.id, area, plan.baselineYear, plan.periodEnd);
  const latestWithData = useMemo(() => {
    if (series.some((q) => q.isPending)) return undefined;
    // The latest year with the most values: registry-computed indicators may already have this year's
    // figures while the reported ones (yearbooks, surveys) still lag a year behind.
    const counts = series.map((q) => q.data?.items.filter((i) => i.actual?.value != null).length ?? 0);
    const most = Math.max(0, ...counts);
    if (most === 0) return plan.periodEnd;
    for (let n = counts.length - 1; n >= 0; n--) if (counts[n] === most) return years[n];
    return plan.periodEnd;
  }, [series, years, plan.periodEnd]);
  const year = yearParam ?? latestWithData;
  const evaluation = useEvaluation(plan.id, area, year, year !== undefined);
  const areaOptions = useRegionAreas(plan, year);

  const update = (changes: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const sparks = useMemo(() => {
    const bySeq = new Map<number, SparkPoint[]>();
    for (const q of series) {
      for (const item of q.data?.items ?? []) {
        const list = bySeq.get(item.seq) ?? [];
        list.push({ year: item.year, actual: item.actual?.value ?? null, expected: item.expected });
        bySeq.set(item.seq, list);
      }
    }
    for (const list of bySeq.values()) list.sort((a, b) => a.year - b.year);
    return bySeq;
  }, [series]);

  const catalogue = useCatalogue();
  const englishName = useMemo(
    () => new Map((catalogue.data?.items ?? []).map((d) => [d.code, d.en])),
    [catalogue.data],
  );
  const items = evaluation.data?.items ?? [];
  const domains = useMemo(() => [...new Set(items.map((i) => i.domain ?? ''))], [items]);
  const shown = useMemo(() => {
    const filtered = items.filter(
      (i) =>
        (domain === null || (i.domain ?? '') === domain) &&
        (nature === null || i.nature === nature) &&
        (status === null || i.status === status),
    );
    // Grouped by domain in the order the plan lists them.
    const order = new Map(domains.map((d, n) => [d, n]));
    return filtered.sort(
      (a, b) => (order.get(a.domain ?? '') ?? 0) - (order.get(b.domain ?? '') ?? 0) || a.seq - b.seq,
    );
  }, [items, domain, nature, status, domains]);
  const rowSpans = useMemo(() => {
    const spans = new Map<number, number>();
    let start = 0;
    for (let n = 1; n <= shown.length; n++) {
      if (n === shown.length || (shown[n]?.domain ?? '') !== (shown[start]?.domain ?? '')) {
        spans.set(start, n - start);
        for (let k = start + 1; k < n; k++) spans.set(k, 0);
        start = n;
      }
    }
    return spans;
  }, [shown]);

  if (evaluation.isError && !evaluation.data) {
    return <LoadError error={evaluation.error} onRetry={() => evaluation.refetch()} />;
  }
  const ev = evaluation.data;
  const p = punct(lang);
  const filtering = domain !== null || nature !== null || status !== null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-dashboard">
      <div>
        <Typography.Title level={3} className="wj-page-title" style={{ marginBottom: 4 }} data-testid="plan-title">
          {plan.name}
        </Typography.Title>
        <Space wrap size={[12, 4]}>
          <Typography.Text type="secondary">
            {t('region')}
            {p.colon}
            {plan.regionName}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('period')}
            {p.colon}
            {t('periodValue', { start: plan.periodStart, end: plan.periodEnd })}
            {p.open}
            {t('baselineYear')} {plan.baselineYear}
            {p.close}
          </Typography.Text>
          <Typography.Text type="secondary">{t('versionValue', { version: plan.currentVersion })}</Typography.Text>
          {plan.synthetic && <Tag color="orange">{t('synthetic')}</Tag>}
          <Link to="/plans">{t('back')}</Link>
        </Space>
      </div>

      <Card size="small">
        <Space wrap size="middle" data-testid="plan-filters">
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterArea')}</Typography.Text>
            <Select
              value={area}
              onChange={(v) => update({ area: v })}
              options={areaOptions}
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="plan-area"
            />
          </Space>
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterYear')}</Typography.Text>
            <Select
              value={year}
              onChange={(v) => update({ year: v })}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 100 }}
              data-testid="plan-year"
            />
          </Space>
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterDomain')}</Typography.Text>
            <Select
              allowClear
              placeholder={t('all')}
              value={domain ?? undefined}
              onChange={(v) => update({ domain: v })}
              options={domains.map((d) => ({ value: d, label: domainLabel(d, lang, t('domainNone')) }))}
              style={{ width: 140 }}
              data-testid="filter-domain"
            />
          </Space>
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterNature')}</Typography.Text>
            <Select
              allowClear
              placeholder={t('all')}
              value={nature ?? undefined}
              onChange={(v) => update({ nature: v })}
              options={(['expected', 'binding'] as const).map((n) => ({ value: n, label: t(`nature_${n}`) }))}
              style={{ width: 110 }}
              data-testid="filter-nature"
            />
          </Space>
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterStatus')}</Typography.Text>
            <Select
              allowClear
              placeholder={t('all')}
              value={status ?? undefined}
              onChange={(v) => update({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: t(`status_${s}` as PlanningKey) }))}
              style={{ width: 120 }}
              data-testid="filter-status"
            />
          </Space>
          {filtering && (
            <Button onClick={() => update({ domain: null, nature: null, status: null })}>{t('resetFilters')}</Button>
          )}
        </Space>
      </Card>

      {!ev ? (
        <Loading />
      ) : (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="dashboard-subtitle">
              {t('dashboardSub', { area: ev.area.name, year: ev.year })}
            </Typography.Title>
            <Space size="middle">
              <Typography.Text type="secondary" data-testid="as-of" data-as-of={ev.asOf ?? ''}>
                {t('asOf', { time: formatDateTime(ev.asOf, lang) })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('evaluatedAt', { time: formatDateTime(ev.evaluatedAt, lang) })}
              </Typography.Text>
            </Space>
          </div>
          <StatusCards counts={ev.counts} selected={status} onSelect={(s) => update({ status: s })} />
          <Card
            size="small"
            title={t('indicatorsShown', { shown: shown.length, total: ev.total })}
            extra={
              <Button icon={<ProjectOutlined />} onClick={() => navigate(`/plans/${plan.id}/tasks`)}>
                {t('tasks')}
              </Button>
            }
          >
            <Table<EvaluationItem>
              rowKey="seq"
              size="small"
              dataSource={shown}
              loading={evaluation.isFetching}
              pagination={false}
              scroll={{ x: 1100 }}
              locale={{ emptyText: <Empty /> }}
              data-testid="indicator-table"
              onRow={(i) =>
                ({
                  'data-testid': 'indicator-row',
                  'data-seq': i.seq,
                  'data-status': i.status,
                  'data-domain': i.domain ?? '',
                  'data-nature': i.nature ?? '',
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  title: t('domain'),
                  dataIndex: 'domain',
                  width: 96,
                  onCell: (_, index) => ({ rowSpan: rowSpans.get(index ?? 0) ?? 1 }),
                  render: (d: string | null) => (
                    <Typography.Text strong>{domainLabel(d, lang, t('domainNone'))}</Typography.Text>
                  ),
                },
                {
                  title: t('indicator'),
                  dataIndex: 'name',
                  render: (name: string, i) => (
                    <Space orientation="vertical" size={2}>
                      <Link
                        to={`/plans/${plan.id}/indicators/${i.seq}?area=${area}${year ? `&year=${year}` : ''}`}
                        data-testid="indicator-link"
                      >
                        {name}
                      </Link>
                      {lang === 'en' && i.catalogueCode && englishName.get(i.catalogueCode) && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {englishName.get(i.catalogueCode)}
                        </Typography.Text>
                      )}
                      <Space size={2} wrap>
                        <NatureTag nature={i.nature} />
                        {!i.catalogueCode && <Tag>{t('notLinked')}</Tag>}
                        {i.areaTarget && <Tag color="purple">{t('areaTarget')}</Tag>}
                      </Space>
                    </Space>
                  ),
                },
                {
                  title: t('unit'),
                  dataIndex: 'unit',
                  width: 70,
                  render: (u: string | null) => u ?? '',
                },
                {
                  title: t('baseline'),
                  dataIndex: 'baseline',
                  width: 90,
                  align: 'right',
                  render: (v: number | null, i) =>
                    i.baselineSource === 'observed' ? (
                      <Tooltip title={t('baselineObserved', { year: plan.baselineYear })}>
                        <Typography.Text type="secondary">{formatValue(v, i.decimals, lang)}*</Typography.Text>
                      </Tooltip>
                    ) : v === null ? (
                      i.baselineText || '—'
                    ) : (
                      formatValue(v, i.decimals, lang)
                    ),
                },
                {
                  title: t('target'),
                  key: 'target',
                  width: 150,
                  render: (_: unknown, i) => <TargetCell item={i} />,
                },
                {
                  title: t('actual'),
                  key: 'actual',
                  width: 100,
                  align: 'right',
                  render: (_: unknown, i) => <ActualValue item={i} />,
                },
                {
                  title: t('expected'),
                  dataIndex: 'expected',
                  width: 100,
                  align: 'right',
                  render: (v: number | null, i) => (v === null ? '—' : formatValue(v, i.decimals, lang)),
                },
                {
                  title: t('status'),
                  dataIndex: 'status',
                  width: 90,
                  render: (s: Status) => <StatusTag status={s} />,
                },
                {
                  title: t('trend'),
                  key: 'trend',
                  width: 150,
                  render: (_: unknown, i) => (
                    <Sparkline points={sparks.get(i.seq) ?? []} colour={STATUS_COLOR[i.status]} decimals={i.decimals} />
                  ),
                },
              ]}
            />
          </Card>
          <ReportExport plan={plan} area={area} year={ev.year} />
        </>
      )}
      {evaluation.isError && <Alert type="error" showIcon title={String(evaluation.error)} />}
    </Space>
  );
}
