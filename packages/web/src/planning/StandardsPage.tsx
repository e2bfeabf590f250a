// 资源配置标准: the registry of an area checked against the configurable standards (GET /standards/check):
// violations with the size of each gap, filtered by standard, kind of object and county; the area-level
// ratios met or not; and the standards themselves, whose numbers an administrator may change
// (PUT /standards/{code}) — the check refreshes at once.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../platform/api.ts';
import { formatInt, formatRatio } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { punct } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import { StandardSettings } from './standards/StandardSettings.tsx';
import type { CheckReport, Violation } from './types.ts';

/**
 * The spatial standards (checked by `access` on the road network) open the access map on the failing place, with
 * the circle's minutes and the institutions the standard counts, so the villages outside it are shown.
 */
const ACCESS_MAP: Record<
  string,
  { facilities: string; minutes: (district: boolean, p: Record<string, number>) => number }
> = {
  'households-within-15-minutes': { facilities: 'medical', minutes: () => 15 },
  'chc-15-minute-circle': { facilities: 'centres', minutes: (_d, p) => p.minutes ?? 15 },
  // 城市10分钟、县域30分钟: a district (区) is judged on the urban circle, as access's check does.
  'emergency-circle': {
    facilities: 'emergencyCare',
    minutes: (d, p) => (d ? (p.urbanMinutes ?? 10) : (p.countyMinutes ?? 30)),
  },
  'emergency-service-radius': { facilities: 'emergencyCare', minutes: (d) => (d ? 10 : 30) },
};

export function accessMapLink(
  v: Pick<Violation, 'standard' | 'areaCode' | 'areaName'>,
  params: Record<string, number> = {},
): string | null {
  const m = ACCESS_MAP[v.standard];
  if (!m) return null;
  const minutes = m.minutes(/区$/.test(v.areaName), params);
  return `/access?area=${v.areaCode}&minutes=${minutes}&facilities=${m.facilities}`;
}

function requiredText(r: Violation['required'], lang: 'zh' | 'en'): string {
  if (r === null) return '—';
  if (Array.isArray(r)) return `${formatRatio(r[0], lang)}–${formatRatio(r[1], lang)}`;
  return formatRatio(r, lang);
}

export default function StandardsPage() {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { meta, rootAreaCode, areaCode, isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? areaCode;
  const year = Number(params.get('year')) || undefined;
  const standard = params.get('standard');
  const scope = params.get('scope');
  const county = params.get('county');
  const tab = params.get('tab') ?? 'violations';

  const update = (changes: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const check = useQuery({
    queryKey: ['standards-check', area, year ?? null, lang],
    queryFn: () => api.get<CheckReport>('/standards/check', { area, year, lang }),
    placeholderData: (prev) => prev,
  });
  const report = check.data;

  const violations = useMemo(
    () =>
      (report?.violations ?? []).filter(
        (v) =>
          (standard === null || v.standard === standard) &&
          (scope === null || v.scope === scope) &&
          (county === null || v.countyCode === county || v.areaCode === county),
      ),
    [report, standard, scope, county],
  );
  const paramsOf = (code: string) => report?.summary.byStandard.find((b) => b.code === code)?.params ?? {};
  const counties = useMemo(() => {
    const m = new Map<string, string>();
    for (const v of report?.violations ?? []) {
      if (v.countyCode && v.scope === 'area' && v.areaCode === v.countyCode) m.set(v.countyCode, v.areaName);
    }
    for (const r of report?.areaResults ?? []) if (r.countyCode) m.set(r.countyCode, r.areaName);
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [report]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="standards-page">
      <Typography.Title level={3} className="wj-page-title">
        {t('standardsTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap size="middle">
          <Space size={6}>
            <Typography.Text type="secondary">{t('checkArea')}</Typography.Text>
            <AreaSelect
              rootCode={rootAreaCode}
              value={area}
              maxLevel="county"
              onChange={(v) => update({ area: v ?? null, county: null })}
              style={{ width: 200 }}
              data-testid="standards-area"
            />
          </Space>
          <Space size={6}>
            <Typography.Text type="secondary">{t('checkYear')}</Typography.Text>
            <Select
              value={year ?? report?.year}
              onChange={(v) => update({ year: v })}
              options={[...meta.years].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 100 }}
              data-testid="standards-year"
            />
          </Space>
        </Space>
      </Card>
      {check.isError && !report ? (
        <LoadError error={check.error} onRetry={() => check.refetch()} />
      ) : !report ? (
        <Loading />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['active', report.summary.active, '#1677ff'],
                ['violated', report.summary.violated, '#f5222d'],
                ['ok', report.summary.ok, '#52c41a'],
                ['needsData', report.summary.needsData, '#fa8c16'],
                ['violations', report.summary.violations, '#cf1322'],
              ] as const
            ).map(([k, v, c]) => (
              <Col key={k} flex="1 1 150px">
                <Card size="small" style={{ borderTop: `3px solid ${c}` }} data-testid={`standards-${k}`}>
                  <Statistic
                    title={
                      k === 'violations'
                        ? t('violations')
                        : k === 'needsData'
                          ? t('needsData')
                          : k === 'ok'
                            ? t('std_ok')
                            : k === 'violated'
                              ? t('std_violated')
                              : t('enabled')
                    }
                    value={v}
                    styles={{ content: { color: c } }}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">
            {t('standardsSummary', {
              area: report.area.name,
              year: report.year,
              active: report.summary.active,
              violated: report.summary.violated,
              ok: report.summary.ok,
              needsData: report.summary.needsData,
            })}
          </Typography.Text>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={(k) => update({ tab: k === 'violations' ? null : k })}
              items={[
                {
                  key: 'violations',
                  label: `${t('tabViolations')}${punct(lang).open}${violations.length}${punct(lang).close}`,
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Space wrap>
                        <Select
                          allowClear
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('filterStandard')}
                          value={standard ?? undefined}
                          onChange={(v) => update({ standard: v })}
                          options={report.summary.byStandard
                            .filter((s) => s.violations > 0)
                            .map((s) => ({
                              value: s.code,
                              label: `${s.name}${punct(lang).open}${s.violations}${punct(lang).close}`,
                            }))}
                          style={{ width: 360 }}
                          data-testid="filter-standard"
                        />
                        <Select
                          allowClear
                          placeholder={t('filterScope')}
                          value={scope ?? undefined}
                          onChange={(v) => update({ scope: v })}
                          options={(['area', 'institution'] as const).map((s) => ({
                            value: s,
                            label: t(`scope_${s}`),
                          }))}
                          style={{ width: 120 }}
                          data-testid="filter-scope"
                        />
                        {counties.length > 1 && (
                          <Select
                            allowClear
                            showSearch={{ optionFilterProp: 'label' }}
                            placeholder={t('inArea')}
                            value={county ?? undefined}
                            onChange={(v) => update({ county: v })}
                            options={counties.map(([code, name]) => ({ value: code, label: name }))}
                            style={{ width: 180 }}
                            data-testid="filter-county"
                          />
                        )}
                        <Typography.Text type="secondary" data-testid="violation-count">
                          {t('violationCount', { total: violations.length })}
                        </Typography.Text>
                      </Space>
                      <Table<Violation>
                        rowKey={(v) => `${v.standard}|${v.areaCode}|${v.institutionId ?? ''}`}
                        size="small"
                        dataSource={violations}
                        loading={check.isFetching}
                        pagination={{ pageSize: 50, showSizeChanger: false }}
                        locale={{ emptyText: t('noViolations') }}
                        onRow={() => ({ 'data-testid': 'violation-row' }) as React.HTMLAttributes<HTMLElement>}
                        columns={[
                          { title: t('standard'), dataIndex: 'standardName', width: 260 },
                          {
                            title: t('institutionName'),
                            dataIndex: 'name',
                            render: (name: string, v) =>
                              v.institutionId ? (
                                <Link to={`/institutions/${v.institutionId}`}>{name}</Link>
                              ) : (
                                <span>
                                  <Tag>{t('scope_area')}</Tag>
                                  {name}
                                  {accessMapLink(v) ? (
                                    <Link
                                      to={accessMapLink(v, paramsOf(v.standard))!}
                                      style={{ marginLeft: 8 }}
                                      data-testid="violation-map-link"
                                    >
                                      {t('showOnMap')}
                                    </Link>
                                  ) : null}
                                </span>
                              ),
                          },
                          {
                            title: t('inArea'),
                            dataIndex: 'areaName',
                            width: 140,
                            render: (n: string, v) => (v.institutionId ? n : ''),
                          },
                          {
                            title: t('actualValue'),
                            dataIndex: 'actual',
                            width: 110,
                            align: 'right',
                            render: (a: number | null, v) => (
                              <span>
                                {formatRatio(a, lang)}{' '}
                                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                                  {v.unit}
                                </Typography.Text>
                              </span>
                            ),
                          },
                          {
                            title: t('requiredValue'),
                            dataIndex: 'required',
                            width: 110,
                            align: 'right',
                            render: (r: Violation['required']) => requiredText(r, lang),
                          },
                          {
                            title: t('gap'),
                            dataIndex: 'gapText',
                            width: 260,
                            render: (g: string | null, v) => (
                              <Typography.Text type="danger" data-testid="gap-text">
                                {g ?? (v.gap === null ? '—' : formatInt(v.gap, lang))}
                              </Typography.Text>
                            ),
                          },
                        ]}
                      />
                    </Space>
                  ),
                },
                {
                  key: 'areas',
                  label: t('tabAreaResults'),
                  children: <AreaResults report={report} county={county} />,
                },
                {
                  key: 'settings',
                  label: t('tabSettings'),
                  children: <StandardSettings report={report} isAdmin={isAdmin} />,
                },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

function AreaResults({ report, county }: { report: CheckReport; county: string | null }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const rows = report.areaResults.filter(
    (r) => county === null || r.areaCode === county || r.areaCode === report.area.code,
  );
  return (
    <Table
      rowKey={(r) => `${r.standard}|${r.areaCode}`}
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      columns={[
        { title: t('standard'), dataIndex: 'standardName', width: 280 },
        { title: t('areaName'), dataIndex: 'areaName' },
        {
          title: t('actualValue'),
          dataIndex: 'actual',
          align: 'right' as const,
          render: (a: number | null, r) => `${formatRatio(a, lang)} ${r.unit}`,
        },
        {
          title: t('requiredValue'),
          dataIndex: 'required',
          align: 'right' as const,
          render: (r: Violation['required']) => requiredText(r, lang),
        },
        {
          title: t('status'),
          dataIndex: 'status',
          render: (s: string) => (
            <Tag color={s === 'ok' ? 'success' : s === 'violated' ? 'error' : 'default'}>
              {t(`std_${s}` as PlanningKey)}
            </Tag>
          ),
        },
        { title: t('gap'), dataIndex: 'gapText', render: (g: string | null) => g ?? '' },
      ]}
    />
  );
}
