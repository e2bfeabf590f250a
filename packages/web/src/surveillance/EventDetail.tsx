// One early-warning event: what fired and why (explanation, signals), the series chart with expected value,
// upper bound and alarms, a map of where, the response timeline, and the workflow actions the user's role
// allows (初步核实 → 排除 | 疑似事件 → 现场调查 → 确认 (I–IV) | 结案), each with its note.
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { formatDateTime, formatRatio } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { BodyOf } from '../platform/wire.ts';
import { detectorName } from './detector-name.ts';
import { signalColumns } from './EventList.tsx';
import { EventMap } from './EventMap.tsx';
import { useSurvT } from './i18n.ts';
import {
  addDays,
  chinaToday,
  NEXT_STATES,
  NOTE_REQUIRED,
  OPEN_STATES,
  pick,
  useAssignees,
  useEvent,
  useSeries,
  useSubjectNames,
} from './queries.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { DeadlineTag, RiskTag, StateTag } from './tags.tsx';
import type { EventDetail as Detail, EventState, HistoryEntry, Signal } from './types.ts';

export default function EventDetail() {
  const t = useSurvT();
  const { id } = useParams();
  const event = useEvent(id);
  if (event.isPending) return <Loading />;
  if (event.isError) return <LoadError error={event.error} onRetry={() => event.refetch()} />;
  const e = event.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="event-detail" data-id={e.id}>
      <Space wrap align="center">
        <Link to="/surveillance">{t('backToList')}</Link>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }} data-testid="event-title">
          {t('eventTitle', {
            id: e.id,
            area: e.areaLevel === 'township' ? `${e.countyName} ${e.areaName}` : e.areaName,
          })}
        </Typography.Title>
        <RiskTag level={e.riskLevel} />
        <span data-testid="event-state" data-state={e.state}>
          <StateTag state={e.state} />
        </span>
        {OPEN_STATES.has(e.state) && !e.verifiedAt && <DeadlineTag deadline={e.verifyDeadline} />}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Summary event={e} />
            <ChartCard event={e} />
            <Card size="small" title={t('signalsOfEvent', { count: e.signals.length })}>
              <SignalsTable signals={e.signals} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Actions event={e} />
            <Card size="small" title={t('responseTimeline')}>
              <ResponseTimeline history={e.history} />
            </Card>
            <Card size="small" title={t('map')}>
              <EventMap event={e} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function Summary({ event: e }: { event: Detail }) {
  const t = useSurvT();
  const { lang } = useLocale();
  return (
    <Card size="small" title={t('whatFired')}>
      <Typography.Paragraph
        data-testid="event-explanation"
        style={{ marginBottom: 12 }}
        ellipsis={{
          rows: 3,
          expandable: 'collapsible',
          symbol: (expanded) => (expanded ? t('collapse') : t('expand')),
        }}
      >
        {pick(e.explanation, lang)}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2, xxl: 3 }} bordered>
        <Descriptions.Item label={t('colWindow')}>
          {e.firstDate === e.lastDate ? e.firstDate : `${e.firstDate} ~ ${e.lastDate}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('riskScore')}>{formatRatio(e.riskScore, lang, 3)}</Descriptions.Item>
        <Descriptions.Item label={t('areaLevel')}>{t(`areaLevel_${e.areaLevel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('colCreated')}>{formatDateTime(e.createdAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('verifyDeadline')}>{formatDateTime(e.verifyDeadline, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('verifiedAt')}>{formatDateTime(e.verifiedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('colAssignee')}>
          <span data-testid="event-assignee">{e.assigneeName ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('emergencyLevel')}>
          {e.emergencyLevel ? t(`emergency_${e.emergencyLevel}` as 'emergency_1') : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('closedAt')}>{formatDateTime(e.closedAt, lang)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The chart of one of the event's triggers (disease or stream in the signal's area). */
function ChartCard({ event: e }: { event: Detail }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const names = useSubjectNames();
  // One choice per subject × area that alarmed, the strongest (latest) first.
  const choices = useMemo(() => {
    const seen = new Map<string, Signal>();
    // Case-report triggers first (the disease itself), then the latest of the others.
    const ordered = [...e.signals].sort(
      (a, b) =>
        Number(b.category === 'case-report') - Number(a.category === 'case-report') ||
        b.periodEnd.localeCompare(a.periodEnd) ||
        b.id - a.id,
    );
    for (const s of ordered) {
      if (s.source === 'silent' || !/^\d{6}(\d{3})?$/.test(s.areaCode)) continue;
      const key = `${s.subject}|${s.areaCode}`;
      if (!seen.has(key)) seen.set(key, s);
    }
    return [...seen.entries()].map(([key, s]) => ({ key, s }));
  }, [e.signals]);
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const current = choices.find((c) => c.key === choice) ?? choices[0];
  const s = current?.s;
  const to = useMemo(() => {
    if (!s) return chinaToday();
    const after = addDays(e.lastDate, s.frequency === 'week' ? 28 : 14);
    const today = chinaToday();
    // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text
    return after < today ? after : today;
  }, [s, e.lastDate]);
  const series = useSeries(
    s ? { subject: s.subject, area: s.areaCode, to, periods: s.frequency === 'week' ? 104 : 120 } : null,
  );
  // The detector named is the one whose expected value and bound are drawn (the series answer's), not the
  // algorithm of whichever signal was picked (a fixed threshold, a scan, …).
  const title = s
    ? `${s.areaLevel === 'township' ? `${s.countyName} ${s.areaName}` : s.areaName} · ${names(s.subject, lang)} · ${t(
        s.frequency === 'week' ? 'perWeek' : 'perDay',
      )}${series.data?.algorithm ? ` · ${detectorName(series.data.algorithm, lang)}` : ''}`
    : '';
  return (
    <Card
      size="small"
      title={t('seriesTitle')}
      extra={
        choices.length > 1 && (
          <Select
            size="small"
            value={current?.key}
            onChange={setChoice}
            style={{ width: 260 }}
            options={choices.map((c) => ({
              value: c.key,
              label: `${names(c.s.subject, lang)} · ${c.s.areaName}`,
            }))}
            data-testid="series-subject"
          />
        )
      }
    >
      {!s ? (
        <Empty description={t('noSeries')} />
      ) : series.isError ? (
        <LoadError error={series.error} onRetry={() => series.refetch()} />
      ) : !series.data ? (
        <Loading />
      ) : (
        <SeriesChart series={series.data} window={{ from: e.firstDate, to: e.lastDate }} title={title} />
      )}
    </Card>
  );
}

function SignalsTable({ signals }: { signals: Signal[] }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const names = useSubjectNames();
  const columns = signalColumns(t, lang, names, false);
  return (
    <Table<Signal>
      rowKey="id"
      size="small"
      dataSource={signals}
      pagination={signals.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 'max-content' }}
      columns={columns}
      data-testid="event-signals"
    />
  );
}

function ResponseTimeline({ history }: { history: HistoryEntry[] }) {
  const t = useSurvT();
  const { lang } = useLocale();
  if (!history.length) return <Empty />;
  const colour = (h: HistoryEntry) =>
    h.action === 'transition'
      ? h.toState === 'excluded' || h.toState === 'closed'
        ? 'green'
        : h.toState === 'confirmed'
          ? 'red'
          : 'blue'
      : h.action === 'created'
        ? 'red'
        : 'gray';
  return (
    <Timeline
      data-testid="event-timeline"
      items={history.map((h) => {
        const level = h.detail?.emergencyLevel;
        const assignee = h.detail?.assigneeName;
        return {
          key: h.id,
          color: colour(h),
          content: (
            <div data-testid="timeline-item" data-action={h.action} data-state={h.toState ?? ''}>
              <Space size={6} wrap>
                <Typography.Text strong>
                  {h.action === 'transition' && h.toState
                    ? t(`state_${h.toState}`)
                    : t(`action_${h.action}` as 'action_note')}
                </Typography.Text>
                {h.action === 'transition' && h.fromState && (
                  <Typography.Text type="secondary">
                    {t('fromState', { state: t(`state_${h.fromState}`) })}
                  </Typography.Text>
                )}
                {level ? (
                  <Typography.Text type="danger">{t(`emergency_${level}` as 'emergency_1')}</Typography.Text>
                ) : null}
                {assignee && <Typography.Text>→ {assignee}</Typography.Text>}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at, lang)} · {h.username ?? '—'}
                </Typography.Text>
              </div>
              {h.note && (
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} data-testid="timeline-note">
                  {h.note}
                </Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
}

interface ActionForm {
  note?: string;
  emergencyLevel?: number;
}

function Actions({ event: e }: { event: Detail }) {
  const t = useSurvT();
  // Working an event is an area-level write (core's writeArea: not read-only, not institution users).
  const { user, can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [target, setTarget] = useState<EventState | 'note' | 'assign' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<ActionForm & { assigneeId?: number }>();
  const canWork = can('writeArea') && e.state !== 'merged';
  const next = e.state === 'merged' ? [] : NEXT_STATES[e.state];
  const assignees = useAssignees(e.id, canWork && target === 'assign');

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['surv'] });
  };

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    setBusy(true);
    setError(null);
    try {
      if (target === 'note') {
        await api.post(`/surveillance/events/${e.id}/notes`, {
          note: values.note ?? '',
        } satisfies BodyOf<'/api/v1/surveillance/events/{id}/notes'>);
      } else if (target === 'assign') {
        await api.post(`/surveillance/events/${e.id}/assign`, {
          assigneeId: values.assigneeId ?? Number(user.id),
          version: e.version,
          note: values.note || null,
        } satisfies BodyOf<'/api/v1/surveillance/events/{id}/assign'>);
      } else if (target) {
        await api.post(`/surveillance/events/${e.id}/transition`, {
          to: target,
          note: values.note?.trim() || null,
          emergencyLevel: target === 'confirmed' ? values.emergencyLevel : null,
          version: e.version,
        } satisfies BodyOf<'/api/v1/surveillance/events/{id}/transition'>);
      }
      message.success(t('saved'));
      setTarget(null);
      form.resetFields();
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setError(t('staleEvent'));
        await refresh();
      } else {
        const details =
          err instanceof ApiError ? err.details.map((d) => d.message).filter((m) => m && m !== errorMessage(err)) : [];
        setError([errorMessage(err), ...details].join('；'));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!canWork) {
    return (
      <Card size="small" title={t('actions')}>
        <Typography.Text type="secondary" data-testid="actions-readonly">
          {e.state === 'merged' ? t('mergedInto', { id: e.mergedInto ?? '' }) : t('actionsNotAllowed')}
        </Typography.Text>
      </Card>
    );
  }
  const open = (to: EventState | 'note' | 'assign') => {
    form.resetFields();
    setError(null);
    setTarget(to);
  };
  const title =
    target === 'note'
      ? t('addNote')
      : target === 'assign'
        ? t('assign')
        : target
          ? t('moveTo', { state: t(`state_${target}` as 'state_pending') })
          : '';
  return (
    <Card size="small" title={t('actions')} data-testid="event-actions">
      <Space wrap>
        {next.map((s) => (
          <Button
            key={s}
            type={s === 'excluded' || s === 'closed' ? 'default' : 'primary'}
            danger={s === 'confirmed'}
            onClick={() => open(s)}
            data-testid={`action-${s}`}
          >
            {t(`do_${s}` as 'do_verifying')}
          </Button>
        ))}
        {!next.length && <Typography.Text type="secondary">{t('noFurtherSteps')}</Typography.Text>}
      </Space>
      <div style={{ marginTop: 12 }}>
        <Space wrap>
          <Button size="small" onClick={() => open('assign')} data-testid="action-assign">
            {t('assign')}
          </Button>
          <Button size="small" onClick={() => open('note')} data-testid="action-note">
            {t('addNote')}
          </Button>
        </Space>
      </div>
      <Modal
        open={target !== null}
        title={title}
        onCancel={() => setTarget(null)}
        onOk={submit}
        okText={t('confirm')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'action-submit' } as never}
        data-testid="action-modal"
      >
        <Form form={form} layout="vertical" preserve={false}>
          {target === 'assign' && (
            <Form.Item name="assigneeId" label={t('assignee')} extra={t('assigneesHint')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={assignees.isFetching}
                placeholder={t('assignSelf')}
                notFoundContent={assignees.isError ? errorMessage(assignees.error) : undefined}
                options={(assignees.data?.items ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName}（${u.username} · ${t(`assigneeRole_${u.role}`)}）`,
                }))}
                data-testid="assignee-select"
              />
            </Form.Item>
          )}
          {target === 'confirmed' && (
            <Form.Item
              name="emergencyLevel"
              label={t('emergencyLevel')}
              rules={[{ required: true, message: t('emergencyLevelRequired') }]}
            >
              <Select
                options={[1, 2, 3, 4].map((l) => ({ value: l, label: t(`emergency_${l}` as 'emergency_1') }))}
                data-testid="emergency-level"
              />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={target === 'note' ? t('note') : t('noteResult')}
            rules={
              target === 'note' || (target && target !== 'assign' && NOTE_REQUIRED.has(target as EventState))
                ? [{ required: true, whitespace: true, message: t('noteRequired') }]
                : []
            }
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="action-note-input" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
      </Modal>
    </Card>
  );
}
