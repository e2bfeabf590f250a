// Report export: annual monitoring, mid-term and final evaluation reports of a plan as XLSX or DOCX
// (GET /plans/{id}/reports/{kind}?format=&area=&year=), downloaded by the browser.
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { apiUrl } from '../platform/api.ts';
import { useLocale } from '../platform/locale.tsx';
import { punct } from './display.tsx';
import { usePlanningT } from './i18n.ts';

export const REPORT_KINDS = ['annual', 'mid-term', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The year a report describes: the chosen year (annual), the middle of the period (mid-term) or its end. */
export function reportYear(kind: ReportKind, plan: { periodStart: number; periodEnd: number }, year: number): number {
  if (kind === 'annual') return year;
  if (kind === 'mid-term') return plan.periodStart + Math.floor((plan.periodEnd - plan.periodStart) / 2);
  return plan.periodEnd;
}

export function ReportExport({
  plan,
  area,
  year,
}: {
  plan: { id: number; periodStart: number; periodEnd: number };
  area: string;
  year: number;
}) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const label = { annual: t('reportAnnual'), 'mid-term': t('reportMidterm'), final: t('reportFinal') };
  return (
    <Card size="small" title={t('reports')} data-testid="report-export">
      <Space orientation="vertical" size="small">
        {REPORT_KINDS.map((kind) => {
          const y = reportYear(kind, plan, year);
          const href = (format: 'xlsx' | 'docx') =>
            apiUrl(`/plans/${plan.id}/reports/${kind}`, {
              format,
              area,
              year: kind === 'annual' ? y : undefined,
              lang,
            });
          return (
            <Space key={kind} wrap>
              <Typography.Text style={{ display: 'inline-block', width: 150 }}>
                {label[kind]}
                {punct(lang).open}
                {y}
                {punct(lang).close}
              </Typography.Text>
              <a href={href('xlsx')} download data-testid={`report-${kind}-xlsx`}>
                <Button size="small" icon={<FileExcelOutlined style={{ color: '#217346' }} />}>
                  XLSX
                </Button>
              </a>
              <a href={href('docx')} download data-testid={`report-${kind}-docx`}>
                <Button size="small" icon={<FileWordOutlined style={{ color: '#2b579a' }} />}>
                  DOCX
                </Button>
              </a>
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}
