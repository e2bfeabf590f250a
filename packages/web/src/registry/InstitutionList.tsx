// Institution list with filters (area, category, grade, ownership, name) and keyset paging (上一页 / 下一页,
// platform/CursorPager.tsx); the filters and page size live in the URL so a filtered list can be bookmarked and
// shared. Who may write in the scope creates institutions here (新增机构); closed ones are listed, marked 已撤销.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CursorPager, useCursorPaging } from '../platform/CursorPager.tsx';
import { LoadError } from '../platform/Loading.tsx';
import { useLabel, useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from './AreaSelect.tsx';
import { useAdminRights } from './admin-rights.ts';
import { codeLabel, codeTree, gradeOptions, gradeText } from './codes.ts';
import { InstitutionForm } from './InstitutionForm.tsx';
import { useRegistryT } from './i18n.ts';
import { useInstitutions } from './queries.ts';
import type { InstitutionListItem, Ownership } from './types.ts';

const PAGE_SIZES = [20, 50, 100];

/** Every ownership the list takes; a Record so a value added to or dropped from the API's filter fails typecheck. */
const OWNERSHIPS: Record<Ownership, true> = { government: true, 'other-public': true, private: true };

/** The ownership filter of the URL, when it is one the API takes (a hand-edited URL may hold anything). */
function ownershipOf(value: string | null): Ownership | undefined {
  return (Object.keys(OWNERSHIPS) as Ownership[]).find((o) => o === value);
}

export default function InstitutionList() {
  const t = useRegistryT();
  const label = useLabel();
  const { lang } = useLocale();
  const { meta, rootAreaCode, areaCode, year } = useSession();
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? areaCode;
  const category = params.get('category') ?? undefined;
  const grade = params.get('grade') ?? undefined;
  const ownership = ownershipOf(params.get('ownership'));
  const q = params.get('q') ?? '';
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const [qDraft, setQDraft] = useState(q);
  const rights = useAdminRights();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const filter = { area, category, grade, ownership, q: q || undefined, limit: pageSize };
  const paging = useCursorPaging(JSON.stringify(filter));

  const list = useInstitutions({ ...filter, cursor: paging.cursor });

  const update = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };

  const categoryTree = useMemo(() => codeTree(meta.institutionCategories, label), [meta, label]);
  const ownershipOptions = useMemo(() => codeTree(meta.ownerships, label), [meta, label]);
  const grades = useMemo(() => gradeOptions(meta, lang), [meta, lang]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('institutionsTitle')}
        </Typography.Title>
        {rights.writeArea(rootAreaCode) && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="institution-new"
          >
            {t('adminNew')}
          </Button>
        )}
      </Space>
      {creating && (
        <InstitutionForm
          onClose={(saved) => {
            setCreating(false);
            if (saved) navigate(`/institutions/${saved.id}`);
          }}
        />
      )}
      <Card size="small">
        <Space wrap data-testid="institution-filters">
          <AreaSelect
            rootCode={rootAreaCode}
            year={year}
            value={area}
            onChange={(v) => update({ area: v ?? rootAreaCode })}
            placeholder={t('filterArea')}
            style={{ width: 220 }}
            data-testid="filter-area"
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('filterCategory')}
            treeData={categoryTree}
            value={category}
            onChange={(v) => update({ category: v as string | undefined })}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="filter-category"
          />
          {grades.length > 0 && (
            <Select
              allowClear
              placeholder={t('filterGrade')}
              options={grades}
              value={grade}
              onChange={(v) => update({ grade: v })}
              style={{ width: 160 }}
              data-testid="filter-grade"
            />
          )}
          <TreeSelect
            allowClear
            placeholder={t('filterOwnership')}
            treeData={ownershipOptions}
            value={ownership}
            onChange={(v) => update({ ownership: v as string | undefined })}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            data-testid="filter-ownership"
          />
          <Input.Search
            allowClear
            placeholder={t('filterName')}
            value={qDraft}
            onChange={(e) => setQDraft(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            enterButton={t('search')}
            style={{ width: 320 }}
            data-testid="filter-q"
          />
          <Button
            onClick={() => {
              setQDraft('');
              setParams(new URLSearchParams(), { replace: true });
            }}
            data-testid="filter-reset"
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<InstitutionListItem>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            data-testid="institution-table"
            onRow={(row) =>
              ({ 'data-testid': 'institution-row', 'data-id': String(row.id) }) as React.HTMLAttributes<HTMLElement>
            }
            pagination={false}
            columns={[
              {
                title: t('colName'),
                dataIndex: 'name',
                fixed: 'left',
                render: (name: string, row) => (
                  <Space size={4}>
                    <Link to={`/institutions/${encodeURIComponent(String(row.id))}`}>{name}</Link>
                    {row.closedOn && (
                      <Tag title={`${t('closed')} ${row.closedOn}`} data-testid="institution-closed-tag">
                        {t('adminClosedTag')}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              {
                title: t('colCategory'),
                dataIndex: 'category',
                render: (code: string) => codeLabel(meta.institutionCategories, code, label),
              },
              {
                title: t('colGrade'),
                dataIndex: 'gradeLevel',
                render: (_: unknown, row) => gradeText(meta, row.gradeLevel, row.gradeClass, lang),
              },
              {
                title: t('colOwnership'),
                dataIndex: 'ownership',
                render: (code: string, row) => (
                  <Space size={4}>
                    {codeLabel(meta.ownerships, code, label)}
                    {row.forProfit != null && (
                      <Tag color={row.forProfit ? 'volcano' : 'green'}>
                        {row.forProfit ? t('forProfit') : t('nonProfit')}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              { title: t('colArea'), dataIndex: 'areaName', render: (v: string, row) => v ?? row.areaCode },
              { title: t('colCreditCode'), dataIndex: 'uscc' },
            ]}
          />
          <CursorPager
            paging={paging}
            data={list.data}
            loading={list.isFetching}
            totalText={(total) => t('totalCount', { total })}
            pageSize={pageSize}
            pageSizes={PAGE_SIZES}
            onPageSize={(size) => update({ size: size === 20 ? undefined : size })}
            testId="institution-pager"
            totalTestId="institution-total"
          />
        </Card>
      )}
    </Space>
  );
}
