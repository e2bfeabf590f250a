// One institution: its attributes, its medical alliance, and its resources over the years (table + line chart);
// for those who may, editing it (InstitutionForm) and closing or reopening it (InstitutionClosing).
import { ArrowLeftOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../platform/api.ts';
import { EChart, type EChartsOption } from '../platform/EChart.tsx';
import { formatInt } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLabel, useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { FieldDef } from '../platform/types.ts';
import type { ResponseOf } from '../platform/wire.ts';
import { useAdminRights } from './admin-rights.ts';
import { codeLabel, gradeText } from './codes.ts';
import { InstitutionClosing } from './InstitutionClosing.tsx';
import { InstitutionForm } from './InstitutionForm.tsx';
import { useRegistryT } from './i18n.ts';
import { useInstitution, useResources } from './queries.ts';
import { factValue, type Institution, type ResourceRow } from './types.ts';

const DEFAULT_CHART = ['bedsActual', 'doctors', 'nurses'];

export default function InstitutionDetail() {
  const { id } = useParams();
  const t = useRegistryT();
  const navigate = useNavigate();
  const { meta, year, can } = useSession();
  const institution = useInstitution(id);
  const resources = useResources(id);
  const rights = useAdminRights();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  // After an edit, a closing or a reopening: this record, the lists and the networks it appears in.
  const refresh = () =>
    Promise.all(
      [['institution', id], ['institutions'], ['networks'], ['network']].map((queryKey) =>
        client.invalidateQueries({ queryKey }),
      ),
    );

  if (institution.isPending) return <Loading />;
  if (institution.isError) return <LoadError error={institution.error} onRetry={() => institution.refetch()} />;
  const inst = institution.data;
  const reportYear = meta.years.includes(year) ? year : meta.defaultYear;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {t('back')}
          </Button>
          <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }} data-testid="institution-name">
            {inst.name}
          </Typography.Title>
          {inst.closedOn && <Tag color="default">{t('adminClosedTag')}</Tag>}
        </Space>
        <Space wrap>
          {rights.writeInstitution(inst) && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="institution-edit">
              {t('adminEdit')}
            </Button>
          )}
          <InstitutionClosing institution={inst} onDone={() => refresh()} />
          {can('writeInstitution') && (
            <Link to={`/institutions/${encodeURIComponent(String(inst.id))}/report/${reportYear}`}>
              <Button type="primary" icon={<FormOutlined />}>
                {t('enterReport')}
              </Button>
            </Link>
          )}
        </Space>
      </Space>
      {inst.closedOn && (
        <Alert
          type="warning"
          showIcon
          title={t('adminClosedBanner', { date: inst.closedOn })}
          description={inst.closedReason ? t('adminClosedReason', { reason: inst.closedReason }) : undefined}
          data-testid="institution-closed"
        />
      )}
      {editing && (
        <InstitutionForm
          institution={inst}
          onClose={(saved) => {
            setEditing(false);
            if (saved) refresh();
          }}
        />
      )}
      <Attributes inst={inst} />
      <Networks inst={inst} />
      <Card title={t('resourcesOverYears')} size="small">
        {resources.isPending ? (
          <Loading />
        ) : resources.isError ? (
          <LoadError error={resources.error} onRetry={() => resources.refetch()} />
        ) : resources.data.items.length === 0 ? (
          <Empty description={t('resourcesEmpty')} />
        ) : (
          <ResourcesOverYears rows={resources.data.items} fields={meta.resourceFields} />
        )}
      </Card>
    </Space>
  );
}

function Attributes({ inst }: { inst: Institution }) {
  const t = useRegistryT();
  const label = useLabel();
  const { lang } = useLocale();
  const { meta } = useSession();
  const path = inst.areaPath.filter(Boolean).join(' / ');
  return (
    <Card title={t('attributes')} size="small">
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered data-testid="institution-attributes">
        <Descriptions.Item label={t('colCreditCode')}>{inst.uscc ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('colCategory')}>
          {codeLabel(meta.institutionCategories, inst.category, label)}
        </Descriptions.Item>
        <Descriptions.Item label={t('colGrade')}>
          {gradeText(meta, inst.gradeLevel, inst.gradeClass, lang) || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('colOwnership')}>
          {codeLabel(meta.ownerships, inst.ownership, label)}
        </Descriptions.Item>
        <Descriptions.Item label={t('colForProfit')}>
          {inst.forProfit ? t('forProfit') : t('nonProfit')}
        </Descriptions.Item>
        <Descriptions.Item label={t('colArea')}>{path || inst.areaName || inst.areaCode}</Descriptions.Item>
        <Descriptions.Item label={t('coordinates')}>
          {inst.lng != null && inst.lat != null ? `${inst.lng.toFixed(5)}, ${inst.lat.toFixed(5)}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('opened')}>{inst.openedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('closed')}>{inst.closedOn ?? '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Networks({ inst }: { inst: Institution }) {
  const t = useRegistryT();
  const label = useLabel();
  const { meta } = useSession();
  const networks = useQuery({
    // City-wide: an urban medical group is registered under its lead's county, not necessarily this one.
    queryKey: ['networks', inst.countyCode.slice(0, 4)],
    queryFn: () => api.get<ResponseOf<'/api/v1/networks'>>('/networks', { area: inst.countyCode.slice(0, 4) }),
    enabled: inst.networkId != null,
  });
  const network = networks.data?.items.find((n) => n.id === inst.networkId);
  return (
    <Card title={t('network')} size="small" data-testid="institution-network">
      {inst.networkId == null ? (
        <Typography.Text type="secondary">{t('networkNone')}</Typography.Text>
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item
            label={
              <Link to={`/networks/${inst.networkId}`}>
                {inst.networkName ?? network?.name ?? `#${inst.networkId}`}
              </Link>
            }
          >
            <Space wrap>
              {inst.networkType && <Tag>{codeLabel(meta.networkTypes, inst.networkType, label)}</Tag>}
              <Tag color={inst.isNetworkLead ? 'blue' : 'default'}>
                {inst.isNetworkLead ? t('networkRoleLead') : t('networkRoleMember')}
              </Tag>
              {!inst.isNetworkLead && network?.leadName && (
                <span>
                  {t('networkLead')}：
                  {network.leadInstitutionId != null ? (
                    <Link to={`/institutions/${network.leadInstitutionId}`}>{network.leadName}</Link>
                  ) : (
                    network.leadName
                  )}
                </span>
              )}
              {network && (
                <Typography.Text type="secondary">{t('networkMembers', { count: network.members })}</Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function ResourcesOverYears({ rows, fields }: { rows: ResourceRow[]; fields: FieldDef[] }) {
  const t = useRegistryT();
  const label = useLabel();
  const { lang } = useLocale();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.year - b.year), [rows]);
  const [chartKeys, setChartKeys] = useState<string[]>(() =>
    DEFAULT_CHART.filter((k) => fields.some((f) => f.key === k)),
  );

  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: sorted.map((r) => String(r.year)) },
      yAxis: { type: 'value' },
      series: chartKeys.map((key) => {
        const field = fields.find((f) => f.key === key);
        return {
          type: 'line',
          name: field ? label(field) : key,
          data: sorted.map((r) => factValue(r, key)),
          connectNulls: false,
        };
      }),
    }),
    [sorted, chartKeys, fields, label],
  );

  const dataRows = fields
    .filter((f) => sorted.some((r) => factValue(r, f.key) != null))
    .map((f) => ({
      key: f.key,
      field: f,
      ...Object.fromEntries(sorted.map((r) => [String(r.year), factValue(r, f.key)])),
    }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary">{t('chartFields')}</Typography.Text>
        <Select
          mode="multiple"
          value={chartKeys}
          onChange={setChartKeys}
          style={{ minWidth: 360 }}
          maxTagCount={4}
          options={fields.map((f) => ({ value: f.key, label: label(f) }))}
        />
      </Space>
      <EChart option={option} style={{ height: 320 }} data-testid="resources-chart" />
      <Table
        size="small"
        rowKey="key"
        dataSource={dataRows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="resources-table"
        columns={[
          { title: t('field'), dataIndex: 'field', fixed: 'left', render: (f: FieldDef) => label(f) },
          { title: t('unit'), dataIndex: 'field', render: (f: FieldDef) => f.unit },
          ...sorted.map((r) => ({
            title: String(r.year),
            dataIndex: String(r.year),
            align: 'right' as const,
            render: (v: number | null) => formatInt(v, lang),
          })),
        ]}
      />
    </Space>
  );
}
