// One resident's health record: the header (identifiers masked unless the reader may see them), contracts,
// programmes, the timeline of diagnoses, enrolments, follow-ups, checks and contracts, and who opened the
// record. A clinician outside the keeper institution and the contracted team is asked by the server to state
// a reason (接诊/转诊/会诊): the page asks it in a dialog and opens the record with it (the opening is audited).

import { KEY_FLAGS } from '@weijian/core/care';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Dropdown,
  Modal,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { formatDateTime } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { type Entry, EntryModal } from './EntryModal.tsx';
import { codeKey, useCareT } from './i18n.ts';
import { ageAt, isReasonRequired, OPENING_REASONS, today, useKeyFlags, useOpenings, useResident } from './queries.ts';
import { ConditionsPanel, ContractsTable, EndEnrolmentModal, MergeModal } from './RecordActions.tsx';
import { type TimelineEvent, timelineOf } from './timeline.ts';
import type {
  ResidentRecord as CareRecord,
  Timeline as CareTimeline,
  CheckType,
  Opening,
  OpeningReason,
  Program,
  ResidentDetail,
} from './types.ts';

const KEY_FLAG_KEYS: ReadonlySet<string> = new Set(KEY_FLAGS);

const CHECKS: CheckType[] = ['elderly-annual', 'child', 'prenatal', 'postpartum', 'postpartum-42'];

export function ReasonDialog({
  open,
  onOpen,
  onCancel,
}: {
  open: boolean;
  onOpen: (reason: OpeningReason) => void;
  onCancel: () => void;
}) {
  const t = useCareT();
  const [reason, setReason] = useState<OpeningReason | null>(null);
  return (
    <Modal
      open={open}
      title={t('reasonTitle')}
      okText={t('reasonOpen')}
      okButtonProps={{ disabled: !reason, 'data-testid': 'reason-ok' } as { disabled: boolean }}
      onOk={() => reason && onOpen(reason)}
      onCancel={onCancel}
      data-testid="reason-dialog"
    >
      <Typography.Paragraph>{t('reasonText')}</Typography.Paragraph>
      <Radio.Group
        value={reason}
        onChange={(e) => setReason(e.target.value as OpeningReason)}
        options={OPENING_REASONS.map((r) => ({ value: r, label: t(codeKey('reason', r)) }))}
        data-testid="reason-choice"
      />
    </Modal>
  );
}

export default function ResidentRecord() {
  const { id } = useParams();
  const t = useCareT();
  const navigate = useNavigate();
  const [reason, setReason] = useState<OpeningReason | null>(null);
  const record = useResident(id, reason);
  const needsReason = record.isError && isReasonRequired(record.error);

  if (record.isPending) return <Loading />;
  if (needsReason)
    return (
      <>
        <Alert type="warning" showIcon title={t('reasonTitle')} description={t('reasonText')} />
        <ReasonDialog open onOpen={setReason} onCancel={() => navigate(-1)} />
      </>
    );
  if (record.isError) return <LoadError error={record.error} onRetry={() => record.refetch()} />;
  return <RecordView detail={record.data} />;
}

export function RecordView({
  detail,
  own,
}: {
  detail: { record: CareRecord; timeline: CareTimeline; access?: ResidentDetail['access'] };
  own?: boolean;
}) {
  const { record: r, timeline: tl } = detail;
  const t = useCareT();
  const { lang } = useLocale();
  const navigate = useNavigate();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [action, setAction] = useState<'end' | 'merge' | null>(null);
  const openings = useOpenings(String(r.id), !own);
  const keyFlags = useKeyFlags(String(r.id), !own);
  const active = tl.enrolments.filter((e) => !e.end || e.end >= today());
  const writable = !own && !!detail.access?.write;
  const manageable = !own && !!detail.access?.manage;
  const lastMedication = (program: string) =>
    tl.followups.filter((f) => f.program === program && f.medication).sort((a, b) => (a.date < b.date ? 1 : -1))[0]
      ?.medication ?? null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="resident-record">
      <Space align="baseline" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('recordTitle', { name: r.name })}
        </Typography.Title>
        {writable && (
          <Space wrap>
            <Dropdown
              disabled={active.length === 0}
              menu={{
                items: active.map((e) => ({ key: e.program, label: t(codeKey('program', e.program)) })),
                onClick: ({ key }) =>
                  setEntry({
                    kind: 'followup',
                    residentId: r.id,
                    name: r.name,
                    program: key as Program,
                    lastMedication: lastMedication(key),
                  }),
              }}
            >
              <Button type="primary" data-testid="record-new-followup">
                {t('newFollowup')}
              </Button>
            </Dropdown>
            <Dropdown
              menu={{
                items: CHECKS.map((c) => ({ key: c, label: t(codeKey('check', c)) })),
                onClick: ({ key }) =>
                  setEntry({ kind: 'check', residentId: r.id, name: r.name, checkType: key as CheckType }),
              }}
            >
              <Button data-testid="record-new-check">{t('newCheck')}</Button>
            </Dropdown>
            <Button onClick={() => navigate(`/care/residents/${r.id}/edit`)} data-testid="record-edit">
              {t('edit')}
            </Button>
            {active.length > 0 && (
              <Button onClick={() => setAction('end')} data-testid="record-end-enrolment">
                {t('endEnrolment')}
              </Button>
            )}
            {manageable && (
              <Button danger onClick={() => setAction('merge')} data-testid="record-merge">
                {t('merge')}
              </Button>
            )}
          </Space>
        )}
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('sex')}>{t(r.sex === 'F' ? 'female' : 'male')}</Descriptions.Item>
          <Descriptions.Item label={t('birthDate')}>
            {r.birthDate}（{ageAt(r.birthDate, today())}）
          </Descriptions.Item>
          <Descriptions.Item label={t('idNumber')}>
            <span style={{ fontFamily: 'monospace' }} data-testid="record-id-number">
              {r.idNumber ?? r.idMasked ?? '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('phone')}>{r.phone ?? r.phoneMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('area')}>{r.areaName ?? r.areaCode}</Descriptions.Item>
          <Descriptions.Item label={t('established')}>{r.established ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('keeper')}>{r.keeperName ?? '—'}</Descriptions.Item>
          {r.household && <Descriptions.Item label={t('household')}>{r.household}</Descriptions.Item>}
          {r.deathDate && <Descriptions.Item label={t('deathDate')}>{r.deathDate}</Descriptions.Item>}
          {r.movedOut && <Descriptions.Item label={t('movedOut')}>{r.movedOut}</Descriptions.Item>}
          {r.history && <Descriptions.Item label={t('history')}>{r.history}</Descriptions.Item>}
          {r.allergies && <Descriptions.Item label={t('allergies')}>{r.allergies}</Descriptions.Item>}
          <Descriptions.Item label={t('contracts')}>
            {tl.contracts.filter((c) => !c.cancelled && c.end >= today()).length ? (
              tl.contracts
                .filter((c) => !c.cancelled && c.end >= today())
                .map((c) => (
                  <Tag key={c.id} color="green">
                    {c.teamName ?? `#${c.teamId}`}（{c.start}–{c.end}）
                  </Tag>
                ))
            ) : (
              <Tag>{t('noContract')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('enrolments')}>
            {active.map((e) => (
              <Tag key={e.id} color="blue">
                {t(codeKey('program', e.program))}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('keyFlags')}>
            <span data-testid="record-key-flags">
              {(keyFlags.data ?? []).map((f) => (
                <Tag key={f} color="purple">
                  {KEY_FLAG_KEYS.has(f) ? t(codeKey('flag', f)) : f}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'timeline',
              label: t('timeline'),
              children: (
                <Timeline
                  data-testid="record-timeline"
                  items={timelineOf(r.established, tl).map((e, i) => ({
                    key: `${e.kind}-${i}`,
                    color: colourOf(e),
                    children: <TimelineText event={e} />,
                  }))}
                />
              ),
            },
            {
              key: 'conditions',
              label: t('conditions'),
              children: <ConditionsPanel residentId={r.id} conditions={tl.conditions} writable={writable} />,
            },
            ...(own
              ? []
              : [
                  {
                    key: 'contracts',
                    label: t('contractsTab'),
                    children: <ContractsTable contracts={tl.contracts} writable={writable} />,
                  },
                  {
                    key: 'openings',
                    label: t('openings'),
                    children: <OpeningsTable items={openings.data ?? []} loading={openings.isFetching} lang={lang} />,
                  },
                ]),
          ]}
        />
      </Card>
      <EntryModal entry={entry} onClose={() => setEntry(null)} />
      {action === 'end' && <EndEnrolmentModal record={r} enrolments={active} onClose={() => setAction(null)} />}
      {action === 'merge' && <MergeModal record={r} onClose={() => setAction(null)} />}
    </Space>
  );
}

function colourOf(e: TimelineEvent): string {
  if (e.kind === 'followup')
    return e.followup.urgent ? 'red' : e.followup.classification === 'controlled' ? 'green' : 'orange';
  if (e.kind === 'contract') return 'green';
  return 'blue';
}

function TimelineText({ event: e }: { event: TimelineEvent }) {
  const t = useCareT();
  const date = <Typography.Text type="secondary">{e.date} </Typography.Text>;
  switch (e.kind) {
    case 'established':
      return (
        <span>
          {date}
          {t('establishedEvent')}
        </span>
      );
    case 'condition':
      return (
        <span>
          {date}
          {t('conditionEvent', { name: e.name, icd10: e.icd10 })}
        </span>
      );
    case 'enrolled':
    case 'ended':
      return (
        <span>
          {date}
          {t(e.kind === 'enrolled' ? 'enrolled' : 'enrolmentEnded', { program: t(codeKey('program', e.program)) })}
        </span>
      );
    case 'followup': {
      const f = e.followup;
      return (
        <span data-testid="timeline-followup">
          {date}
          {t('followupEvent', { program: t(codeKey('program', f.program)), mode: t(codeKey('mode', f.mode)) })}{' '}
          {f.sbp != null && `${f.sbp}/${f.dbp ?? '—'} mmHg `}
          {f.fbg != null && `${f.fbg} mmol/L `}
          {f.classification && <Tag>{t(codeKey('class', f.classification))}</Tag>}
          {f.urgent && <Tag color="red">{t('urgent')}</Tag>}
          {f.referralSuggested && <Tag color="orange">{t('referralSuggested')}</Tag>}
          {f.nextDue && (
            <Typography.Text type="secondary">
              {t('nextDue')} {f.nextDue}
            </Typography.Text>
          )}
        </span>
      );
    }
    case 'check':
      return (
        <span>
          {date}
          {t(codeKey('check', e.check.type))}
          {!e.check.complete && t('checkIncomplete')}
        </span>
      );
    case 'contract':
      return (
        <span>
          {date}
          {t('contractEvent', { team: e.contract.teamName ?? `#${e.contract.teamId}`, end: e.contract.end })}
        </span>
      );
  }
}

export function OpeningsTable({ items, loading, lang }: { items: Opening[]; loading?: boolean; lang: 'zh' | 'en' }) {
  const t = useCareT();
  return (
    <Table<Opening>
      rowKey={(o) => `${o.id ?? ''}-${o.openedAt}-${o.username}`}
      size="small"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="openings-table"
      columns={[
        { title: t('openedAt'), dataIndex: 'openedAt', render: (v: string) => formatDateTime(v, lang) },
        {
          title: t('openedBy'),
          dataIndex: 'username',
          render: (v: string, o) => `${v}${o.institutionName ? `（${o.institutionName}）` : ''}`,
        },
        { title: t('basis'), dataIndex: 'basis', render: (b: string) => <Tag>{t(codeKey('basis', b))}</Tag> },
      ]}
    />
  );
}
