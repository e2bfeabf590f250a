// 基本公卫与家医指标 of an area-year: each figure with its numerator and denominator, where it came from
// (computed from the records, or the reported value of an area-year without records) and its definition next
// to it; a chosen indicator by sub-area (township, then village) on a map. No township or village boundaries
// exist offline: sub-areas the server can place are points on the city's county map, the rest are bars.
import { Alert, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EChart, type EChartsOption, registerAreaMap } from '../platform/EChart.tsx';
import { formatInt, formatRatio } from '../platform/format.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { useBoundariesOrNull } from '../surveillance/queries.ts';
import { DEFINITIONS, INDICATOR_NAMES } from './definitions.ts';
import { codeKey, useCareT } from './i18n.ts';
import { useIndicatorMap, useIndicators } from './queries.ts';
import type { IndicatorFigure, IndicatorMapArea } from './types.ts';

export default function Indicators() {
  const t = useCareT();
  const { lang } = useLocale();
  const { rootAreaCode, areaCode, year, meta } = useSession();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? areaCode ?? rootAreaCode;
  const y = Number(params.get('year')) || year;
  const code = params.get('code');
  const list = useIndicators(area, y);
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v ? next.set(k, v) : next.delete(k);
    setParams(next, { replace: true });
  };
  const name = (item: { code: string; zh?: string; en?: string }) =>
    (item.zh ? item[lang] : INDICATOR_NAMES[item.code]?.[lang]) ?? item.code;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
        {t('indicatorsTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <AreaSelect
            rootCode={rootAreaCode}
            year={y}
            value={area}
            onChange={(v) => set({ area: v })}
            style={{ width: 240 }}
            data-testid="ind-area"
          />
          <Segmented
            value={y}
            onChange={(v) => set({ year: String(v) })}
            options={[...new Set([...meta.years, y])].sort().map((x) => ({ value: x, label: String(x) }))}
            data-testid="ind-year"
          />
        </Space>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<IndicatorFigure>
            rowKey="code"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.indicators ?? []}
            pagination={false}
            data-testid="ind-table"
            onRow={(row) =>
              ({
                'data-testid': 'ind-row',
                'data-code': row.code,
                'data-value': row.value == null ? '' : String(row.value),
                'data-numerator': row.numerator == null ? '' : String(row.numerator),
                style: { cursor: 'pointer' },
                onClick: () => set({ code: row.code }),
              }) as React.HTMLAttributes<HTMLElement>
            }
            rowClassName={(row) => (row.code === code ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('indicator'), dataIndex: 'code', render: (_: string, row) => <strong>{name(row)}</strong> },
              {
                title: t('value'),
                dataIndex: 'value',
                align: 'right',
                render: (v: number | null) => (
                  <span data-testid="ind-value">{v == null ? '—' : `${formatRatio(v, lang, 1)}%`}</span>
                ),
              },
              {
                title: `${t('numerator')}/${t('denominator')}`,
                dataIndex: 'numerator',
                align: 'right',
                render: (n: number | null, row) => `${formatInt(n, lang)} / ${formatInt(row.denominator, lang)}`,
              },
              {
                title: t('source'),
                dataIndex: 'source',
                render: (s: IndicatorFigure['source'], row) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={s === 'care' ? 'green' : 'default'} data-testid="ind-source" data-source={s ?? ''}>
                      {t(s === 'care' ? 'source_computed' : 'source_reported')}
                    </Tag>
                    {s === 'care' && (
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        {t(codeKey('denominatorFrom', row.denominatorSource))}
                        {row.asOf ? ` · ${row.asOf}` : ''}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('definition'),
                dataIndex: 'definition',
                render: (d: { zh: string; en: string } | null | undefined, row) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="ind-definition">
                    {(d ?? DEFINITIONS[row.code])?.[lang] ?? ''}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      )}
      {code && (
        <IndicatorMapCard
          area={area}
          year={y}
          code={code}
          title={t('mapTitle', {
            indicator: name(list.data?.indicators.find((i) => i.code === code) ?? { code }),
          })}
          onDrill={(a) => set({ area: a })}
        />
      )}
    </Space>
  );
}

function IndicatorMapCard(props: {
  area: string;
  year: number;
  code: string;
  title: string;
  onDrill: (area: string) => void;
}) {
  const t = useCareT();
  const { lang } = useLocale();
  const map = useIndicatorMap(props.area, props.year, props.code);
  const city = props.area.slice(0, 4);
  const counties = useBoundariesOrNull(city);
  const items = map.data?.areas ?? [];
  const placed = items.filter(
    (i): i is IndicatorMapArea & { lng: number; lat: number } => i.lng != null && i.lat != null,
  );

  const option = useMemo<EChartsOption>(() => {
    const values = items.map((i) => i.value ?? 0);
    const visualMap = {
      min: Math.min(0, ...values),
      max: Math.max(100, ...values),
      inRange: { color: ['#f5222d', '#faad14', '#52c41a'] },
      calculable: true,
      left: 'left',
      bottom: 0,
    };
    const geo = counties.data;
    if (placed.length && geo?.features.length) {
      const name = registerAreaMap(`wj-${city}`, geo);
      return {
        tooltip: { trigger: 'item' },
        visualMap: { ...visualMap, dimension: 2 },
        geo: { map: name, roam: true, itemStyle: { areaColor: '#fafafa', borderColor: '#bfbfbf' } },
        series: [
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            symbolSize: 14,
            label: { show: true, position: 'right', formatter: '{b}', fontSize: 10 },
            tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}: ${p.value[2] ?? '—'}%` },
            data: placed.map((p) => ({ name: p.name, value: [p.lng, p.lat, p.value ?? 0] })),
          },
        ],
      };
    }
    const sorted = [...items].sort((a, b) => (a.value ?? -1) - (b.value ?? -1));
    return {
      tooltip: { trigger: 'axis' },
      visualMap: { ...visualMap, show: false, dimension: 0 },
      grid: { left: 120, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', data: sorted.map((i) => i.name) },
      series: [{ type: 'bar', data: sorted.map((i) => i.value) }],
    };
  }, [items, placed, counties.data, city]);

  return (
    <Card size="small" title={props.title} data-testid="ind-map-card">
      <Alert type="info" showIcon title={t('mapNoPoints')} style={{ marginBottom: 8 }} />
      {map.isError ? (
        <LoadError error={map.error} onRetry={() => map.refetch()} />
      ) : (
        <>
          <EChart
            option={option}
            style={{ height: Math.max(240, Math.min(600, items.length * 22 + 60)) }}
            data-testid="ind-map"
            data-mode={placed.length && counties.data ? 'points' : 'bars'}
            data-items={String(items.length)}
          />
          <Table<IndicatorMapArea>
            rowKey="code"
            size="small"
            loading={map.isFetching}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              {
                title: t('area'),
                dataIndex: 'name',
                render: (n: string, row) =>
                  row.level < 5 ? <Typography.Link onClick={() => props.onDrill(row.code)}>{n}</Typography.Link> : n,
              },
              {
                title: t('value'),
                dataIndex: 'value',
                align: 'right',
                render: (v: number | null) => (v == null ? '—' : `${formatRatio(v, lang, 1)}%`),
              },
              {
                title: `${t('numerator')}/${t('denominator')}`,
                dataIndex: 'numerator',
                align: 'right',
                render: (n: number | null, row) => `${formatInt(n, lang)} / ${formatInt(row.denominator, lang)}`,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
