// 预警信号与事件: fused early-warning events (risk colour, area, window, which triggers fired, state, deadline)
// and the raw signals behind them, with the response KPIs on top. Filters live in the URL.
import { Button, Card, DatePicker, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CursorPager, useCursorPaging } from '../platform/CursorPager.tsx';
import { formatDateTime, formatRatio } from '../platform/format.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { detectorName } from './detector-name.ts';
import { useSurvT } from './i18n.ts';
import { KpiBar } from './KpiBar.tsx';
import { placeLabel } from './place.ts';
import {
  EVENT_STATES,
  OPEN_STATES,
  useDiseases,
  useEvents,
  useSignals,
  useStreams,
  useSubjectNames,
} from './queries.ts';
import { CategoryTag, DeadlineTag, RiskTag, StateTag } from './tags.tsx';
import type { Signal, SurvEvent } from './types.ts';

const PAGE_SIZES = [20, 50, 100];

export default function EventList() {
  const t = useSurvT();
  const { rootAreaCode, areaCode, year } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'signals' ? 'signals' : 'events';
  const area = params.get('area') ?? areaCode;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const subject = params.get('subject') ?? undefined;

  const update = (changes: Record<string, string | number | boolean | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '' || value === false) next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="surv-list">
      <Typography.Title level={3} className="wj-page-title">
        {t('listTitle')}
      </Typography.Title>
      <KpiBar area={area} subject={subject} from={from} to={to} />
      <Card size="small">
        <Space wrap data-testid="surv-filters">
          <AreaSelect
            rootCode={rootAreaCode}
            year={year}
            value={area}
            maxLevel="township"
            onChange={(v) => update({ area: v ?? rootAreaCode })}
            placeholder={t('filterArea')}
            style={{ width: 220 }}
            data-testid="filter-area"
          />
          <DatePicker.RangePicker
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            onChange={(v) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD') ?? undefined, to: v?.[1]?.format('YYYY-MM-DD') ?? undefined })
            }
            data-testid="filter-dates"
          />
          {tab === 'events' ? (
            <EventFilters params={params} update={update} />
          ) : (
            <SignalFilters params={params} update={update} />
          )}
          <Button
            onClick={() => setParams(new URLSearchParams(tab === 'signals' ? { tab } : {}), { replace: true })}
            data-testid="filter-reset"
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams();
            for (const key of ['area', 'from', 'to', 'subject']) {
              const v = params.get(key);
              if (v) next.set(key, v);
            }
            if (k === 'signals') next.set('tab', 'signals');
            setParams(next, { replace: true });
          }}
          items={[
            {
              key: 'events',
              label: t('tabEvents'),
              children: tab === 'events' && <EventTable params={params} update={update} area={area} />,
            },
            {
              key: 'signals',
              label: t('tabSignals'),
              children: tab === 'signals' && <SignalTable params={params} update={update} area={area} />,
            },
          ]}
          data-testid="surv-tabs"
        />
      </Card>
    </Space>
  );
}

type Update = (changes: Record<string, string | number | boolean | undefined | null>, resetPage?: boolean) => void;

function EventFilters({ params, update }: { params: URLSearchParams; update: Update }) {
  const t = useSurvT();
  return (
    <>
      <SubjectSelect params={params} update={update} />
      <Select
        allowClear
        placeholder={t('filterLevel')}
        value={params.get('level') ? Number(params.get('level')) : undefined}
        onChange={(v) => update({ level: v })}
        style={{ width: 150 }}
        options={[4, 3, 2, 1].map((l) => ({ value: l, label: t(`levelAtLeast${l}` as 'levelAtLeast1') }))}
        data-testid="filter-level"
      />
      <Select
        allowClear
        placeholder={t('filterState')}
        value={params.get('state') ?? undefined}
        onChange={(v) => update({ state: v })}
        style={{ width: 150 }}
        options={EVENT_STATES.map((s) => ({ value: s, label: t(`state_${s}`) }))}
        data-testid="filter-state"
      />
      <Space size={4}>
        <Switch
          size="small"
          checked={params.get('open') === '1'}
          onChange={(v) => update({ open: v ? '1' : undefined })}
          data-testid="filter-open"
        />
        <Typography.Text>{t('openOnly')}</Typography.Text>
      </Space>
    </>
  );
}

/** Disease or stream (the settings' catalogues), kept in the URL as `subject` for both tabs. */
function SubjectSelect({ params, update }: { params: URLSearchParams; update: Update }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const diseases = useDiseases();
  const streams = useStreams();
  const subjectOptions = [
    {
      label: t('diseases'),
      options: (diseases.data?.items ?? []).map((d) => ({
        value: d.code,
        label: lang === 'en' ? d.nameEn : d.nameZh,
      })),
    },
    {
      label: t('streams'),
      options: (streams.data?.items ?? []).map((s) => ({ value: s.code, label: lang === 'en' ? s.nameEn : s.nameZh })),
    },
  ];
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('filterSubject')}
      value={params.get('subject') ?? undefined}
      onChange={(v) => update({ subject: v })}
      style={{ width: 220 }}
      options={subjectOptions}
      popupMatchSelectWidth={false}
      data-testid="filter-subject"
    />
  );
}

function SignalFilters({ params, update }: { params: URLSearchParams; update: Update }) {
  const t = useSurvT();
  return (
    <>
      <SubjectSelect params={params} update={update} />
      <Select
        allowClear
        placeholder={t('filterSource')}
        value={params.get('source') ?? undefined}
        onChange={(v) => update({ source: v })}
        style={{ width: 170 }}
        options={(['case', 'fixed', 'cluster', 'scan', 'stream', 'silent'] as const).map((s) => ({
          value: s,
          label: t(`source_${s}`),
        }))}
        data-testid="filter-source"
      />
    </>
  );
}

/** The page size of the URL, and the keyset pager (CursorPager.tsx) that starts over when `filter` changes. */
function usePaging(params: URLSearchParams, filter: object) {
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const paging = useCursorPaging(JSON.stringify({ ...filter, pageSize }));
  return { paging, pageSize };
}

function EventTable({ params, update, area }: { params: URLSearchParams; update: Update; area: string }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const filter = {
    area,
    state: params.get('state') ?? undefined,
    level: params.get('level') ? Number(params.get('level')) : undefined,
    open: params.get('open') === '1' ? true : undefined,
    subject: params.get('subject') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const { paging, pageSize } = usePaging(params, filter);
  const list = useEvents({ ...filter, limit: pageSize, cursor: paging.cursor });
  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const pager = (
    <CursorPager
      paging={paging}
      data={list.data}
      loading={list.isFetching}
      totalText={(total) => t('totalEvents', { total })}
      pageSize={pageSize}
      pageSizes={PAGE_SIZES}
      onPageSize={(size) => update({ size: size === 20 ? undefined : size }, false)}
      testId="event-pager"
      totalTestId="event-total"
    />
  );
  return (
    <>
      <Table<SurvEvent>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="event-table"
        onRow={(row) =>
          ({
            'data-testid': 'event-row',
            'data-id': String(row.id),
            'data-state': row.state,
            'data-level': String(row.riskLevel),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={false}
        columns={[
          {
            title: t('colEvent'),
            dataIndex: 'id',
            fixed: 'left',
            render: (id: number) => (
              <Link to={`/surveillance/events/${id}`} data-testid="event-link">
                #{id}
              </Link>
            ),
          },
          {
            title: t('colRisk'),
            dataIndex: 'riskLevel',
            render: (level: number, row) => (
              <Tooltip title={`${t('riskScore')} ${formatRatio(row.riskScore, lang, 3)}`}>
                <span>
                  <RiskTag level={level} />
                </span>
              </Tooltip>
            ),
          },
          {
            title: t('colArea'),
            dataIndex: 'areaName',
            render: (name: string, row) => (row.areaLevel === 'township' ? `${row.countyName} ${name}` : name),
          },
          {
            title: t('colWindow'),
            dataIndex: 'firstDate',
            render: (first: string, row) => (first === row.lastDate ? first : `${first} ~ ${row.lastDate}`),
          },
          {
            title: t('colTriggers'),
            dataIndex: 'explanation',
            render: (_: unknown, row) => <Triggers event={row} />,
          },
          { title: t('colSignals'), dataIndex: 'signalCount', align: 'right' },
          {
            title: t('colState'),
            dataIndex: 'state',
            render: (state: string, row) => (
              <Space size={4}>
                <StateTag state={state} />
                {OPEN_STATES.has(state) && !row.verifiedAt && <DeadlineTag deadline={row.verifyDeadline} />}
              </Space>
            ),
          },
          { title: t('colAssignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
          { title: t('colCreated'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
        ]}
      />
      {pager}
    </>
  );
}

/** The triggers that fired: one tag per source category and subject. */
export function Triggers({ event }: { event: SurvEvent }) {
  const seen = new Map<string, (typeof event.explanation.triggers)[number]>();
  for (const tr of event.explanation?.triggers ?? []) {
    const key = `${tr.category}|${tr.subject}`;
    const cur = seen.get(key);
    if (!cur || tr.strength > cur.strength) seen.set(key, tr);
  }
  return (
    <Space size={[4, 4]} wrap style={{ maxWidth: 420 }} data-testid="event-triggers">
      {[...seen.values()].map((tr) => (
        <CategoryTag key={`${tr.category}|${tr.subject}`} category={tr.category} text={tr.subjectName} />
      ))}
    </Space>
  );
}

function SignalTable({ params, update, area }: { params: URLSearchParams; update: Update; area: string }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const names = useSubjectNames();
  const filter = {
    area,
    subject: params.get('subject') ?? undefined,
    source: params.get('source') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const { paging, pageSize } = usePaging(params, filter);
  const list = useSignals({ ...filter, limit: pageSize, cursor: paging.cursor });
  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const pager = (
    <CursorPager
      paging={paging}
      data={list.data}
      loading={list.isFetching}
      totalText={(total) => t('totalSignals', { total })}
      pageSize={pageSize}
      pageSizes={PAGE_SIZES}
      onPageSize={(size) => update({ size: size === 20 ? undefined : size }, false)}
      testId="signal-pager"
      totalTestId="signal-total"
    />
  );
  return (
    <>
      <Table<Signal>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="signal-table"
        onRow={(row) => ({ 'data-testid': 'signal-row', 'data-id': String(row.id) }) as HTMLAttributes<HTMLElement>}
        pagination={false}
        columns={signalColumns(t, lang, names)}
      />
      {pager}
    </>
  );
}

export function signalColumns(
  t: ReturnType<typeof useSurvT>,
  lang: 'zh' | 'en',
  names: ReturnType<typeof useSubjectNames>,
  withEvent = true,
) {
  return [
    {
      title: t('colPeriod'),
      dataIndex: 'periodEnd',
      render: (end: string, row: Signal) => (row.periodStart === end ? end : `${row.periodStart} ~ ${end}`),
    },
    {
      title: t('colSubject'),
      dataIndex: 'subject',
      render: (code: string, row: Signal) => (
        <Space size={4}>
          <CategoryTag category={row.category} text={names(code, lang)} />
          {row.immediate && <Tag color="red">{t('immediate')}</Tag>}
          {row.detail?.withdrawn === true && (
            <Tooltip title={t('withdrawnHint')}>
              <Tag data-testid="signal-withdrawn">{t('withdrawn')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('colSource'), dataIndex: 'source', render: (s: string) => t(`source_${s}` as 'source_case') },
    {
      title: t('colArea'),
      dataIndex: 'areaName',
      render: (name: string, row: Signal) => {
        const place = placeLabel(t, row);
        return `${row.areaLevel === 'township' ? `${row.countyName} ${name}` : name}${place ? ` · ${place}` : ''}`;
      },
    },
    { title: t('colObserved'), dataIndex: 'observed', align: 'right' as const },
    {
      title: t('colExpected'),
      dataIndex: 'expected',
      align: 'right' as const,
      render: (v: number | null) => formatRatio(v, lang, 1),
    },
    {
      title: t('colUpperbound'),
      dataIndex: 'upperbound',
      align: 'right' as const,
      render: (v: number | null) => formatRatio(v, lang, 1),
    },
    {
      title: t('colAlgorithm'),
      dataIndex: 'algorithm',
      render: (a: string) => <span title={a}>{detectorName(a, lang)}</span>,
    },
    ...(withEvent
      ? [
          {
            title: t('colEvent'),
            dataIndex: 'eventId',
            render: (id: number | null) => (id ? <Link to={`/surveillance/events/${id}`}>#{id}</Link> : '—'),
          },
        ]
      : []),
  ];
}
