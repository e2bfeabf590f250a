// One plan indicator: its definition and formula from the catalogue, the series of the region and each of
// its children (line chart), the children on a map coloured by the indicator, the evaluation by area with
// provenance, and — for reported indicators — entering a value (PUT /indicator-values), after which every
// evaluation is refetched so the dashboard shows the new status at once. A module's indicator (甲乙类法定传染病
// 报告发病率, computed from surveillance) takes values only for years the module has no data for; where it has
// data, a value entered earlier is shown as overridden (and may be deleted).
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { EChart, type EChartsOption } from '../platform/EChart.tsx';
import { formatDateTime, formatRatio } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { useBoundaries } from '../registry/queries.ts';
import { ActualValue, formatValue, formulaText, NatureTag, StatusTag, unitSuffix, useSourceLabel } from './display.tsx';
import { IndicatorMap } from './IndicatorMap.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import { planYears, TargetCell, useRegionAreas } from './plan-parts.tsx';
import {
  EVAL_KEY,
  useByAreaYears,
  useCatalogue,
  useEvaluation,
  useEvaluationYears,
  useIndicatorValue,
  usePlan,
} from './queries.ts';
import { TargetEditor } from './TargetEditor.tsx';
import {
  type AreaEvaluationItem,
  type CatalogueIndicator,
  type EvaluationItem,
  type PlanDetail,
  type Target,
  VALUE_SOURCES,
} from './types.ts';

const PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#2f4554',
  '#61a0a8',
  '#d48265',
  '#749f83',
  '#ca8622',
  '#bda29a',
  '#6e7074',
];

export default function IndicatorPage() {
  const { id: rawId, seq: rawSeq } = useParams();
  const plan = usePlan(Number(rawId));
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} onRetry={() => plan.refetch()} />;
  return <IndicatorView plan={plan.data} seq={Number(rawSeq)} />;
}

function IndicatorView({ plan, seq }: { plan: PlanDetail; seq: number }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { isAdmin, user } = useSession();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? plan.defaultArea;
  const years = planYears(plan);
  const catalogue = useCatalogue();
  const indicator = plan.indicators.find((i) => i.seq === seq);
  const def: CatalogueIndicator | undefined = indicator?.catalogueCode
    ? catalogue.data?.items.find((d) => d.code === indicator.catalogueCode)
    : undefined;

  // Series of the region and every child: one by-area call per year of the period. The region's own row is
  // read from the evaluation endpoint (the dashboard's query, shared cache): by-area's `area` row lacks
  // registry sums when evaluated together with its children (server issue reported).
  const byArea = useByAreaYears(plan.id, seq, plan.regionCode, plan.baselineYear, plan.periodEnd);
  const regionYears = useEvaluationYears(plan.id, plan.regionCode, plan.baselineYear, plan.periodEnd);
  const byYear = useMemo(
    () =>
      byArea.map((q, n) => {
        const d = q.data;
        const ev = regionYears[n]?.data;
        const own = ev?.items.find((i) => i.seq === seq);
        if (!d || !own || !ev) return { data: d };
        const area: AreaEvaluationItem = {
          ...own,
          areaCode: ev.area.code,
          areaName: ev.area.name,
          areaLevel: ev.area.level,
        };
        return { data: { ...d, area } };
      }),
    [byArea, regionYears, seq],
  );
  const latestWithData = useMemo(() => {
    for (let n = byYear.length - 1; n >= 0; n--) {
      const d = byYear[n]?.data;
      if (d && (d.area.actual?.value != null || d.items.some((i) => i.actual?.value != null))) return d.year;
    }
    return undefined;
  }, [byYear]);
  const year = Number(params.get('year')) || latestWithData || plan.periodEnd;
  const yearData = byYear.find((q) => q.data?.year === year)?.data;
  // The dashboard's own query for the chosen area and year: what it shows, refetched after an edit.
  const live = useEvaluation(plan.id, area, year);
  const liveItem = live.data?.items.find((i) => i.seq === seq);

  const areaOptions = useRegionAreas(plan, year);
  const [colourBy, setColourBy] = useState<'value' | 'status'>('value');
  const boundaries = useBoundaries(plan.regionCode);
  const [editingTarget, setEditingTarget] = useState(false);

  const update = (changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };

  const decimals = liveItem?.decimals ?? def?.decimals ?? 2;
  const unit = indicator?.unit ?? def?.unit ?? null;
  const reportable = def?.source.kind === 'reported';
  // A module's indicator: values are entered only where the module has no data for the area-year.
  const moduleComputed = def?.source.kind === 'module' ? liveItem?.actual?.module?.hasData : undefined;
  const canWrite = isAdmin || user.role === 'city' || user.role === 'county';

  const seriesOption = useMemo<EChartsOption>(() => {
    const rows = new Map<string, { name: string; values: (number | null)[] }>();
    const expected: (number | null)[] = [];
    byYear.forEach((q, n) => {
      const d = q.data;
      expected[n] = d?.area.expected ?? null;
      if (!d) return;
      for (const it of [d.area, ...d.items]) {
        const r = rows.get(it.areaCode) ?? { name: it.areaName, values: years.map(() => null) };
        r.values[n] = it.actual?.value ?? null;
        rows.set(it.areaCode, r);
      }
    });
    const series = [...rows.entries()].map(([code, r], n) => ({
      name: r.name,
      type: 'line',
      data: r.values,
      connectNulls: true,
      symbolSize: code === plan.regionCode ? 7 : 4,
      lineStyle: { width: code === plan.regionCode ? 4 : code === area ? 3 : 1.5 },
      itemStyle: { color: code === plan.regionCode ? '#262626' : PALETTE[n % PALETTE.length] },
      z: code === plan.regionCode ? 10 : 2,
      emphasis: { focus: 'series' },
    }));
    series.push({
      name: t('expectedPath'),
      type: 'line',
      data: expected,
      connectNulls: true,
      symbolSize: 0,
      lineStyle: { width: 2, type: 'dashed' } as never,
      itemStyle: { color: '#8c8c8c' },
      z: 9,
      emphasis: { focus: 'series' },
    });
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        confine: true,
        valueFormatter: (v: number | null) => formatRatio(v, lang, decimals),
      },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
      yAxis: { type: 'value', scale: true, name: unit ?? '' },
      series,
    };
  }, [byYear, years, plan.regionCode, area, t, lang, decimals, unit]);

  if (!indicator) return <Alert type="error" showIcon title={`#${seq}`} />;
  const mapItems = (yearData?.items ?? []).map((i) => ({
    code: i.areaCode,
    name: i.areaName,
    value: i.actual?.value ?? null,
    status: i.status,
  }));
  const dashboardLink = `/plans/${plan.id}?area=${area}&year=${year}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="indicator-page">
      <div>
        <Link to={dashboardLink} data-testid="back-to-dashboard">
          <ArrowLeftOutlined /> {plan.name}
        </Link>
        <Typography.Title
          level={3}
          className="wj-page-title"
          style={{ margin: '8px 0 4px' }}
          data-testid="indicator-title"
        >
          {indicator.name}
        </Typography.Title>
        <Space wrap>
          {indicator.domain && <Tag>{indicator.domain}</Tag>}
          <NatureTag nature={indicator.nature} />
          {def && <Tag color="blue">{def.code}</Tag>}
          {!indicator.catalogueCode && <Tag>{t('notLinked')}</Tag>}
        </Space>
      </div>

      <Card size="small">
        <Space wrap size="middle">
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterArea')}</Typography.Text>
            <Select
              value={area}
              onChange={(v) => update({ area: v })}
              options={areaOptions}
              style={{ width: 200 }}
              data-testid="indicator-area"
            />
          </Space>
          <Space size={6}>
            <Typography.Text type="secondary">{t('filterYear')}</Typography.Text>
            <Select
              value={year}
              onChange={(v) => update({ year: v })}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 100 }}
              data-testid="indicator-year"
            />
          </Space>
          {live.data && (
            <Typography.Text type="secondary">
              {t('asOf', { time: formatDateTime(live.data.asOf, lang) })}
            </Typography.Text>
          )}
        </Space>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('definition')} style={{ height: '100%' }} data-testid="indicator-definition">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('catalogueName')}>
                {def ? `${def.zh} / ${def.en}` : t('notLinked')}
              </Descriptions.Item>
              {def && <Descriptions.Item label={t('code')}>{def.code}</Descriptions.Item>}
              <Descriptions.Item label={t('unit')}>{unit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('direction')}>{t(`direction_${indicator.direction}`)}</Descriptions.Item>
              {def && (
                <Descriptions.Item label={t('formula')}>
                  <FormulaText def={def} />
                </Descriptions.Item>
              )}
              {def?.source.note && <Descriptions.Item label={t('provNote')}>{def.source.note[lang]}</Descriptions.Item>}
              {def && def.aliases.length > 0 && (
                <Descriptions.Item label={t('aliases')}>{def.aliases.join('、')}</Descriptions.Item>
              )}
            </Descriptions>
            {!def && catalogue.isPending && <Loading />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={`${t('liveStatus')} · ${live.data?.area.name ?? area} · ${year}`}
            style={{ height: '100%' }}
            extra={
              canWrite && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditingTarget(true)}
                  data-testid="edit-target"
                >
                  {t('editTarget')}
                </Button>
              )
            }
            data-testid="indicator-live"
          >
            {liveItem ? <LiveSummary item={liveItem} /> : <Loading />}
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('seriesByArea')}>
        <EChart option={seriesOption} style={{ height: 380 }} data-testid="indicator-series" />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('mapTitle', { year })}
            extra={
              <Segmented
                size="small"
                value={colourBy}
                onChange={(v) => setColourBy(v as 'value' | 'status')}
                options={[
                  { value: 'value', label: t('colourValue') },
                  { value: 'status', label: t('colourStatus') },
                ]}
                data-testid="map-colour"
              />
            }
          >
            {boundaries.isPending || !yearData ? (
              <Loading />
            ) : mapItems.every((i) => i.value === null) ? (
              <Empty description={t('provNoValue')} data-testid="indicator-map-empty" />
            ) : (
              <IndicatorMap
                regionCode={plan.regionCode}
                boundaries={boundaries.data ?? null}
                items={mapItems}
                label={indicator.name}
                decimals={decimals}
                colourBy={colourBy}
                onSelect={(code) => update({ area: code })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('byAreaTable', { year })}>
            <Table<AreaEvaluationItem>
              rowKey="areaCode"
              size="small"
              dataSource={yearData ? [yearData.area, ...yearData.items] : []}
              loading={!yearData}
              pagination={false}
              scroll={{ y: 420 }}
              onRow={(i) =>
                ({
                  'data-testid': 'area-row',
                  'data-area': i.areaCode,
                  style: { cursor: 'pointer', fontWeight: i.areaCode === plan.regionCode ? 600 : undefined },
                  onClick: () => update({ area: i.areaCode }),
                  className: i.areaCode === area ? 'ant-table-row-selected' : undefined,
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                { title: t('areaName'), dataIndex: 'areaName' },
                {
                  title: t('actual'),
                  key: 'actual',
                  align: 'right',
                  render: (_: unknown, i) => <ActualValue item={i} />,
                },
                {
                  title: t('expected'),
                  dataIndex: 'expected',
                  align: 'right',
                  render: (v: number | null) => formatValue(v, decimals, lang),
                },
                { title: t('status'), dataIndex: 'status', render: (s) => <StatusTag status={s} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>

      {indicator.catalogueCode && def && (
        <Card size="small" title={t('enterValue')} data-testid="value-entry">
          {reportable ? (
            <ValueEntry plan={plan} def={def} area={area} year={year} liveItem={liveItem} canWrite={canWrite} />
          ) : def.source.kind === 'module' ? (
            liveItem ? (
              <ValueEntry
                plan={plan}
                def={def}
                area={area}
                year={year}
                liveItem={liveItem}
                canWrite={canWrite}
                computedYear={moduleComputed === true}
              />
            ) : (
              <Loading />
            )
          ) : (
            <Alert type="info" showIcon title={t('computedHint')} />
          )}
        </Card>
      )}

      {editingTarget && (
        <TargetEdit
          plan={plan}
          seq={seq}
          item={liveItem}
          indicatorName={indicator.name}
          area={area}
          onClose={() => setEditingTarget(false)}
        />
      )}
    </Space>
  );
}

function FormulaText({ def }: { def: CatalogueIndicator }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { meta } = useSession();
  const source = useSourceLabel();
  const f = formulaText(def, meta, lang);
  if (f && def.source.kind === 'module')
    return (
      <span data-testid="indicator-formula">
        <Typography.Text code>{f}</Typography.Text>
        <br />
        <Typography.Text type="secondary">
          {t('moduleIndicator', { module: t(`module_${def.source.module}` as PlanningKey) })}
        </Typography.Text>
      </span>
    );
  if (f)
    return (
      <Typography.Text code data-testid="indicator-formula">
        {f}
      </Typography.Text>
    );
  if (def.source.kind !== 'reported') return null;
  return (
    <span data-testid="indicator-formula">
      {t('reportedIndicator', { source: source(def.source.defaultSource) })}
      {def.source.futureSource && (
        <>
          <br />
          <Typography.Text type="secondary">
            {t('futureSource', { module: t(`module_${def.source.futureSource}` as PlanningKey) })}
          </Typography.Text>
        </>
      )}
    </span>
  );
}

function LiveSummary({ item }: { item: EvaluationItem }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('status')}>
        <span data-testid="live-status" data-status={item.status}>
          <StatusTag status={item.status} />
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('target')}>
        <TargetCell item={item} />
      </Descriptions.Item>
      <Descriptions.Item label={t('baseline')}>
        {item.baseline === null ? item.baselineText || '—' : formatValue(item.baseline, item.decimals, lang)}
      </Descriptions.Item>
      <Descriptions.Item label={t('actual')}>
        <span data-testid="live-actual">
          <ActualValue item={item} />
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('expected')}>
        {item.expected === null ? '—' : formatValue(item.expected, item.decimals, lang)}
      </Descriptions.Item>
      <Descriptions.Item label={t('distance')}>
        {item.distance === null
          ? '—'
          : `${formatValue(item.distance, item.decimals, lang)}${unitSuffix(item.unit, lang)}`}
      </Descriptions.Item>
    </Descriptions>
  );
}

function ValueEntry({
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
  const [src, setSrc] = useState<string>(def.source.kind === 'formula' ? 'manual' : def.source.defaultSource);
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
      await api.put('/indicator-values', {
        indicator: def.code,
        area,
        year,
        value: next,
        source: src,
        note: note.trim() || null,
        ...(existing.data ? { version: existing.data.version } : {}),
      });
      // Every evaluation (this page, the dashboard, the plan list) is refetched: no batch rebuild.
      await client.invalidateQueries({ queryKey: [EVAL_KEY] });
      const fresh = await client.fetchQuery({
        queryKey: [EVAL_KEY, 'evaluation', plan.id, area, year],
        queryFn: () => api.get<{ items: EvaluationItem[] }>(`/plans/${plan.id}/evaluation`, { area, year }),
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

function TargetEdit({
  plan,
  seq,
  item,
  indicatorName,
  area,
  onClose,
}: {
  plan: PlanDetail;
  seq: number;
  item: EvaluationItem | undefined;
  indicatorName: string;
  area: string;
  onClose: () => void;
}) {
  const t = usePlanningT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const indicator = plan.indicators.find((i) => i.seq === seq);
  const own = area !== plan.regionCode;
  const target: Target | null = own
    ? (indicator?.areaTargets.find((a) => a.areaCode === area)?.target ?? item?.target ?? null)
    : (indicator?.target ?? null);
  return (
    <TargetEditor
      open
      name={`${indicatorName}${own && item ? ` · ${area}` : ''}`}
      text={indicator?.targetText ?? ''}
      target={target}
      unit={indicator?.unit ?? null}
      baseYear={plan.baselineYear}
      saving={saving}
      onCancel={onClose}
      onOk={async (next) => {
        setSaving(true);
        try {
          await api.put(`/plans/${plan.id}/indicators/${seq}/target`, {
            version: plan.version,
            target: next,
            ...(own ? { area } : {}),
          });
          await Promise.all([
            client.invalidateQueries({ queryKey: ['plan', plan.id] }),
            client.invalidateQueries({ queryKey: [EVAL_KEY] }),
          ]);
          message.success(t('saved'));
          onClose();
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    />
  );
}
