// Response KPIs as CIDARS reports them, on top of the signal and event list: response timeliness, median
// response time, signals per county per week, positive predictive value (GET /surveillance/kpis).
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { formatInt, formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSurvT } from './i18n.ts';
import { useKpis } from './queries.ts';

export function KpiBar({ area, subject, from, to }: { area?: string; subject?: string; from?: string; to?: string }) {
  const t = useSurvT();
  const { lang } = useLocale();
  // The same area, subject and range as the list below, so the event count equals the list's total.
  const kpis = useKpis({ area, subject, from, to });
  const k = kpis.data;
  const pct = (v: number | null | undefined) => (v == null ? '—' : `${formatRatio(v * 100, lang, 1)}%`);
  const items = [
    { key: 'timeliness', title: t('kpiTimeliness'), hint: t('kpiTimelinessHint'), value: pct(k?.timeliness) },
    {
      key: 'median',
      title: t('kpiMedianResponse'),
      hint: t('kpiMedianResponseHint'),
      value: k?.medianResponseHours == null ? '—' : `${formatRatio(k.medianResponseHours, lang, 1)} ${t('hours')}`,
    },
    {
      key: 'signals',
      title: t('kpiSignalsPerCountyWeek'),
      hint: t('kpiSignalsHint', { signals: k?.signals ?? 0, counties: k?.counties ?? 0 }),
      value: formatRatio(k?.signalsPerCountyWeek, lang, 2),
    },
    { key: 'ppv', title: t('kpiPpv'), hint: t('kpiPpvHint'), value: pct(k?.ppv) },
    {
      key: 'events',
      title: t('kpiEvents'),
      hint: t('kpiEventsHint'),
      value: k
        ? `${formatInt(k.events, lang)} / ${formatInt(k.verified, lang)} / ${formatInt(k.confirmed, lang)}`
        : '—',
    },
  ];
  return (
    <Card size="small" loading={kpis.isPending} data-testid="surv-kpis">
      <Row gutter={[16, 8]}>
        {items.map((i) => (
          <Col key={i.key} xs={12} md={8} xl={i.key === 'events' ? 6 : 4} data-testid={`kpi-${i.key}`}>
            <Tooltip title={i.hint}>
              <Statistic title={i.title} value={i.value} styles={{ content: { fontSize: 22 } }} />
            </Tooltip>
          </Col>
        ))}
      </Row>
      {k && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('kpiPeriod', { from: k.from, to: k.to })}
          {kpis.isError ? ` · ${t('loadFailed')}` : ''}
        </Typography.Text>
      )}
    </Card>
  );
}
