// 数据源状态: every syndromic source (fever and intestinal clinics, pharmacies, schools, custom streams) with
// its last report and cadence; the ones that stopped reporting come first (GET /surveillance/stream-sources).
import { Alert, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { useSurvT } from './i18n.ts';
import { useStreamSources, useStreams } from './queries.ts';
import { SheetImportButton } from './SheetImport.tsx';
import type { StreamSource } from './types.ts';

const STATUS_COLOR = { ok: 'green', late: 'gold', silent: 'red' } as const;

export default function StreamStatus() {
  const t = useSurvT();
  const { lang } = useLocale();
  const { rootAreaCode, areaCode, year, user } = useSession();
  const [params, setParams] = useSearchParams();
  const streams = useStreams();
  const stream = params.get('stream') ?? undefined;
  const area = params.get('area') ?? areaCode;
  const asOf = params.get('asOf') ?? undefined;
  const status = params.get('status') ?? undefined;
  const sources = useStreamSources({ stream, area, asOf });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const items = sources.data?.items ?? [];
  const counts = useMemo(() => {
    const c = { ok: 0, late: 0, silent: 0 };
    for (const s of items) c[s.status]++;
    return c;
  }, [items]);
  const shown = status ? items.filter((s) => s.status === status) : items;
  const streamName = (code: string) => {
    const s = streams.data?.items.find((x) => x.code === code);
    return s ? (lang === 'en' ? s.nameEn : s.nameZh) : code;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="stream-status">
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('streamStatusTitle')}
        </Typography.Title>
        {user.role !== 'readonly' && <SheetImportButton kind="stream-counts" />}
      </Space>
      <Card size="small">
        <Space wrap>
          <AreaSelect
            rootCode={rootAreaCode}
            year={year}
            value={area}
            maxLevel="township"
            onChange={(v) => update({ area: v ?? rootAreaCode })}
            style={{ width: 200 }}
            data-testid="stream-filter-area"
          />
          <Select
            allowClear
            placeholder={t('filterStream')}
            value={stream}
            onChange={(v) => update({ stream: v })}
            options={(streams.data?.items ?? []).map((s) => ({
              value: s.code,
              label: lang === 'en' ? s.nameEn : s.nameZh,
            }))}
            style={{ width: 220 }}
            popupMatchSelectWidth={false}
            data-testid="stream-filter-stream"
          />
          <Select
            allowClear
            placeholder={t('filterStatus')}
            value={status}
            onChange={(v) => update({ status: v })}
            options={(['silent', 'late', 'ok'] as const).map((s) => ({ value: s, label: t(`status_${s}`) }))}
            style={{ width: 140 }}
            data-testid="stream-filter-status"
          />
          <Space size={4}>
            <Typography.Text type="secondary">{t('asOf')}</Typography.Text>
            <DatePicker
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => update({ asOf: d?.format('YYYY-MM-DD') })}
              placeholder={sources.data?.asOf}
              data-testid="stream-filter-asof"
            />
          </Space>
        </Space>
      </Card>
      <Row gutter={16}>
        {(['silent', 'late', 'ok'] as const).map((s) => (
          <Col key={s} xs={8}>
            <Card size="small" data-testid={`stream-count-${s}`}>
              <Statistic
                title={t(`status_${s}`)}
                value={counts[s]}
                styles={{ content: { color: s === 'silent' ? '#cf1322' : s === 'late' ? '#d48806' : '#389e0d' } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {(sources.data?.total ?? 0) > items.length && (
        <Alert
          type="info"
          showIcon
          title={t('sourcesTruncated', { shown: items.length, total: sources.data?.total ?? 0 })}
        />
      )}
      {sources.isError ? (
        <LoadError error={sources.error} onRetry={() => sources.refetch()} />
      ) : (
        <Card size="small">
          <Table<StreamSource>
            rowKey={(r) => `${r.countyCode}|${r.streamCode}|${r.sourceKey}`}
            size="small"
            loading={sources.isFetching}
            dataSource={shown}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => t('totalSources', { total: n }) }}
            data-testid="stream-table"
            onRow={(row) => ({ 'data-testid': 'stream-row', 'data-status': row.status }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('colStatus'),
                dataIndex: 'status',
                fixed: 'left',
                render: (s: StreamSource['status']) => <Tag color={STATUS_COLOR[s]}>{t(`status_${s}`)}</Tag>,
              },
              { title: t('colSourceName'), dataIndex: 'sourceName' },
              { title: t('colStream'), dataIndex: 'streamCode', render: (c: string) => streamName(c) },
              { title: t('colArea'), dataIndex: 'areaName', render: (v: string | null, r) => v ?? r.areaCode },
              { title: t('lastReport'), dataIndex: 'lastDate' },
              {
                title: t('daysSince'),
                dataIndex: 'daysSince',
                align: 'right',
                render: (n: number, r) => (
                  <Typography.Text
                    type={r.status === 'silent' ? 'danger' : r.status === 'late' ? 'warning' : undefined}
                  >
                    {t('daysN', { n })}
                  </Typography.Text>
                ),
              },
              {
                title: t('cadence'),
                dataIndex: 'cadenceDays',
                align: 'right',
                render: (n: number) => t('everyNDays', { n }),
              },
              {
                title: t('silentAfter'),
                dataIndex: 'silentDays',
                align: 'right',
                render: (n: number) => t('daysN', { n }),
              },
              { title: t('reportDays'), dataIndex: 'reportDays', align: 'right' },
              { title: t('firstReport'), dataIndex: 'firstDate' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
