// New or edited health record (POST /care/residents, PUT /care/residents/{id}). The server validates (身份证号
// check digit, duplicates named with the existing record, the village code, dates) and its messages are shown
// on the fields they name, the others above the button.
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, type ErrorDetail, errorMessage } from '../platform/api.ts';
import { LoadError, Loading } from '../platform/Loading.tsx';
import { useCareT } from './i18n.ts';
import { today, useCareInvalidate, useResident } from './queries.ts';
import type { ResidentBody, ResidentDetail, ResidentRecord } from './types.ts';

interface Values {
  name?: string;
  idNumber?: string;
  phone?: string;
  sex?: 'M' | 'F';
  birthDate?: Dayjs | null;
  area?: string;
  household?: string;
  residence?: 'resident' | 'registered' | 'both';
  established?: Dayjs | null;
  deathDate?: Dayjs | null;
  movedOut?: Dayjs | null;
  disabled?: boolean;
  poor?: boolean;
  history?: string;
  allergies?: string;
}

export const RESIDENT_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'sex',
  'birthDate',
  'area',
  'household',
  'residence',
  'established',
  'deathDate',
  'movedOut',
  'disabled',
  'poor',
  'history',
  'allergies',
] as const;

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');
const asDay = (s: string | null | undefined) => (s ? dayjs(s) : null);

export default function ResidentFormPage() {
  const { id } = useParams();
  const record = useResident(id, null);
  if (!id) return <ResidentForm />;
  if (record.isPending) return <Loading />;
  if (record.isError) return <LoadError error={record.error} onRetry={() => record.refetch()} />;
  return <ResidentForm record={record.data.record} />;
}

export function ResidentForm({ record }: { record?: ResidentRecord }) {
  const t = useCareT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useCareInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ message: string; details: ErrorDetail[] } | null>(null);

  useEffect(() => {
    if (!record) return;
    form.setFieldsValue({
      name: record.name,
      sex: record.sex,
      birthDate: asDay(record.birthDate),
      area: record.areaCode,
      household: record.household ?? undefined,
      residence: record.residence ?? 'resident',
      established: asDay(record.established),
      deathDate: asDay(record.deathDate),
      movedOut: asDay(record.movedOut),
      disabled: record.disabled ?? false,
      poor: record.poor ?? false,
      history: record.history ?? undefined,
      allergies: record.allergies ?? undefined,
    });
  }, [record, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setProblems(null);
    const body = {
      name: clean(v.name) ?? '',
      sex: v.sex ?? 'M',
      birthDate: day(v.birthDate) ?? '',
      area: clean(v.area) ?? '',
      idNumber: clean(v.idNumber)?.toUpperCase(),
      phone: clean(v.phone),
      household: clean(v.household),
      residence: v.residence,
      established: day(v.established),
      deathDate: day(v.deathDate),
      movedOut: day(v.movedOut),
      disabled: v.disabled,
      poor: v.poor,
      history: clean(v.history),
      allergies: clean(v.allergies),
    } satisfies ResidentBody;
    try {
      const saved = record
        ? await api.put<ResidentDetail>(`/care/residents/${record.id}`, body)
        : await api.post<ResidentDetail>('/care/residents', body);
      message.success(t('residentSaved'));
      void invalidate();
      navigate(`/care/residents/${saved?.record.id ?? record?.id}`);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      form.setFields(
        RESIDENT_FIELDS.map((name) => ({
          name,
          errors: details.filter((d) => d.path === name).map((d) => d.message),
        })),
      );
      setProblems({ message: errorMessage(e), details });
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('required') }];
  const notFuture = {
    validator: (_: unknown, v: Dayjs | null | undefined) =>
      v && v.format('YYYY-MM-DD') > today() ? Promise.reject(new Error(t('dateFuture'))) : Promise.resolve(),
  };
  const unplaced = problems?.details.filter((d) => !d.path || !(RESIDENT_FIELDS as readonly string[]).includes(d.path));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
        {record ? t('editResidentTitle') : t('newResidentTitle')}
      </Typography.Title>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ residence: 'resident', established: dayjs(today()), disabled: false, poor: false }}
          data-testid="resident-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="name" label={t('name')} rules={required}>
                <Input data-testid="r-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="idNumber"
                label={t('idNumber')}
                extra={record?.idMasked ? `${record.idMasked}${t('masked')}` : undefined}
                rules={[{ pattern: /^\d{17}[\dXx]$/, message: t('idNumber18') }]}
              >
                <Input data-testid="r-idNumber" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="phone"
                label={t('phone')}
                extra={record?.phoneMasked ? `${record.phoneMasked}${t('masked')}` : undefined}
                rules={[{ pattern: /^[\d-]{7,20}$/, message: t('phone11') }]}
              >
                <Input data-testid="r-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="sex" label={t('sex')} rules={required}>
                <Select
                  options={[
                    { value: 'M', label: t('male') },
                    { value: 'F', label: t('female') },
                  ]}
                  data-testid="r-sex"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="birthDate" label={t('birthDate')} rules={[...required, notFuture]}>
                <DatePicker style={{ width: '100%' }} data-testid="r-birthDate" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="area"
                label={t('area')}
                tooltip={t('areaCodeHint')}
                rules={[...required, { pattern: /^\d{12}$/, message: t('areaCode12') }]}
              >
                <Input placeholder={t('areaCodeHint')} data-testid="r-area" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="household" label={t('household')}>
                <Input data-testid="r-household" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="residence" label={t('residence')}>
                <Select
                  options={(['resident', 'registered', 'both'] as const).map((r) => ({
                    value: r,
                    label: t(`residence_${r}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="established" label={t('established')} rules={[notFuture]}>
                <DatePicker style={{ width: '100%' }} data-testid="r-established" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="deathDate" label={t('deathDate')} rules={[notFuture]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="movedOut" label={t('movedOut')} rules={[notFuture]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('keyFlags')}>
                <Space>
                  <Form.Item name="disabled" valuePropName="checked" noStyle>
                    <Checkbox>{t('disabled')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="poor" valuePropName="checked" noStyle>
                    <Checkbox>{t('poor')}</Checkbox>
                  </Form.Item>
                </Space>
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="history" label={t('history')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="allergies" label={t('allergies')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          </Row>
          {problems && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={problems.message}
              description={unplaced?.length ? unplaced.map((d) => <div key={d.message}>{d.message}</div>) : undefined}
              data-testid="resident-errors"
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="resident-submit">
              {t('save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
