// The follow-up form, keyboard-first (issue 15 §10): focus starts in 收缩压; a full reading moves on to the
// next field by itself (a systolic of 1xx/2xx after three digits, 30–99 after two; likewise the diastolic), and
// Enter saves. Date (today), mode (门诊) and medication (unchanged: the last one) are preset and folded away,
// and the rules' proposal (POST /care/followups/assess: classification, next date, urgent and referral flags)
// is shown live as the readings are typed, so a routine follow-up is two or three typed fields and one key.
import { Alert, App, Button, Collapse, DatePicker, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useLocale } from '../platform/locale.tsx';
import { codeKey, useCareT } from './i18n.ts';
import { CLASSIFICATIONS, FOLLOWUP_MODES, today, useAssessment, useCareInvalidate, useResident } from './queries.ts';
import type { Assessment, Classification, FollowupBody, FollowupMode, FollowupSaved, Program } from './types.ts';

interface Values {
  sbp?: string;
  dbp?: string;
  fbg?: string;
  date?: Dayjs;
  mode?: FollowupMode;
  medication?: string;
  classification?: Classification | 'auto';
  note?: string;
}

export interface FollowupTarget {
  residentId: number;
  name: string;
  program: Program;
  lastMedication?: string | null;
}

const FIELDS = ['sbp', 'dbp', 'fbg', 'date', 'mode', 'medication', 'classification', 'note'] as const;

/** Whether a typed blood pressure is complete, so focus may move on (no valid reading is a prefix of another). */
export function readingComplete(field: 'sbp' | 'dbp', text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  const first = text[0] ?? '';
  // Systolic 40–300: 1xx/2xx need three digits, 3x–9x are whole at two. Diastolic 20–200: 1xx needs three.
  if (field === 'sbp') return first === '1' || first === '2' ? text.length >= 3 : text.length >= 2;
  return first === '1' ? text.length >= 3 : text.length >= 2;
}

const intIn = (text: string | undefined, lo: number, hi: number) =>
  !!text && /^\d+$/.test(text.trim()) && Number(text) >= lo && Number(text) <= hi;
const fbgOk = (text: string | undefined) =>
  !!text && /^\d+(\.\d)?$/.test(text.trim()) && Number(text) >= 0.5 && Number(text) <= 49.9;

export function needsBp(program: Program) {
  return program === 'hypertension';
}
export function needsFbg(program: Program) {
  return program === 'diabetes';
}
/** The programmes whose form asks for readings at all. */
const withReadings = (program: Program) => program === 'hypertension' || program === 'diabetes';

export function FollowupForm({
  target,
  onSaved,
  onCancel,
}: {
  target: FollowupTarget;
  onSaved?: (saved: FollowupSaved) => void;
  onCancel?: () => void;
}) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const sbpRef = useRef<HTMLInputElement>(null);
  const dbpRef = useRef<HTMLInputElement>(null);
  const fbgRef = useRef<HTMLInputElement>(null);
  const { program } = target;
  const askFbg = program === 'diabetes';
  const askBp = withReadings(program);

  // Focus in 收缩压 when the form opens, and again while the opening dialog settles (a modal moves focus to
  // itself as it opens): the doctor types at once, without a click.
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!askBp) return;
    const focus = () => {
      const active = document.activeElement;
      if (active && active !== document.body && boxRef.current?.contains(active)) return;
      sbpRef.current?.focus();
    };
    focus();
    const timers = [50, 200, 400].map((ms) => setTimeout(focus, ms));
    return () => {
      for (const timer of timers) clearTimeout(timer);
    };
  }, [askBp]);

  // Medication unchanged by default: the programme's latest medication, read from the record when the opener
  // (the work list) does not know it; a field the doctor already touched is left alone.
  const record = useResident(target.lastMedication === undefined ? String(target.residentId) : undefined, null);
  useEffect(() => {
    const last = record.data?.timeline.followups
      .filter((f) => f.program === program && f.medication)
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id))[0]?.medication;
    if (last && !form.isFieldTouched('medication')) form.setFieldValue('medication', last);
  }, [record.data, program, form]);

  const values = Form.useWatch([], form) as Values | undefined;
  const body = toBody(target, values);
  // The proposal follows the readings a moment after typing stops, not at every keystroke.
  const [debounced, setDebounced] = useState<FollowupBody | null>(null);
  const key = body ? JSON.stringify(body) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised body is the dependency
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(body && readingsValid(body) ? body : null), 150);
    return () => clearTimeout(timer);
  }, [key]);
  const assessment = useAssessment(debounced);
  const proposal = debounced ? assessment.data : undefined;

  const advance = (field: 'sbp' | 'dbp', text: string) => {
    if (!readingComplete(field, text)) return;
    if (field === 'sbp') dbpRef.current?.focus();
    else if (askFbg) fbgRef.current?.focus();
  };

  const onEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    form.submit();
  };

  const submit = async (v: Values) => {
    const b = toBody(target, v);
    if (!b || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await api.post<FollowupSaved>('/care/followups', b);
      message.success(t('followupSaved', { nextDue: saved.nextDue }));
      void invalidate();
      onSaved?.(saved);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      form.setFields(
        FIELDS.map((name) => ({
          name,
          errors: details.filter((d) => d.path === name || d.path?.endsWith(`.${name}`)).map((d) => d.message),
        })),
      );
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const required = (ok: boolean) => (ok ? [{ required: true, message: t('required') }] : []);
  const inputProps = { inputMode: 'decimal' as const, autoComplete: 'off', onKeyDown: onEnter, style: { width: 110 } };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        date: dayjs(today()),
        mode: 'clinic',
        medication: target.lastMedication ?? '',
        classification: 'auto',
      }}
      data-testid="followup-form"
      data-program={program}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('followupHint')}
      </Typography.Paragraph>
      {askBp && (
        <div ref={boxRef}>
          <Space size="middle" wrap align="start">
            <Form.Item
              name="sbp"
              label={`${t('sbp')} (mmHg)`}
              rules={[
                ...required(needsBp(program)),
                {
                  validator: (_, v: string | undefined) =>
                    !v || intIn(v, 40, 300) ? Promise.resolve() : Promise.reject(new Error(t('sbpRange'))),
                },
              ]}
            >
              <Input
                {...inputProps}
                ref={(el) => {
                  sbpRef.current = el?.input ?? null;
                }}
                onChange={(e) => advance('sbp', e.target.value)}
                data-testid="f-sbp"
              />
            </Form.Item>
            <Form.Item
              name="dbp"
              label={`${t('dbp')} (mmHg)`}
              dependencies={['sbp']}
              rules={[
                ...required(needsBp(program)),
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) => {
                    const sbp = getFieldValue('sbp') as string | undefined;
                    if (!v && sbp && !needsBp(program)) return Promise.reject(new Error(t('required')));
                    if (!v) return Promise.resolve();
                    if (!intIn(v, 20, 200)) return Promise.reject(new Error(t('dbpRange')));
                    if (intIn(sbp, 40, 300) && Number(v) >= Number(sbp))
                      return Promise.reject(new Error(t('dbpBelowSbp')));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <Input
                {...inputProps}
                ref={(el) => {
                  dbpRef.current = el?.input ?? null;
                }}
                onChange={(e) => advance('dbp', e.target.value)}
                data-testid="f-dbp"
              />
            </Form.Item>
            {askFbg && (
              <Form.Item
                name="fbg"
                label={`${t('fbg')} (mmol/L)`}
                rules={[
                  ...required(needsFbg(program)),
                  {
                    validator: (_, v: string | undefined) =>
                      !v || fbgOk(v) ? Promise.resolve() : Promise.reject(new Error(t('fbgRange'))),
                  },
                ]}
              >
                <Input
                  {...inputProps}
                  ref={(el) => {
                    fbgRef.current = el?.input ?? null;
                  }}
                  data-testid="f-fbg"
                />
              </Form.Item>
            )}
          </Space>
        </div>
      )}
      <Assessed proposal={proposal} pending={!!debounced && assessment.isFetching} />
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'more',
            label: t('moreFields'),
            forceRender: true,
            children: (
              <Space wrap align="start">
                <Form.Item
                  name="date"
                  label={t('date')}
                  rules={[
                    { required: true, message: t('required') },
                    {
                      validator: (_, v: Dayjs | undefined) =>
                        v && v.format('YYYY-MM-DD') > today()
                          ? Promise.reject(new Error(t('dateFuture')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <DatePicker allowClear={false} data-testid="f-date" />
                </Form.Item>
                <Form.Item name="mode" label={t('mode')}>
                  <Radio.Group
                    optionType="button"
                    options={FOLLOWUP_MODES.map((m) => ({ value: m, label: t(codeKey('mode', m)) }))}
                    data-testid="f-mode"
                  />
                </Form.Item>
                <Form.Item name="medication" label={t('medication')}>
                  <Input
                    placeholder={t('medicationUnchanged')}
                    onKeyDown={onEnter}
                    style={{ width: 220 }}
                    data-testid="f-medication"
                  />
                </Form.Item>
                <Form.Item name="classification" label={t('classification')}>
                  <Select
                    style={{ width: 160 }}
                    options={[
                      { value: 'auto', label: t('classificationAuto') },
                      ...CLASSIFICATIONS.map((c) => ({ value: c, label: t(codeKey('class', c)) })),
                    ]}
                    data-testid="f-classification"
                  />
                </Form.Item>
                <Form.Item name="note" label={t('note')}>
                  <Input onKeyDown={onEnter} style={{ width: 260 }} data-testid="f-note" />
                </Form.Item>
              </Space>
            ),
          },
        ]}
      />
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="followup-error" />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="followup-save">
          {t('save')} ⏎
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('cancel')}</Button>}
      </Space>
    </Form>
  );
}

function Assessed({ proposal, pending }: { proposal: Assessment | undefined; pending: boolean }) {
  const t = useCareT();
  const { lang } = useLocale();
  if (!proposal) return pending ? <Typography.Text type="secondary">{t('assessing')}</Typography.Text> : null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }} data-testid="followup-proposal">
      {proposal.urgent && (
        <Alert type="error" showIcon title={<strong>{t('urgentBanner')}</strong>} data-testid="followup-urgent" />
      )}
      {proposal.referralSuggested && (
        <Alert type="warning" showIcon title={t('referralBanner')} data-testid="followup-referral" />
      )}
      <Space wrap>
        <Tag color={proposal.classification === 'controlled' ? 'green' : 'orange'} data-testid="followup-class">
          {t(codeKey('class', proposal.classification))}
        </Tag>
        <span data-testid="followup-next" data-date={proposal.nextDue}>
          {t('nextDue')}: <strong>{proposal.nextDue}</strong>
        </span>
        {proposal.reasons.map((r) => (
          <Typography.Text key={r.zh} type="secondary">
            {lang === 'en' ? r.en : r.zh}
          </Typography.Text>
        ))}
      </Space>
    </Space>
  );
}

function readingsValid(b: FollowupBody): boolean {
  if (b.sbp !== null && (b.sbp < 40 || b.sbp > 300)) return false;
  if (b.dbp !== null && (b.dbp < 20 || b.dbp > 200)) return false;
  if (b.fbg !== null && (b.fbg < 0.5 || b.fbg > 49.9)) return false;
  if (b.sbp !== null && b.dbp !== null && b.dbp >= b.sbp) return false;
  if (b.program === 'hypertension' && (b.sbp === null || b.dbp === null)) return false;
  if (b.program === 'diabetes' && b.fbg === null) return false;
  return true;
}

const num = (text: string | undefined): number | null => {
  const s = text?.trim();
  if (!s || !/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
};

function toBody(target: FollowupTarget, v: Values | undefined): FollowupBody | null {
  if (!v) return null;
  const medication = v.medication?.trim();
  const note = v.note?.trim();
  return {
    residentId: target.residentId,
    program: target.program,
    date: v.date ? v.date.format('YYYY-MM-DD') : today(),
    mode: v.mode ?? 'clinic',
    sbp: num(v.sbp),
    dbp: num(v.dbp),
    fbg: num(v.fbg),
    ...(medication ? { medication } : {}),
    ...(v.classification && v.classification !== 'auto' ? { classification: v.classification } : {}),
    ...(note ? { note } : {}),
  };
}
