// 传染病报告卡 list: scoped by the server, names and 身份证号 masked; filters by disease, area, classification,
// onset dates, duplicates, late reports, and a person's 身份证号 (matched server-side by keyed digest).
import { Button, Card, Checkbox, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CursorPager, useCursorPaging } from '../platform/CursorPager.tsx';
import { formatDateTime } from '../platform/format.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { useSurvT } from './i18n.ts';
import { CLASSIFICATIONS, useCases, useDiseases } from './queries.ts';
import { SheetImportButton } from './SheetImport.tsx';
import type { CaseListItem } from './types.ts';

const PAGE_SIZES = [20, 50, 100];

export function formatDelay(minutes: number, t: ReturnType<typeof useSurvT>): string {
  if (minutes < 60) return t('minutes', { n: Math.max(0, Math.round(minutes)) });
  if (minutes < 48 * 60) return t('hoursShort', { n: Math.round(minutes / 60) });
  return t('daysShort', { n: Math.round(minutes / 1440) });
}

export default function CaseList() {
  const t = useSurvT();
  const { lang } = useLocale();
  const { rootAreaCode, areaCode, year, user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const diseases = useDiseases();
  const area = params.get('area') ?? (user.role === 'institution' ? undefined : areaCode);
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const [idDraft, setIdDraft] = useState(params.get('citizenId') ?? '');
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;

  const filter = {
    area,
    disease: params.get('disease') ?? undefined,
    classification: params.get('classification') ?? undefined,
    from,
    to,
    duplicates: params.get('duplicates') === '1' ? true : undefined,
    late: params.get('late') === '1' ? true : undefined,
    citizenId: user.role === 'readonly' ? undefined : (params.get('citizenId') ?? undefined),
    limit: pageSize,
  };
  // Any change of filter or page size starts again from the first page.
  const paging = useCursorPaging(JSON.stringify(filter));
  const list = useCases({ ...filter, cursor: paging.cursor });

  const update = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('caseListTitle')}
        </Typography.Title>
        {user.role !== 'readonly' && (
          <Space>
            <SheetImportButton kind="cases" />
            <Button type="primary" onClick={() => navigate('/surveillance/cases/new')} data-testid="case-new-button">
              {t('newCase')}
            </Button>
          </Space>
        )}
      </Space>
      <Card size="small">
        <Space wrap data-testid="case-filters">
          {user.role !== 'institution' && (
            <AreaSelect
              rootCode={rootAreaCode}
              year={year}
              value={area}
              onChange={(v) => update({ area: v ?? rootAreaCode })}
              placeholder={t('filterArea')}
              style={{ width: 200 }}
              data-testid="case-filter-area"
            />
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filterDisease')}
            value={params.get('disease') ?? undefined}
            onChange={(v) => update({ disease: v })}
            options={(diseases.data?.items ?? []).map((d) => ({
              value: d.code,
              label: lang === 'en' ? d.nameEn : d.nameZh,
            }))}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            data-testid="case-filter-disease"
          />
          <Select
            allowClear
            placeholder={t('f_classification')}
            value={params.get('classification') ?? undefined}
            onChange={(v) => update({ classification: v })}
            options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`class_${c}`) }))}
            style={{ width: 150 }}
            data-testid="case-filter-classification"
          />
          <DatePicker.RangePicker
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(v) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD') ?? undefined, to: v?.[1]?.format('YYYY-MM-DD') ?? undefined })
            }
            placeholder={[t('onsetFrom'), t('onsetTo')]}
            data-testid="case-filter-dates"
          />
          <Checkbox
            checked={params.get('duplicates') === '1'}
            onChange={(e) => update({ duplicates: e.target.checked ? '1' : undefined })}
          >
            {t('onlyDuplicates')}
          </Checkbox>
          <Checkbox
            checked={params.get('late') === '1'}
            onChange={(e) => update({ late: e.target.checked ? '1' : undefined })}
          >
            {t('onlyLate')}
          </Checkbox>
          {/* Read-only users hold no identifier right: a lookup would confirm a guessed number (403). */}
          {user.role !== 'readonly' && (
            <Input.Search
              allowClear
              placeholder={t('findByCitizenId')}
              value={idDraft}
              onChange={(e) => setIdDraft(e.target.value)}
              onSearch={(v) => update({ citizenId: v.trim() || undefined })}
              style={{ width: 260 }}
              data-testid="case-filter-citizenid"
            />
          )}
          <Button
            onClick={() => {
              setIdDraft('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<CaseListItem>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            data-testid="case-table"
            onRow={(row) => ({ 'data-testid': 'case-row', 'data-id': String(row.id) }) as HTMLAttributes<HTMLElement>}
            pagination={false}
            columns={[
              {
                title: t('colCaseId'),
                dataIndex: 'id',
                fixed: 'left',
                render: (id: number) => <Link to={`/surveillance/cases/${id}`}>{id}</Link>,
              },
              {
                title: t('f_diseaseCode'),
                dataIndex: 'diseaseName',
                render: (name: string | null, row) => {
                  const d = diseases.data?.items.find((x) => x.code === row.diseaseCode);
                  return d ? (lang === 'en' ? d.nameEn : d.nameZh) : (name ?? row.diseaseCode);
                },
              },
              {
                title: t('f_classification'),
                dataIndex: 'classification',
                render: (c: string) => t(`class_${c}` as 'class_clinical'),
              },
              {
                title: t('f_patientName'),
                dataIndex: 'patientName',
                render: (v: string) => <span data-col="name">{v}</span>,
              },
              {
                title: t('f_citizenId'),
                dataIndex: 'citizenIdMasked',
                render: (v: string | null) => (
                  <span data-col="citizenId" style={{ fontFamily: 'monospace' }}>
                    {v ?? '—'}
                  </span>
                ),
              },
              {
                title: t('sexAge'),
                dataIndex: 'sex',
                render: (sex: string, row) => `${t(sex === 'female' ? 'female' : 'male')} ${row.ageYears ?? '—'}`,
              },
              { title: t('f_occupation'), dataIndex: 'occupation' },
              { title: t('f_onsetDate'), dataIndex: 'onsetDate' },
              {
                title: t('f_institutionId'),
                dataIndex: 'institutionName',
                render: (v: string | null, row) => v ?? `#${row.institutionId}`,
              },
              { title: t('reportedAt'), dataIndex: 'reportedAt', render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('timeliness'),
                dataIndex: 'timely',
                render: (timely: boolean, row) => (
                  <Tooltip title={t('reportDelay', { delay: formatDelay(row.reportDelayMinutes, t) })}>
                    <Tag color={timely ? 'green' : 'red'}>{timely ? t('timely') : t('late')}</Tag>
                  </Tooltip>
                ),
              },
              {
                title: t('flags'),
                dataIndex: 'duplicateOf',
                render: (dup: number | null, row) => (
                  <Space size={4}>
                    {dup ? (
                      <Tooltip title={t('probableDuplicate', { id: dup })}>
                        <Tag color="orange">{t('duplicate')}</Tag>
                      </Tooltip>
                    ) : null}
                    {row.deleted && <Tag>{t('deleted')}</Tag>}
                    {row.synthetic && <Tag color="default">{t('synthetic')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
          <CursorPager
            paging={paging}
            data={list.data}
            loading={list.isFetching}
            totalText={(total) => t('totalCases', { total })}
            pageSize={pageSize}
            pageSizes={PAGE_SIZES}
            onPageSize={(size) => update({ size: size === 20 ? undefined : size })}
            testId="case-pager"
            totalTestId="case-total"
          />
        </Card>
      )}
    </Space>
  );
}
