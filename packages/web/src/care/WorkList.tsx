// 随访工作清单: due and overdue follow-ups and checks, filtered by doctor, team, institution, township,
// programme and status (kept in the URL), sorted, cursor-paged and exportable to XLSX. One click (or ↑/↓ and
// Enter) on a row opens its form over the list; after a save the list reads again and the next row is selected.
import { Button, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { apiUrl } from '../platform/api.ts';
import { CursorPager, useCursorPaging } from '../platform/CursorPager.tsx';
import { LoadError } from '../platform/Loading.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { InstitutionPicker } from '../registry/InstitutionPicker.tsx';
import { type Entry, EntryModal } from './EntryModal.tsx';
import { codeKey, useCareT } from './i18n.ts';
import { PROGRAMS, useTeams, useWorklist } from './queries.ts';
import type { WorkItem } from './types.ts';

const PAGE_SIZES = [20, 50, 100];
const STATUSES = ['due', 'overdue', 'all'] as const;
/** The server's orders (a leading - reverses): the most overdue first by default. */
const SORTS = ['due', '-due', 'name', 'village'] as const;
const WORK_PROGRAMS = [...PROGRAMS, 'elderly'] as const;

export function entryOf(row: WorkItem): Entry | null {
  if (row.kind === 'check' && row.checkType)
    return { kind: 'check', residentId: row.residentId, name: row.name, checkType: row.checkType };
  if (row.program)
    return {
      kind: 'followup',
      residentId: row.residentId,
      name: row.name,
      program: row.program,
    };
  return null;
}

const rowKey = (r: WorkItem) => `${r.residentId}-${r.kind}-${r.program ?? r.checkType ?? ''}`;

export default function WorkList() {
  const t = useCareT();
  const { rootAreaCode, year, scopeKind } = useSession();
  const [params, setParams] = useSearchParams();
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as string)
    : 'due';
  const filter = {
    status,
    doctor: params.get('doctor') ?? undefined,
    team: params.get('team') ?? undefined,
    institution: params.get('institution') ?? undefined,
    township: params.get('township') ?? undefined,
    program: params.get('program') ?? undefined,
    sort: params.get('sort') ?? undefined,
    limit: pageSize,
  };
  const paging = useCursorPaging(JSON.stringify(filter));
  const list = useWorklist({ ...filter, cursor: paging.cursor });
  const teams = useTeams();
  const items = list.data?.items ?? [];
  const [selected, setSelected] = useState(0);
  const [entry, setEntry] = useState<Entry | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setSelected((s) => Math.min(s, Math.max(0, items.length - 1)));
  }, [items.length]);

  const update = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };

  const open = (row: WorkItem | undefined) => {
    const e = row ? entryOf(row) : null;
    if (e) setEntry(e);
  };

  const onKey = (e: KeyboardEvent) => {
    if (entry) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((s) => Math.min(items.length - 1, s + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max(0, s - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(items[selected]);
    }
  };

  const exportHref = apiUrl('/care/worklist.xlsx', { ...filter, limit: undefined });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('worklistTitle')}
        </Typography.Title>
        <a href={exportHref} download data-testid="worklist-export">
          {t('exportXlsx')}
        </a>
      </Space>
      <Card size="small">
        <Space wrap data-testid="worklist-filters">
          <Segmented
            value={status}
            onChange={(v) => update({ status: v === 'due' ? undefined : String(v) })}
            options={STATUSES.map((s) => ({ value: s, label: t(codeKey('status', s)) }))}
            data-testid="wl-status"
          />
          <Select
            allowClear
            placeholder={t('filterProgram')}
            value={filter.program}
            onChange={(v) => update({ program: v })}
            options={WORK_PROGRAMS.map((p) => ({ value: p, label: t(codeKey('program', p)) }))}
            style={{ width: 150 }}
            data-testid="wl-program"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filterTeam')}
            value={filter.team}
            onChange={(v) => update({ team: v })}
            options={(teams.data ?? []).map((tm) => ({ value: String(tm.id), label: tm.name }))}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            data-testid="wl-team"
          />
          {scopeKind !== 'institution' && (
            <>
              <div style={{ width: 220 }} data-testid="wl-institution">
                <InstitutionPicker value={filter.institution} onChange={(v) => update({ institution: v })} />
              </div>
              <AreaSelect
                rootCode={rootAreaCode}
                year={year}
                maxLevel="township"
                value={filter.township}
                onChange={(v) => update({ township: v })}
                allowClear
                placeholder={t('filterTownship')}
                style={{ width: 200 }}
                data-testid="wl-township"
              />
            </>
          )}
          <Select
            value={filter.sort ?? 'due'}
            onChange={(v) => update({ sort: v === 'due' ? undefined : v })}
            options={SORTS.map((s) => ({ value: s, label: t(codeKey('sort', s)) }))}
            style={{ width: 150 }}
            data-testid="wl-sort"
          />
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('reset')}</Button>
        </Space>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('keyboardHint')}
          </Typography.Text>
          {/* biome-ignore lint/a11y: the list takes the keys of its navigation (↑/↓, Enter) */}
          <div ref={tableRef} tabIndex={0} onKeyDown={onKey} data-testid="worklist-keys" style={{ outline: 'none' }}>
            <Table<WorkItem>
              rowKey={rowKey}
              size="small"
              loading={list.isFetching}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="worklist-table"
              rowClassName={(_, i) => (i === selected ? 'ant-table-row-selected' : '')}
              onRow={(row, i) =>
                ({
                  'data-testid': 'worklist-row',
                  'data-resident': String(row.residentId),
                  'data-selected': i === selected ? 'true' : 'false',
                  style: { cursor: 'pointer' },
                  onClick: () => {
                    setSelected(i ?? 0);
                    open(row);
                  },
                }) as HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  title: t('name'),
                  dataIndex: 'name',
                  render: (name: string, row) => (
                    <Link to={`/care/residents/${row.residentId}`} onClick={(e) => e.stopPropagation()}>
                      {name}
                    </Link>
                  ),
                },
                {
                  title: `${t('sex')}/${t('age')}`,
                  dataIndex: 'sex',
                  render: (sex: string, row) => `${t(sex === 'F' ? 'female' : 'male')} ${row.age ?? ''}`,
                },
                {
                  title: t('colTask'),
                  dataIndex: 'kind',
                  render: (_: string, row) =>
                    row.kind === 'check' && row.checkType ? (
                      <Tag color="purple">{t(codeKey('check', row.checkType))}</Tag>
                    ) : (
                      <Tag color="blue">{row.program ? t(codeKey('program', row.program)) : ''}</Tag>
                    ),
                },
                { title: t('colDue'), dataIndex: 'dueDate' },
                {
                  title: t('colOverdue'),
                  dataIndex: 'overdueDays',
                  render: (n: number, row) => (
                    <Space size={4}>
                      {n > 0 && <Tag color="red">{t('overdueDays', { n })}</Tag>}
                      {row.urgent && <Tag color="magenta">{t('urgent')}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('colLast'),
                  dataIndex: 'lastDate',
                  render: (d: string | null) => d ?? '—',
                },
                {
                  title: t('idNumber'),
                  dataIndex: 'idMasked',
                  render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
                },
                { title: t('phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
                { title: t('area'), dataIndex: 'villageName', render: (v: string | null, row) => v ?? row.areaCode },
              ]}
            />
          </div>
          <CursorPager
            paging={paging}
            data={list.data}
            loading={list.isFetching}
            totalText={(total) => t('totalItems', { total })}
            pageSize={pageSize}
            pageSizes={PAGE_SIZES}
            onPageSize={(size) => update({ size: size === 20 ? undefined : size })}
            testId="worklist-pager"
          />
        </Card>
      )}
      <EntryModal
        entry={entry}
        onClose={() => {
          setEntry(null);
          // Back to the list's keys, so ↓ and Enter go on with the next patient.
          setTimeout(() => tableRef.current?.focus(), 0);
        }}
      />
    </Space>
  );
}
