// 居民健康档案 search: one box for a 身份证号 (matched exactly by keyed digest on the server), a phone (likewise)
// or a name prefix; the list shows identifiers masked. A row opens the record (the server decides whether a
// reason must be stated first).
import { Button, Card, Input, Space, Table, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CursorPager, useCursorPaging } from '../platform/CursorPager.tsx';
import { LoadError } from '../platform/Loading.tsx';
import { can } from '../platform/rights.ts';
import { useSession } from '../platform/session.tsx';
import { useCareT } from './i18n.ts';
import { ageAt, today, useResidentSearch } from './queries.ts';
import type { ResidentListItem } from './types.ts';

const PAGE_SIZE = 20;

export default function ResidentSearch() {
  const t = useCareT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const filter = { q: q || undefined, limit: PAGE_SIZE };
  const paging = useCursorPaging(JSON.stringify(filter));
  const list = useResidentSearch({ ...filter, cursor: paging.cursor });
  const asOf = today();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('residentsTitle')}
        </Typography.Title>
        {can(user, 'writeInstitution') && (
          <Button type="primary" onClick={() => navigate('/care/residents/new')} data-testid="resident-new">
            {t('newResident')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Input.Search
          autoFocus
          allowClear
          enterButton={t('search')}
          placeholder={t('searchPlaceholder')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onSearch={(v) => {
            const next = v.replace(/\s+/g, '');
            setParams(next ? { q: /^\d{17}[\dxX]$/.test(next) ? next.toUpperCase() : next } : {}, { replace: true });
          }}
          style={{ maxWidth: 480 }}
          data-testid="resident-search"
        />
      </Card>
      {!q ? (
        <Typography.Text type="secondary" data-testid="resident-search-empty">
          {t('searchFirst')}
        </Typography.Text>
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<ResidentListItem>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            data-testid="resident-table"
            onRow={(row) =>
              ({
                'data-testid': 'resident-row',
                'data-id': String(row.id),
                style: { cursor: 'pointer' },
                onClick: () => navigate(`/care/residents/${row.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('name'), dataIndex: 'name' },
              {
                title: `${t('sex')}/${t('age')}`,
                dataIndex: 'sex',
                render: (sex: string, row) => `${t(sex === 'F' ? 'female' : 'male')} ${ageAt(row.birthDate, asOf)}`,
              },
              {
                title: t('idNumber'),
                dataIndex: 'idMasked',
                render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
              },
              { title: t('phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
              { title: t('area'), dataIndex: 'areaName', render: (v: string | null, row) => v ?? row.areaCode },
              { title: t('established'), dataIndex: 'established', render: (v: string | null) => v ?? '—' },
              { title: t('keeper'), dataIndex: 'keeperName', render: (v: string | null) => v ?? '—' },
            ]}
          />
          <CursorPager
            paging={paging}
            data={list.data}
            loading={list.isFetching}
            totalText={(total) => t('totalResidents', { total })}
            testId="resident-pager"
          />
        </Card>
      )}
    </Space>
  );
}
