// 传染病报告卡: the national card's fields, submitted to POST /surveillance/cases. The server validates
// (身份证号 check digit, dates, address code, institution scope…) and its messages are shown on the fields
// they name. Each form carries a client report id, so a double submit is stored once.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api, type ErrorDetail, errorMessage } from '../platform/api.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { InstitutionPicker } from '../registry/InstitutionPicker.tsx';
import { useInstitution } from '../registry/queries.ts';
import { useSurvT } from './i18n.ts';
import { CLASSIFICATIONS, OCCUPATIONS, useDiseases } from './queries.ts';
import type { CaseCard, CaseSubmitResult, Classification } from './types.ts';

interface Values {
  institutionId?: string;
  diseaseCode?: string;
  classification?: Classification;
  patientName?: string;
  parentName?: string;
  citizenId?: string;
  sex?: 'male' | 'female';
  birthDate?: Dayjs | null;
  ageYears?: number | null;
  phone?: string;
  occupation?: string;
  workplace?: string;
  addressCode?: string;
  addressText?: string;
  onsetDate?: Dayjs | null;
  diagnosisAt?: Dayjs | null;
  deathDate?: Dayjs | null;
  doctorName?: string;
  remarks?: string;
}

const FIELDS = new Set<string>([
  'institutionId',
  'diseaseCode',
  'classification',
  'patientName',
  'parentName',
  'citizenId',
  'sex',
  'birthDate',
  'ageYears',
  'phone',
  'occupation',
  'workplace',
  'addressCode',
  'addressText',
  'onsetDate',
  'diagnosisAt',
  'deathDate',
  'doctorName',
  'remarks',
]);

/** A client report id: time and randomness, unique per form, short enough to read out on the phone. */
function newReportId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  const rnd = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `web-${Date.now().toString(36)}-${rnd}`;
}

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export default function CaseForm() {
  const t = useSurvT();
  const { lang } = useLocale();
  const { user, rootAreaCode, areaCode, year } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [reportId, setReportId] = useState(newReportId);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [result, setResult] = useState<CaseSubmitResult | null>(null);
  const diseases = useDiseases();
  const fixedInstitution = user.role === 'institution' && user.scopeInstitutionId != null;

  const diseaseOptions = useMemo(() => {
    const items = (diseases.data?.items ?? []).filter((d) => d.enabled);
    const classes = diseases.data?.classes ?? {};
    return (['A', 'B-A', 'B', 'C', 'local'] as const)
      .map((cls) => ({
        label: classes[cls]?.[lang] ?? cls,
        options: items
          .filter((d) => d.class === cls)
          .map((d) => ({ value: d.code, label: `${lang === 'en' ? d.nameEn : d.nameZh}（${d.code}）` })),
      }))
      .filter((g) => g.options.length);
  }, [diseases.data, lang]);

  const submit = async (v: Values) => {
    setBusy(true);
    setProblems(null);
    const body = {
      clientReportId: reportId,
      institutionId: fixedInstitution
        ? Number(user.scopeInstitutionId)
        : v.institutionId
          ? Number(v.institutionId)
          : undefined,
      diseaseCode: v.diseaseCode,
      classification: v.classification,
      patientName: clean(v.patientName),
      parentName: clean(v.parentName),
      citizenId: clean(v.citizenId)?.toUpperCase(),
      sex: v.sex,
      birthDate: v.birthDate?.format('YYYY-MM-DD'),
      ageYears: v.birthDate ? undefined : (v.ageYears ?? undefined),
      phone: clean(v.phone),
      occupation: v.occupation,
      workplace: clean(v.workplace),
      addressCode: v.addressCode,
      addressText: clean(v.addressText),
      onsetDate: v.onsetDate?.format('YYYY-MM-DD'),
      // Typed in China time: sent without a zone, which the server reads as +08:00.
      diagnosisAt: v.diagnosisAt?.format('YYYY-MM-DDTHH:mm'),
      deathDate: v.deathDate?.format('YYYY-MM-DD'),
      doctorName: clean(v.doctorName),
      remarks: clean(v.remarks),
    } satisfies CaseCard;
    try {
      const r = await api.post<CaseSubmitResult>('/surveillance/cases', body);
      setResult(r);
      message.success(r.status === 'created' ? t('caseCreated') : t('caseExists'));
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      form.setFields(
        [...FIELDS].map((name) => ({
          name: name as keyof Values,
          errors: details.filter((d) => d.path === name).map((d) => d.message),
        })),
      );
      setProblems({ message: errorMessage(e), details });
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <Card>
        <Result
          status={result.duplicateOf ? 'warning' : 'success'}
          title={result.status === 'created' ? t('caseCreated') : t('caseExists')}
          subTitle={
            <Space
              orientation="vertical"
              data-testid="case-result"
              data-id={result.id ?? ''}
              data-status={result.status}
            >
              <span>{t('caseId', { id: result.id ?? '—' })}</span>
              {result.duplicateOf ? (
                <Typography.Text type="warning" data-testid="case-duplicate">
                  {t('probableDuplicate', { id: result.duplicateOf })}
                </Typography.Text>
              ) : null}
              {result.signals > 0 && (
                <Typography.Text type="danger" data-testid="case-signals">
                  {t('caseRaisedSignals', { signals: result.signals, events: result.events })}
                </Typography.Text>
              )}
              {result.eventIds?.length ? (
                <span data-testid="case-events">
                  {t('caseEventLinks')}
                  <Space size={8} wrap style={{ display: 'inline-flex' }}>
                    {result.eventIds.map((id) => (
                      <Link key={id} to={`/surveillance/events/${id}`} data-testid="case-event-link" data-id={id}>
                        #{id}
                      </Link>
                    ))}
                  </Space>
                </span>
              ) : null}
            </Space>
          }
          extra={[
            result.id ? (
              <Button
                key="view"
                type="primary"
                onClick={() => navigate(`/surveillance/cases/${result.id}`)}
                data-testid="case-view"
              >
                {t('viewCase')}
              </Button>
            ) : null,
            user.role !== 'institution' ? (
              <Button key="events" onClick={() => navigate('/surveillance')} data-testid="case-to-events">
                {t('viewEvents')}
              </Button>
            ) : null,
            <Button
              key="new"
              onClick={() => {
                setResult(null);
                setReportId(newReportId());
                form.resetFields();
              }}
              data-testid="case-new"
            >
              {t('newCase')}
            </Button>,
          ]}
        />
      </Card>
    );
  }

  const unplaced = problems?.details.filter((d) => !d.path || !FIELDS.has(d.path)) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="baseline" wrap>
        <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
          {t('caseFormTitle')}
        </Typography.Title>
        <Link to="/surveillance/cases">{t('caseListTitle')}</Link>
      </Space>
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ classification: 'clinical' }}
          data-testid="case-form"
          scrollToFirstError
        >
          <Typography.Title level={5}>{t('sectionPatient')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="patientName"
                label={t('f_patientName')}
                rules={[{ required: true, message: t('required') }]}
              >
                <Input maxLength={50} data-testid="f-patientName" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="parentName" label={t('f_parentName')} extra={t('parentNameHint')}>
                <Input maxLength={50} data-testid="f-parentName" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="citizenId" label={t('f_citizenId')} extra={t('citizenIdHint')}>
                <Input maxLength={18} autoComplete="off" data-testid="f-citizenId" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="sex" label={t('f_sex')} extra={t('sexHint')}>
                <Radio.Group
                  options={[
                    { value: 'male', label: t('male') },
                    { value: 'female', label: t('female') },
                  ]}
                  data-testid="f-sex"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="birthDate" label={t('f_birthDate')}>
                <DatePicker style={{ width: '100%' }} data-testid="f-birthDate" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="ageYears" label={t('f_ageYears')} extra={t('ageHint')}>
                <InputNumber min={0} max={150} style={{ width: '100%' }} data-testid="f-ageYears" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="occupation"
                label={t('f_occupation')}
                rules={[{ required: true, message: t('required') }]}
              >
                <Select
                  showSearch
                  options={OCCUPATIONS.map((o) => ({ value: o, label: o }))}
                  data-testid="f-occupation"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="workplace" label={t('f_workplace')}>
                <Input maxLength={100} data-testid="f-workplace" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="phone" label={t('f_phone')}>
                <Input maxLength={20} autoComplete="off" data-testid="f-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="addressCode"
                label={t('f_addressCode')}
                extra={t('addressHint')}
                rules={[{ required: true, message: t('required') }]}
              >
                <AreaSelect
                  rootCode={rootAreaCode}
                  year={year}
                  placeholder={t('addressPlaceholder')}
                  style={{ width: '100%' }}
                  data-testid="f-addressCode"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="addressText" label={t('f_addressText')}>
                <Input maxLength={200} data-testid="f-addressText" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('sectionDisease')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="diseaseCode"
                label={t('f_diseaseCode')}
                rules={[{ required: true, message: t('required') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={diseases.isPending}
                  options={diseaseOptions}
                  data-testid="f-diseaseCode"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="classification"
                label={t('f_classification')}
                rules={[{ required: true, message: t('required') }]}
              >
                <Radio.Group
                  options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`class_${c}`) }))}
                  data-testid="f-classification"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="onsetDate" label={t('f_onsetDate')} rules={[{ required: true, message: t('required') }]}>
                <DatePicker style={{ width: '100%' }} data-testid="f-onsetDate" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="diagnosisAt"
                label={t('f_diagnosisAt')}
                rules={[{ required: true, message: t('required') }]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  data-testid="f-diagnosisAt"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="deathDate" label={t('f_deathDate')}>
                <DatePicker style={{ width: '100%' }} data-testid="f-deathDate" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('sectionReporter')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {fixedInstitution ? (
                <Form.Item label={t('f_institutionId')}>
                  <OwnInstitution id={String(user.scopeInstitutionId)} />
                </Form.Item>
              ) : (
                <Form.Item
                  name="institutionId"
                  label={t('f_institutionId')}
                  rules={[{ required: true, message: t('required') }]}
                >
                  <InstitutionField area={areaCode} />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="doctorName"
                label={t('f_doctorName')}
                rules={[{ required: true, message: t('required') }]}
              >
                <Input maxLength={50} data-testid="f-doctorName" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('clientReportId')}>
                <Typography.Text code copyable data-testid="client-report-id">
                  {reportId}
                </Typography.Text>
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="remarks" label={t('f_remarks')}>
                <Input.TextArea rows={2} maxLength={500} data-testid="f-remarks" />
              </Form.Item>
            </Col>
          </Row>
          {problems && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={problems.message}
              description={
                problems.details.length ? (
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {(unplaced.length ? unplaced : problems.details).map((d) => (
                      <li key={`${d.path}-${d.message}`} data-path={d.path}>
                        {d.message}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
              data-testid="case-errors"
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="case-submit">
              {t('submitCase')}
            </Button>
            <Button onClick={() => form.resetFields()}>{t('reset')}</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}

/** Form.Item passes value/onChange; the registry picker takes the same. */
function InstitutionField({
  value,
  onChange,
  area,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  area?: string;
}) {
  return (
    <div data-testid="f-institutionId">
      <InstitutionPicker value={value} onChange={(v) => onChange?.(v)} area={area} />
    </div>
  );
}

function OwnInstitution({ id }: { id: string }) {
  const institution = useInstitution(id);
  return <Typography.Text data-testid="f-institutionId">{institution.data?.name ?? `#${id}`}</Typography.Text>;
}
