// One plan indicator: its definition and formula from the catalogue, the series of the region and each of
// its children (line chart), the children on a map coloured by the indicator, the evaluation by area with
// provenance, and — for reported indicators — entering a value (PUT /indicator-values), after which every
// evaluation is refetched so the dashboard shows the new status at once. A module's indicator (甲乙类法定传染病
// 报告发病率, computed from surveillance) takes values only for years the module has no data for; where it has
// data, a value entered earlier is shown as overridden (and may be deleted).
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { EChart } from '../platform/EChart.tsx';
import { formatDateTime } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { NatureTag } from './display.tsx';
import { usePlanningT } from './i18n.ts';
import { AreaPanels } from './indicator/AreaPanels.tsx';
import { DefinitionPanel } from './indicator/DefinitionPanel.tsx';
import { LiveSummary } from './indicator/LiveSummary.tsx';
import { seriesOption } from './indicator/series-option.ts';
import { TargetEdit } from './indicator/TargetEdit.tsx';
import { ValueEntry } from './indicator/ValueEntry.tsx';
import { planYears, useRegionAreas } from './plan-parts.tsx';
import { useByAreaYears, useCatalogue, useEvaluation, useEvaluationYears, usePlan } from './queries.ts';
import type { AreaEvaluationItem, CatalogueIndicator, PlanDetail } from './types.ts';

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
  const { can } = useSession();
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
  const canWrite = can('writeArea');

  const chart = useMemo(
    () =>
      seriesOption({
        byYear,
        years,
        regionCode: plan.regionCode,
        area,
        expectedLabel: t('expectedPath'),
        lang,
        decimals,
        unit,
      }),
    [byYear, years, plan.regionCode, area, t, lang, decimals, unit],
  );

  if (!indicator) return <Alert type="error" showIcon title={`#${seq}`} />;
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
          <DefinitionPanel indicator={indicator} def={def} unit={unit} cataloguePending={catalogue.isPending} />
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
        <EChart option={chart} style={{ height: 380 }} data-testid="indicator-series" />
      </Card>

      <AreaPanels
        plan={plan}
        indicatorName={indicator.name}
        yearData={yearData}
        year={year}
        area={area}
        decimals={decimals}
        onSelect={(code) => update({ area: code })}
      />

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
