// 算法评估: detectors scored on seeded simulated series with injected outbreaks of known start and size
// (GET /surveillance/evaluation): sensitivity, false-alarm rate, PPV and time to detection per algorithm and
// scenario, the best of each column marked, plus one simulated series to see what the scenarios look like.
import { Alert, Card, Col, InputNumber, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { EChart, type EChartsOption } from '../platform/EChart.tsx';
import { formatRatio } from '../platform/format.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { detectorName } from './detector-name.ts';
import { useSurvT } from './i18n.ts';
import { ALGORITHMS, pick, useEvaluation, useSimulation } from './queries.ts';
import type { EvaluationRow } from './types.ts';

type Metric = 'sensitivity' | 'falseAlarmRate' | 'ppv' | 'meanTimeToDetection';
/** Higher is better for sensitivity and PPV; lower for false alarms and delay. */
const BETTER: Record<Metric, 1 | -1> = { sensitivity: 1, ppv: 1, falseAlarmRate: -1, meanTimeToDetection: -1 };

export default function Evaluation() {
  const t = useSurvT();
  const { lang } = useLocale();
  const [seed, setSeed] = useState(1);
  const [series, setSeries] = useState(10);
  const [algorithms, setAlgorithms] = useState<string[]>([]);
  const evaluation = useEvaluation({ seed, series, algorithms: algorithms.length ? algorithms.join(',') : undefined });
  const data = evaluation.data;
  const scenarios = data?.scenarios.map((s) => s.name) ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="surv-evaluation">
      <Typography.Title level={3} className="wj-page-title">
        {t('evaluationTitle')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('evaluationIntro')} />
      <Card size="small">
        <Space wrap>
          <Space size={4}>
            <Typography.Text type="secondary">{t('seed')}</Typography.Text>
            <InputNumber min={0} value={seed} onChange={(v) => setSeed(v ?? 1)} data-testid="eval-seed" />
          </Space>
          <Space size={4}>
            <Typography.Text type="secondary">{t('seriesPerScenario')}</Typography.Text>
            <InputNumber
              min={1}
              max={50}
              value={series}
              onChange={(v) => setSeries(v ?? 10)}
              data-testid="eval-series"
            />
          </Space>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('defaultAlgorithms')}
            value={algorithms}
            onChange={setAlgorithms}
            options={ALGORITHMS.filter((a) => a !== 'fixed').map((a) => ({ value: a, label: detectorName(a, lang) }))}
            style={{ minWidth: 320 }}
            data-testid="eval-algorithms"
          />
          {data && (
            <Typography.Text type="secondary">
              {t('evaluationMeta', { weeks: data.weeks, evalWeeks: data.evaluationWeeks, series: data.series })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {evaluation.isError ? (
        <LoadError error={evaluation.error} onRetry={() => evaluation.refetch()} />
      ) : !data ? (
        <Card loading />
      ) : (
        <Row gutter={[16, 16]}>
          {scenarios.map((sc) => (
            <Col xs={24} key={sc}>
              <ScenarioTable
                scenario={sc}
                loading={evaluation.isFetching}
                rows={data.rows.filter((r) => r.scenario === sc)}
                info={data.scenarios.find((s) => s.name === sc)}
              />
            </Col>
          ))}
        </Row>
      )}
      <SimulationCard seed={seed} scenarios={scenarios} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evaluationDefinitions')}
      </Typography.Text>
    </Space>
  );
}

function ScenarioTable({
  scenario,
  rows,
  loading,
  info,
}: {
  scenario: string;
  rows: EvaluationRow[];
  loading: boolean;
  info?: { theta: number; phi: number };
}) {
  const t = useSurvT();
  const { lang } = useLocale();
  const best = useMemo(() => {
    const out = {} as Record<Metric, number | null>;
    for (const m of Object.keys(BETTER) as Metric[]) {
      const vals = rows.map((r) => r[m]).filter((v): v is number => v != null && !Number.isNaN(v));
      out[m] = vals.length ? (BETTER[m] > 0 ? Math.max(...vals) : Math.min(...vals)) : null;
    }
    return out;
  }, [rows]);
  const cell = (m: Metric, pct: boolean) => (v: number | null) => {
    const text = v == null ? '—' : pct ? `${formatRatio(v * 100, lang, 1)}%` : formatRatio(v, lang, 2);
    return v != null && v === best[m] ? (
      <Tag color="green" style={{ marginInlineEnd: 0 }} data-best="1">
        {text}
      </Tag>
    ) : (
      text
    );
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          {t(`scenario_${scenario}` as 'scenario_rare')}
          {info && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              θ={info.theta}, φ={info.phi}
            </Typography.Text>
          )}
        </Space>
      }
    >
      <Table<EvaluationRow>
        rowKey="algorithm"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid={`eval-table-${scenario}`}
        onRow={(row) => ({ 'data-testid': 'eval-row', 'data-algorithm': row.algorithm }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('colAlgorithm'),
            dataIndex: 'algorithm',
            fixed: 'left',
            render: (a: string, r) =>
              r.error ? (
                <Tooltip title={pick(r.error, lang)}>
                  <Space size={4}>
                    <span title={a}>{detectorName(a, lang)}</span>
                    <Tag color="default">{t('cannotRun')}</Tag>
                  </Space>
                </Tooltip>
              ) : (
                <span title={a}>{detectorName(a, lang)}</span>
              ),
          },
          { title: t('sensitivity'), dataIndex: 'sensitivity', align: 'right', render: cell('sensitivity', true) },
          {
            title: t('falseAlarmRate'),
            dataIndex: 'falseAlarmRate',
            align: 'right',
            render: cell('falseAlarmRate', true),
          },
          { title: t('ppv'), dataIndex: 'ppv', align: 'right', render: cell('ppv', true) },
          {
            title: t('timeToDetection'),
            dataIndex: 'meanTimeToDetection',
            align: 'right',
            render: cell('meanTimeToDetection', false),
          },
          {
            title: t('detectedOutbreaks'),
            dataIndex: 'detected',
            align: 'right',
            render: (d: number, r) => `${d} / ${r.outbreaks}`,
          },
          { title: t('alarms'), dataIndex: 'alarms', align: 'right' },
          {
            title: t('undecided'),
            dataIndex: 'undecided',
            align: 'right',
            render: (v: number) => `${formatRatio(v * 100, lang, 1)}%`,
          },
          {
            title: t('runTime'),
            dataIndex: 'ms',
            align: 'right',
            render: (v: number) => `${formatRatio(v, lang, 0)} ms`,
          },
        ]}
      />
    </Card>
  );
}

function SimulationCard({ seed, scenarios }: { seed: number; scenarios: string[] }) {
  const t = useSurvT();
  const [scenario, setScenario] = useState('seasonal');
  const sim = useSimulation({ seed, scenario, weeks: 364 });
  const option = useMemo<EChartsOption | null>(() => {
    const s = sim.data;
    if (!s) return null;
    const x = s.observed.map((_, i) => i + 1);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: x, name: t('week'), nameLocation: 'middle', nameGap: 20 },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('observed'),
          data: s.observed.map((v, i) => v - (s.outbreakCases[i] ?? 0)),
          stack: 'n',
          itemStyle: { color: '#91caff' },
        },
        { type: 'bar', name: t('outbreakCases'), data: s.outbreakCases, stack: 'n', itemStyle: { color: '#f5222d' } },
        {
          type: 'line',
          name: t('baselineMean'),
          data: s.baseline.map((v) => Math.round(v * 100) / 100),
          showSymbol: false,
          lineStyle: { color: '#52c41a' },
        },
      ],
    };
  }, [sim.data, t]);
  return (
    <Card
      size="small"
      title={t('simulationTitle')}
      extra={
        <Select
          size="small"
          value={scenario}
          onChange={setScenario}
          style={{ width: 200 }}
          options={(scenarios.length ? scenarios : ['rare', 'seasonal', 'common-trend']).map((s) => ({
            value: s,
            label: t(`scenario_${s}` as 'scenario_rare'),
          }))}
        />
      }
    >
      {sim.isError ? (
        <LoadError error={sim.error} />
      ) : (
        option && <EChart option={option} style={{ height: 300 }} data-testid="simulation-chart" />
      )}
    </Card>
  );
}
