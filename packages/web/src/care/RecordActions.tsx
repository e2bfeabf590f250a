// What a record's keeper, team or county does to a record besides entering visits: end a programme's management
// (结案, with date and reason), cancel a contract (解约), keep the chronic conditions (ICD-10), and merge a
// duplicate record of the same person into the one kept (manage right only; the server audits it). Every form
// checks what is plainly wrong first and shows the server's refusals at the field it names.
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage, request } from '../platform/api.ts';
import { codeKey, useCareT } from './i18n.ts';
import { today, useCareInvalidate } from './queries.ts';
import { type PickedResident, ResidentPicker } from './ResidentPicker.tsx';
import type { Condition, Enrolment, RecordContract, ResidentDetail, ResidentRecord } from './types.ts';

/** The server's reasons for a 结案 (programmes-service.ts ENROLMENT_END_REASONS). */
export const END_REASONS = ['death', 'moved-out', 'lost', 'refused', 'excluded', 'completed', 'other'] as const;
const ICD10 = /^[A-Z]\d{2}(\.\d{1,2})?$/;

/** Puts the server's field errors at the form's fields; the rest goes into one line for an alert. */
function showRefusal(form: FormInstance, fields: string[], e: unknown): string {
  const details = e instanceof ApiError ? e.details : [];
  form.setFields(
    fields.map((name) => ({ name, errors: details.filter((d) => d.path === name).map((d) => d.message) })),
  );
  const others = details.filter((d) => !fields.includes(d.path ?? ''));
  return [errorMessage(e), ...others.map((d) => d.message)].join('；');
}

export function EndEnrolmentModal({
  record,
  enrolments,
  onClose,
}: {
  record: ResidentRecord;
  enrolments: Enrolment[];
  onClose: () => void;
}) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = form.getFieldsValue(true) as { enrolment?: number; end?: Dayjs; endReason?: string };
    const e = enrolments.find((x) => x.id === v.enrolment);
    const end = v.end?.format('YYYY-MM-DD');
    const errors: Record<string, string[]> = {
      enrolment: e ? [] : [t('required')],
      end: !end
        ? [t('required')]
        : e && end < e.start
          ? [t('enrolmentEndBeforeStart', { start: e.start })]
          : end > today()
            ? [t('dateFuture')]
            : [],
      endReason: v.endReason ? [] : [t('required')],
    };
    form.setFields(Object.entries(errors).map(([name, errs]) => ({ name, errors: errs })));
    setProblem(null);
    if (Object.values(errors).some((x) => x.length)) return;
    setSaving(true);
    try {
      await api.put(`/care/enrolments/${e!.id}`, { end, endReason: v.endReason });
      message.success(t('endSaved', { program: t(codeKey('program', e!.program)) }));
      void invalidate();
      onClose();
    } catch (err) {
      setProblem(showRefusal(form, ['end', 'endReason'], err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('endEnrolmentTitle', { name: record.name })}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'end-ok' }}
      destroyOnHidden
    >
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="end-problem" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ enrolment: enrolments.length === 1 ? enrolments[0]!.id : undefined, end: dayjs(today()) }}
      >
        <Form.Item name="enrolment" label={t('endProgram')} required>
          <Select
            options={enrolments.map((e) => ({
              value: e.id,
              label: `${t(codeKey('program', e.program))}（${e.start}–）`,
            }))}
            data-testid="end-program"
          />
        </Form.Item>
        <Form.Item name="end" label={t('endDate')} required>
          <DatePicker allowClear={false} data-testid="end-date" />
        </Form.Item>
        <Form.Item name="endReason" label={t('endReason')} required>
          <Select
            options={END_REASONS.map((r) => ({ value: r, label: t(codeKey('endReason', r)) }))}
            data-testid="end-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The live contracts of a record, each with its 解约 after a confirmation. */
export function ContractsTable({ contracts, writable }: { contracts: RecordContract[]; writable: boolean }) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const cancel = async (c: RecordContract) => {
    try {
      await api.post(`/care/contracts/${c.id}/cancel`);
      message.success(t('contractCancelled'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Table<RecordContract>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={contracts}
      data-testid="record-contracts"
      columns={[
        { title: t('team'), dataIndex: 'teamName' },
        { title: t('start'), dataIndex: 'start' },
        {
          title: t('end'),
          dataIndex: 'end',
          render: (v: string, c) => `${v}${c.cancelled ? `（${t('contractCancelledTag')}）` : ''}`,
        },
        ...(writable
          ? [
              {
                key: 'cancel',
                render: (_: unknown, c: RecordContract) =>
                  c.cancelled || c.end < today() ? null : (
                    <Popconfirm
                      title={t('cancelContractConfirm', { team: c.teamName, start: c.start, end: c.end })}
                      onConfirm={() => cancel(c)}
                      okButtonProps={{ 'data-testid': 'contract-cancel-ok' }}
                    >
                      <Button size="small" danger data-testid={`contract-cancel-${c.id}`}>
                        {t('cancelContract')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Chronic conditions (ICD-10): the list, removal after a confirmation, and the add form. */
export function ConditionsPanel({
  residentId,
  conditions,
  writable,
}: {
  residentId: number;
  conditions: Condition[];
  writable: boolean;
}) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);

  const add = async () => {
    const v = form.getFieldsValue(true) as { icd10?: string; name?: string; diagnosed?: Dayjs };
    const icd10 = (v.icd10 ?? '').trim().toUpperCase();
    const diagnosed = v.diagnosed?.format('YYYY-MM-DD') ?? null;
    const errors = {
      icd10: !icd10 ? [t('required')] : ICD10.test(icd10) ? [] : [t('conditionIcd10Format')],
      diagnosed: diagnosed && diagnosed > today() ? [t('dateFuture')] : [],
    };
    form.setFields(Object.entries(errors).map(([name, errs]) => ({ name, errors: errs })));
    setProblem(null);
    if (errors.icd10.length || errors.diagnosed.length) return;
    try {
      await api.post(`/care/residents/${residentId}/conditions`, { icd10, name: v.name?.trim() || null, diagnosed });
      message.success(t('conditionSaved'));
      form.resetFields();
      void invalidate();
    } catch (e) {
      setProblem(showRefusal(form, ['icd10', 'name', 'diagnosed'], e));
    }
  };
  const remove = async (icd10: string) => {
    try {
      await request(`/care/residents/${residentId}/conditions/${encodeURIComponent(icd10)}`, { method: 'DELETE' });
      message.success(t('conditionRemoved'));
      void invalidate();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Condition>
        rowKey="icd10"
        size="small"
        pagination={false}
        dataSource={conditions}
        locale={{ emptyText: t('noConditions') }}
        data-testid="record-conditions"
        columns={[
          { title: t('conditionIcd10'), dataIndex: 'icd10' },
          { title: t('conditionName'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
          { title: t('conditionDiagnosed'), dataIndex: 'diagnosed', render: (v: string | null) => v ?? '—' },
          ...(writable
            ? [
                {
                  key: 'remove',
                  render: (_: unknown, c: Condition) => (
                    <Popconfirm
                      title={t('conditionRemoveConfirm', { icd10: c.icd10 })}
                      onConfirm={() => remove(c.icd10)}
                      okButtonProps={{ 'data-testid': 'condition-remove-ok' }}
                    >
                      <Button size="small" type="link" danger data-testid={`condition-remove-${c.icd10}`}>
                        {t('conditionRemove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {writable && (
        <>
          {problem && <Alert type="error" showIcon title={problem} data-testid="condition-problem" />}
          <Form form={form} layout="inline" onFinish={add}>
            <Form.Item name="icd10" label={t('conditionIcd10')} required>
              <Input maxLength={10} style={{ width: 110 }} data-testid="condition-icd10" />
            </Form.Item>
            <Form.Item name="name" label={t('conditionName')}>
              <Input maxLength={100} data-testid="condition-name" />
            </Form.Item>
            <Form.Item name="diagnosed" label={t('conditionDiagnosed')}>
              <DatePicker data-testid="condition-diagnosed" />
            </Form.Item>
            <Button htmlType="submit" data-testid="condition-add">
              {t('conditionAdd')}
            </Button>
          </Form>
        </>
      )}
    </Space>
  );
}

/** Merges this record into another record of the same person: both shown side by side, then confirmed. */
export function MergeModal({ record, onClose }: { record: ResidentRecord; onClose: () => void }) {
  const t = useCareT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useCareInvalidate();
  const [target, setTarget] = useState<PickedResident | null>(null);
  const [kept, setKept] = useState<ResidentRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setKept(null);
    setProblem(null);
    if (!target) return;
    if (target.id === record.id) {
      setProblem(t('mergeSelf'));
      return;
    }
    const controller = new AbortController();
    api
      .get<ResidentDetail>(`/care/residents/${target.id}`, undefined, controller.signal)
      .then((d) => setKept(d.record))
      .catch((e) => !controller.signal.aborted && setProblem(errorMessage(e)));
    return () => controller.abort();
  }, [target, record.id, t]);

  const merge = async () => {
    if (!kept) return;
    setSaving(true);
    try {
      await api.post(`/care/residents/${record.id}/merge`, { into: kept.id });
      message.success(t('mergeDone', { name: kept.name }));
      void invalidate();
      onClose();
      navigate(`/care/residents/${kept.id}`, { replace: true });
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      setProblem([errorMessage(e), ...details.map((d) => d.message)].join('；'));
    } finally {
      setSaving(false);
    }
  };

  const side = (r: ResidentRecord) => (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('name')}>{r.name}</Descriptions.Item>
      <Descriptions.Item label={t('sex')}>{t(r.sex === 'F' ? 'female' : 'male')}</Descriptions.Item>
      <Descriptions.Item label={t('birthDate')}>{r.birthDate}</Descriptions.Item>
      <Descriptions.Item label={t('idNumber')}>{r.idNumber ?? r.idMasked ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('area')}>{r.areaName ?? r.areaCode}</Descriptions.Item>
      <Descriptions.Item label={t('established')}>{r.established ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('keeper')}>{r.keeperName ?? '—'}</Descriptions.Item>
    </Descriptions>
  );

  return (
    <Modal
      open
      width={760}
      title={t('mergeTitle', { name: record.name })}
      okText={t('mergeConfirm')}
      okButtonProps={{ danger: true, disabled: !kept, 'data-testid': 'merge-ok' }}
      confirmLoading={saving}
      onOk={merge}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('mergeHint')} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <Form.Item label={t('mergeTarget')} required>
          <ResidentPicker value={target} onChange={setTarget} testId="merge-target" />
        </Form.Item>
      </Form>
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="merge-problem" />
      )}
      <Space align="start" style={{ width: '100%' }} data-testid="merge-compare">
        <div style={{ minWidth: 340 }}>
          <b>{t('mergeThis')}</b>
          {side(record)}
        </div>
        {kept && (
          <div style={{ minWidth: 340 }}>
            <b>{t('mergeKept')}</b>
            {side(kept)}
          </div>
        )}
      </Space>
    </Modal>
  );
}
