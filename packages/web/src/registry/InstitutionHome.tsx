// An institution user's home: their institution's yearly report for the chosen year (status and the way to
// fill it in), its main resources, and the case report cards it sent. Area-level data (summaries, signals,
// plan tasks) is not theirs to see, so the page asks for none of it.
import { BankOutlined, FileAddOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../platform/api.ts';
import { formatInt } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLabel, useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { ResponseOf } from '../platform/wire.ts';
import { useRegistryT } from './i18n.ts';
import { useInstitution, useResources } from './queries.ts';
import { factValue } from './types.ts';

const FIGURES = ['bedsActual', 'doctors', 'nurses', 'outpatientVisits'];

type CasePage = ResponseOf<'/api/v1/surveillance/cases'>;

export default function InstitutionHome() {
  const t = useRegistryT();
  const { user, year } = useSession();
  const id = user.scopeInstitutionId != null ? String(user.scopeInstitutionId) : undefined;
  const institution = useInstitution(id);
  if (!id) return <Empty description={t('homeNoInstitution')} />;
  if (institution.isPending) return <Loading />;
  if (institution.isError) return <LoadError error={institution.error} onRetry={() => institution.refetch()} />;
  const inst = institution.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="institution-home">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }} data-testid="home-title">
          {inst.name}
        </Typography.Title>
        <Link to={`/institutions/${inst.id}`}>
          <Button icon={<BankOutlined />}>{t('homeInstitutionDetail')}</Button>
        </Link>
      </Space>
      <ReportCard id={id} year={year} />
      <CasesCard institutionId={inst.id} />
    </Space>
  );
}

function ReportCard({ id, year }: { id: string; year: number }) {
  const t = useRegistryT();
  const label = useLabel();
  const { lang } = useLocale();
  const { meta, can } = useSession();
  const resources = useResources(id);
  if (resources.isPending) return <Loading />;
  if (resources.isError) return <LoadError error={resources.error} onRetry={() => resources.refetch()} />;
  const row = resources.data.items.find((r) => r.year === year);
  const latest = [...resources.data.items].sort((a, b) => b.year - a.year)[0];
  const shown = row ?? latest;
  const fields = meta.resourceFields.filter((f) => FIGURES.includes(f.key));
  const writer = can('writeInstitution');
  const action = writer ? (row ? 'homeReportEdit' : 'homeReportFill') : 'homeReportView';
  return (
    <Card
      size="small"
      title={t('homeReportTitle', { year })}
      extra={
        <Link to={`/institutions/${id}/report/${year}`}>
          <Button type={row ? 'default' : 'primary'} icon={<FormOutlined />} data-testid="home-report-link">
            {t(action, { year })}
          </Button>
        </Link>
      }
      data-testid="home-report"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {row ? (
          <Tag color="green" data-testid="home-report-status">
            {t('homeReportDone', { version: row.version, at: String(row.updatedAt).slice(0, 10) })}
          </Tag>
        ) : (
          <Tag color="orange" data-testid="home-report-status">
            {t('homeReportMissing')}
          </Tag>
        )}
        {shown && (
          <>
            <Typography.Text type="secondary">{t('homeFigures', { year: shown.year })}</Typography.Text>
            <Row gutter={[16, 16]}>
              {fields.map((f) => (
                <Col key={f.key} xs={12} md={6}>
                  <Statistic title={label(f)} value={formatInt(factValue(shown, f.key), lang)} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </Space>
    </Card>
  );
}

function CasesCard({ institutionId }: { institutionId: number }) {
  const t = useRegistryT();
  const { lang } = useLocale();
  const { can } = useSession();
  const recent = useQuery({
    queryKey: ['surv', 'cases', { institution: institutionId, limit: 5 }],
    queryFn: () => api.get<CasePage>('/surveillance/cases', { institution: institutionId, limit: 5 }),
  });
  const late = useQuery({
    queryKey: ['surv', 'cases', { institution: institutionId, late: 'true', limit: 1 }],
    queryFn: () => api.get<CasePage>('/surveillance/cases', { institution: institutionId, late: 'true', limit: 1 }),
  });
  return (
    <Card
      size="small"
      title={t('homeCasesTitle')}
      extra={
        <Space>
          <Link to="/surveillance/cases">{t('homeCasesAll')}</Link>
          {can('writeInstitution') && (
            <Link to="/surveillance/cases/new">
              <Button icon={<FileAddOutlined />}>{t('homeCaseNew')}</Button>
            </Link>
          )}
        </Space>
      }
      data-testid="home-cases"
    >
      {recent.isPending ? (
        <Loading />
      ) : recent.isError ? (
        <LoadError error={recent.error} onRetry={() => recent.refetch()} />
      ) : recent.data.total === 0 ? (
        <Empty description={t('homeCasesNone')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('homeCasesTotal', {
              total: formatInt(recent.data.total, lang),
              late: formatInt(late.data?.total ?? null, lang),
            })}
          </Typography.Text>
          <List
            size="small"
            dataSource={recent.data.items}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/surveillance/cases/${c.id}`}>{c.diseaseName}</Link>
                <Space>
                  <Typography.Text type="secondary">{c.onsetDate}</Typography.Text>
                  <Tag color={c.timely === false ? 'red' : 'green'}>
                    {t(c.timely === false ? 'homeCaseLate' : 'homeCaseTimely')}
                  </Tag>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Card>
  );
}
