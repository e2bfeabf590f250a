// One 传染病报告卡. The server decides what is shown: full identifiers only for holders of the identifier
// right, else the masked card (age instead of birth date, no detail beyond the township); every read (and the
// history) is written to the audit log. 订正 and deletion keep the previous version with its reason, and are
// offered only to the card's owner (write scope over the reporting institution; the server says `mayChange`).
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage, request } from '../platform/api.ts';
import { formatDateTime } from '../platform/format.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { formatDelay } from './CaseList.tsx';
import { useSurvT } from './i18n.ts';
import { CLASSIFICATIONS, useCase, useCaseHistory, useDiseases } from './queries.ts';
import type { CaseCorrection, CaseHistoryEntry, Classification, CaseDetail as Detail } from './types.ts';

export default function CaseDetail() {
  const t = useSurvT();
  const { lang } = useLocale();
  const { id } = useParams();
  const c = useCase(id);
  const diseases = useDiseases();
  const [showHistory, setShowHistory] = useState(false);
  const [edit, setEdit] = useState<'correct' | 'delete' | null>(null);
  if (c.isPending) return <Loading />;
  if (c.isError) return <LoadError error={c.error} onRetry={() => c.refetch()} />;
  const r = c.data;
  const d = diseases.data?.items.find((x) => x.code === r.diseaseCode);
  const canEdit = r.mayChange && !r.deleted;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-detail" data-id={r.id}>
      <Space wrap align="center">
        <Link to="/surveillance/cases">{t('backToCases')}</Link>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('caseDetailTitle', { id: r.id })}
        </Typography.Title>
        {r.deleted && <Tag>{t('deleted')}</Tag>}
        {r.duplicateOf && (
          <Link to={`/surveillance/cases/${r.duplicateOf}`}>
            <Tag color="orange">{t('probableDuplicate', { id: r.duplicateOf })}</Tag>
          </Link>
        )}
      </Space>
      <Alert
        type={r.identityMasked ? 'info' : 'warning'}
        showIcon
        title={r.identityMasked ? t('identityMaskedNotice') : t('identityFullNotice')}
        data-testid="case-audit-notice"
      />
      <Card
        size="small"
        title={t('sectionPatient')}
        extra={
          canEdit && (
            <Space>
              <Button size="small" onClick={() => setEdit('correct')} data-testid="case-correct">
                {t('correct')}
              </Button>
              <Button size="small" danger onClick={() => setEdit('delete')} data-testid="case-delete">
                {t('delete')}
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('f_patientName')}>
            <span data-testid="case-name">{r.patientName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('f_parentName')}>{r.parentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('f_citizenId')}>
            <span data-testid="case-citizenid" style={{ fontFamily: 'monospace' }}>
              {r.citizenId ?? r.citizenIdMasked ?? '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('f_sex')}>{t(r.sex === 'female' ? 'female' : 'male')}</Descriptions.Item>
          {!r.identityMasked && <Descriptions.Item label={t('f_birthDate')}>{r.birthDate ?? '—'}</Descriptions.Item>}
          <Descriptions.Item label={t('f_ageYears')}>{r.ageYears ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('f_phone')}>
            <span data-testid="case-phone">{r.phone ?? r.phoneMasked ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('f_occupation')}>{r.occupation}</Descriptions.Item>
          <Descriptions.Item label={t('f_workplace')}>{r.workplace ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('f_addressCode')}>
            {/* The place by name; its code as secondary text (a code the tree lacks shows alone). */}
            <span data-testid="case-address">
              {r.addressName ?? r.addressCode}
              {r.addressName && (
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {r.addressCode}
                </Typography.Text>
              )}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('f_addressText')} span={2}>
            {r.addressText ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('sectionDisease')}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('f_diseaseCode')}>
            {d ? (lang === 'en' ? d.nameEn : d.nameZh) : (r.diseaseName ?? r.diseaseCode)}（{r.diseaseCode}）
          </Descriptions.Item>
          <Descriptions.Item label={t('f_classification')}>
            {t(`class_${r.classification}` as 'class_clinical')}
          </Descriptions.Item>
          <Descriptions.Item label={t('f_onsetDate')}>{r.onsetDate}</Descriptions.Item>
          <Descriptions.Item label={t('f_diagnosisAt')}>{formatDateTime(r.diagnosisAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('reportedAt')}>{formatDateTime(r.reportedAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('timeliness')}>
            <Tag color={r.timely ? 'green' : 'red'}>{r.timely ? t('timely') : t('late')}</Tag>
            {t('reportDelay', { delay: formatDelay(r.reportDelayMinutes, t) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('f_deathDate')}>{r.deathDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('f_institutionId')}>
            {r.institutionName ?? `#${r.institutionId}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('f_doctorName')}>{r.doctorName}</Descriptions.Item>
          <Descriptions.Item label={t('clientReportId')}>
            <Typography.Text code>{r.clientReportId}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('version')}>{r.version}</Descriptions.Item>
          <Descriptions.Item label={t('f_remarks')}>{r.remarks ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('caseHistory')}
        extra={
          !showHistory && (
            <Button size="small" onClick={() => setShowHistory(true)} data-testid="case-show-history">
              {t('showHistory')}
            </Button>
          )
        }
      >
        {showHistory ? (
          <History id={String(r.id)} />
        ) : (
          <Typography.Text type="secondary">{t('historyHint')}</Typography.Text>
        )}
      </Card>
      {edit && <EditModal mode={edit} record={r} onClose={() => setEdit(null)} />}
    </Space>
  );
}

function History({ id }: { id: string }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const h = useCaseHistory(id, true);
  if (h.isError) return <LoadError error={h.error} />;
  return (
    <Table<CaseHistoryEntry>
      rowKey="version"
      size="small"
      loading={h.isPending}
      dataSource={h.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('noHistory') }}
      columns={[
        { title: t('version'), dataIndex: 'version' },
        {
          title: t('historyAction'),
          dataIndex: 'action',
          render: (a: string) => (a === 'delete' ? t('delete') : t('correct')),
        },
        { title: t('reason'), dataIndex: 'reason' },
        { title: t('byUser'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
        { title: t('at'), dataIndex: 'changedAt', render: (v: string) => formatDateTime(v, lang) },
      ]}
      data-testid="case-history"
    />
  );
}

interface EditValues {
  reason?: string;
  diseaseCode?: string;
  classification?: Classification;
  onsetDate?: Dayjs;
}

/** 订正 of the fields most often corrected (disease, classification, onset date), or deletion, with a reason. */
function EditModal({ mode, record, onClose }: { mode: 'correct' | 'delete'; record: Detail; onClose: () => void }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const diseases = useDiseases();
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    setError(null);
    try {
      if (mode === 'delete') {
        await request(`/surveillance/cases/${record.id}`, {
          method: 'DELETE',
          body: { reason: v.reason, version: record.version },
        });
      } else {
        const body: CaseCorrection = { reason: v.reason, version: record.version };
        if (v.diseaseCode && v.diseaseCode !== record.diseaseCode) body.diseaseCode = v.diseaseCode;
        if (v.classification && v.classification !== record.classification) body.classification = v.classification;
        const onset = v.onsetDate?.format('YYYY-MM-DD');
        if (onset && onset !== record.onsetDate) body.onsetDate = onset;
        await api.put(`/surveillance/cases/${record.id}`, body);
      }
      message.success(t('saved'));
      // The single read is audited: refetch only this record, once, after the change.
      await client.invalidateQueries({ queryKey: ['surv'] });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setError(t('staleCase'));
      else {
        const details = e instanceof ApiError ? e.details.map((d) => d.message) : [];
        setError([errorMessage(e), ...details].join('；'));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={mode === 'delete' ? t('deleteCase') : t('correctCase')}
      onCancel={onClose}
      onOk={submit}
      okText={t('confirm')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: mode === 'delete' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{
          diseaseCode: record.diseaseCode,
          classification: record.classification,
          onsetDate: dayjs(record.onsetDate),
        }}
      >
        {mode === 'correct' && (
          <>
            <Form.Item name="diseaseCode" label={t('f_diseaseCode')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(diseases.data?.items ?? []).map((d) => ({
                  value: d.code,
                  label: lang === 'en' ? d.nameEn : d.nameZh,
                }))}
              />
            </Form.Item>
            <Form.Item name="classification" label={t('f_classification')}>
              <Radio.Group options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`class_${c}`) }))} />
            </Form.Item>
            <Form.Item name="onsetDate" label={t('f_onsetDate')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
