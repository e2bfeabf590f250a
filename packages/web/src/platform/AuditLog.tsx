// Audit log for administrators: sign-ins and every write, with the record before and after as JSON.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from './api.ts';
import { actionWords, objectWords } from './audit-words.ts';
import { CursorPager, useCursorPaging } from './CursorPager.tsx';
import { formatDateTime } from './format.ts';
import { usePlatformT } from './i18n.ts';
import { LoadError } from './Loading.tsx';
import { useLocale } from './locale.tsx';
import type { ResponseOf, Wire } from './wire.ts';

type AuditEntry = Wire<'AuditEntry'>;

const PAGE = 50;

export default function AuditLog() {
  const t = usePlatformT();
  const { lang } = useLocale();
  const [username, setUsername] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState({ username: '', action: '' });
  // A new search starts again from the first page.
  const paging = useCursorPaging(JSON.stringify(filter));
  const list = useQuery({
    queryKey: ['audit', filter, paging.cursor],
    queryFn: () => api.get<ResponseOf<'/api/v1/audit'>>('/audit', { ...filter, limit: PAGE, cursor: paging.cursor }),
    placeholderData: keepPreviousData,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title">
        {t('auditTitle')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Input
            placeholder={t('auditUser')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            style={{ width: 180 }}
            allowClear
            data-testid="audit-username"
          />
          <Input
            placeholder={t('auditAction')}
            value={action}
            onChange={(e) => setAction(e.target.value)}
            style={{ width: 220 }}
            allowClear
            data-testid="audit-action"
          />
          <Button type="primary" onClick={() => setFilter({ username: username.trim(), action: action.trim() })}>
            {t('auditSearch')}
          </Button>
          <Button
            onClick={() => {
              setUsername('');
              setAction('');
              setFilter({ username: '', action: '' });
            }}
          >
            {t('auditReset')}
          </Button>
        </Space>
      </Card>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card size="small">
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            data-testid="audit-table"
            pagination={false}
            expandable={{
              rowExpandable: (r) => r.before != null || r.after != null,
              expandedRowRender: (r) => <Diff before={r.before} after={r.after} />,
            }}
            columns={[
              {
                title: t('auditTime'),
                width: 180,
                render: (_, r) => formatDateTime(r.at, lang),
              },
              { title: t('auditUser'), dataIndex: 'username', width: 140 },
              {
                title: t('auditAction'),
                dataIndex: 'action',
                // In words; the recorded code as secondary text (what the action filter searches).
                render: (a: string) => {
                  const words = actionWords(a, lang);
                  return (
                    <Space size={4} wrap>
                      <Tag color={a.includes('fail') || a.includes('lockout') ? 'red' : undefined}>{words ?? a}</Tag>
                      {words && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {a}
                        </Typography.Text>
                      )}
                    </Space>
                  );
                },
              },
              {
                title: t('auditEntity'),
                render: (_, r) => <span title={r.entity ?? undefined}>{objectWords(r.entity, r.entityId, lang)}</span>,
              },
              { title: t('auditIp'), dataIndex: 'ip', width: 140 },
            ]}
          />
          <CursorPager paging={paging} data={list.data} loading={list.isFetching} testId="audit-pager" />
        </Card>
      )}
    </Space>
  );
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const t = usePlatformT();
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const changed =
    typeof before === 'object' && typeof after === 'object' && before && after
      ? // Fields the write sent that differ from before (bookkeeping fields only in `before` are not changes).
        Object.keys(a).filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
      : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="audit-diff">
      {changed.length > 0 && (
        <Space wrap size={4}>
          {changed.map((k) => (
            <Tag key={k} color="gold">
              {k}: {JSON.stringify(b[k]) ?? '—'} → {JSON.stringify(a[k]) ?? '—'}
            </Tag>
          ))}
        </Space>
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Typography.Text strong>{t('auditBefore')}</Typography.Text>
          <pre className="wj-json">{before == null ? t('auditNone') : JSON.stringify(before, null, 2)}</pre>
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('auditAfter')}</Typography.Text>
          <pre className="wj-json">{after == null ? t('auditNone') : JSON.stringify(after, null, 2)}</pre>
        </Col>
      </Row>
    </Space>
  );
}
