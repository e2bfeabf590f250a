// A detector's parameters as typed fields instead of raw JSON: one field per parameter with its range, its
// default as the placeholder and a line of help, all from core's definitions (the ones the server checks
// against); every problem is shown at once under its field. A blank field means the default. Parameters no
// field can show (glrnb's mu0, a numeric cusum m, names the detector does not know) stay editable as JSON
// under "more parameters". The preview runs the proposed setting over the last year before saving.
import { type Algorithm, DETECTOR_PARAMS, detectorParamIssues, type ParamSpec } from '@weijian/core/surveillance';
import { Alert, Button, Collapse, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../platform/api.ts';
import { useLocale } from '../../platform/locale.tsx';
import { useSession } from '../../platform/session.tsx';
import { useSurvT } from '../i18n.ts';

type Params = Record<string, unknown>;

/** Whether `spec`'s field can show `v` (else it goes to the JSON of more parameters). */
function fieldShows(spec: ParamSpec, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (spec.kind) {
    case 'integer':
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'choice':
      return typeof v === 'string' && (spec.options ?? []).includes(v);
    case 'pair':
      return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');
    case 'json':
      return false;
  }
}

/** The parameters of `params` no field shows, as the JSON text of "more parameters". */
export function extraParams(algorithm: Algorithm, params: Params): Params {
  const specs = DETECTOR_PARAMS[algorithm];
  return Object.fromEntries(
    Object.entries(params).filter(([k, v]) => {
      const spec = specs.find((s) => s.key === k);
      return !spec || !fieldShows(spec, v);
    }),
  );
}

/** The form's rule: every problem of the parameters, or none. */
export function paramsRule(algorithm: () => Algorithm, lang: 'zh' | 'en') {
  return {
    validator: (_: unknown, v: Params | undefined) => {
      const issues = detectorParamIssues(algorithm(), v ?? {});
      return issues.length
        ? Promise.reject(new Error(issues.map((i) => i.message[lang]).join('；')))
        : Promise.resolve();
    },
  };
}

interface Props {
  algorithm: Algorithm;
  daily: boolean;
  value?: Params;
  onChange?: (v: Params) => void;
  testId: string;
}

/** The fields of one detector's parameters, as a form control whose value is the parameters object. */
export function DetectorParamsInput({ algorithm, daily, value = {}, onChange, testId }: Props) {
  const t = useSurvT();
  const { lang } = useLocale();
  const specs = DETECTOR_PARAMS[algorithm].filter((s) => !(s.dailyOnly && !daily));
  const issues = new Map(
    detectorParamIssues(algorithm, value).map((i) => [i.path.slice('params.'.length), i.message[lang]]),
  );
  const extra = extraParams(algorithm, value);
  const [extraText, setExtraText] = useState<string | null>(null);
  const [extraError, setExtraError] = useState<string | null>(null);
  const set = (key: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined || v === null || v === '') delete next[key];
    else next[key] = v;
    onChange?.(next);
  };
  const defaultText = (s: ParamSpec) =>
    s.defaultText?.[lang] ??
    (typeof s.default === 'boolean'
      ? t(s.default ? 'yes' : 'no')
      : Array.isArray(s.default)
        ? s.default.join(' / ')
        : String(s.default));
  const field = (s: ParamSpec) => {
    const v = fieldShows(s, value[s.key]) ? value[s.key] : undefined;
    const id = `${testId}-${s.key}`;
    const placeholder = t('paramDefault', { value: defaultText(s) });
    let control: React.ReactNode;
    if (s.kind === 'integer' || s.kind === 'number')
      control = (
        <InputNumber
          // No min/max here: an out-of-range number is shown with its message, never silently clamped.
          value={v as number | undefined}
          step={s.kind === 'integer' ? 1 : undefined}
          placeholder={placeholder}
          onChange={(x) => set(s.key, x)}
          style={{ width: 160 }}
          data-testid={id}
        />
      );
    else if (s.kind === 'boolean' || s.kind === 'choice')
      control = (
        <Select<string>
          allowClear
          // Booleans travel as 'true' / 'false': a select's values are strings.
          value={v === undefined || v === null ? undefined : String(v)}
          placeholder={placeholder}
          onChange={(x) => set(s.key, s.kind === 'boolean' && x !== undefined ? x === 'true' : x)}
          options={
            s.kind === 'boolean'
              ? [
                  { value: 'true', label: t('yes') },
                  { value: 'false', label: t('no') },
                ]
              : (s.options ?? []).map((o) => ({ value: o, label: o }))
          }
          style={{ width: 200 }}
          data-testid={id}
        />
      );
    else if (s.kind === 'pair') {
      const pair = (v as [number, number] | undefined) ?? [undefined, undefined];
      const part = (i: 0 | 1) => (x: number | null) => {
        const next = [...pair];
        next[i] = x ?? undefined;
        set(s.key, next[0] === undefined && next[1] === undefined ? undefined : next);
      };
      control = (
        <Space>
          {([0, 1] as const).map((i) => (
            <InputNumber
              key={i}
              value={pair[i]}
              step={i === 1 ? 1 : undefined}
              addonAfter={s.parts?.[i][lang]}
              placeholder={String((s.default as [number, number])[i])}
              onChange={part(i)}
              style={{ width: 150 }}
              data-testid={`${id}-${i}`}
            />
          ))}
        </Space>
      );
    } else return null;
    const problem = issues.get(s.key);
    return (
      <Form.Item
        key={s.key}
        label={`${s.label[lang]}（${s.key}）`}
        extra={s.help[lang]}
        validateStatus={problem ? 'error' : undefined}
        help={problem}
        style={{ marginBottom: 12 }}
      >
        {control}
      </Form.Item>
    );
  };
  const main = specs.filter((s) => !s.advanced && s.kind !== 'json');
  const more = specs.filter((s) => s.advanced && s.kind !== 'json');
  const shownExtra = extraText ?? (Object.keys(extra).length ? JSON.stringify(extra) : '');
  const onExtra = (text: string) => {
    setExtraText(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.trim() || '{}');
    } catch {
      parsed = null;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setExtraError(t('paramsInvalid'));
      return;
    }
    setExtraError(null);
    const kept = Object.fromEntries(Object.entries(value).filter(([k]) => !(k in extra)));
    onChange?.({ ...kept, ...(parsed as Params) });
  };
  const unknown = [...issues.entries()].filter(([k]) => !specs.some((s) => s.key === k && s.kind !== 'json'));
  return (
    <div data-testid={testId}>
      {main.map(field)}
      <Collapse
        size="small"
        items={[
          {
            key: 'more',
            label: t('moreParams'),
            forceRender: true,
            children: (
              <>
                {more.map(field)}
                <Form.Item
                  label={t('paramsJson')}
                  extra={t('paramsJsonHint')}
                  validateStatus={extraError || unknown.length ? 'error' : undefined}
                  help={extraError ?? (unknown.length ? unknown.map(([, m]) => m).join('；') : undefined)}
                >
                  <Input.TextArea
                    rows={2}
                    value={shownExtra}
                    onChange={(e) => onExtra(e.target.value)}
                    style={{ fontFamily: 'monospace' }}
                    data-testid={`${testId}-json`}
                  />
                </Form.Item>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

interface Preview {
  unit: 'day' | 'week';
  from: string;
  to: string;
  alarms: number;
  currentAlarms: number;
  counties: { code: string; name: string; alarms: number; current: number }[];
  error: { zh: string; en: string } | null;
}

/** "Try it": the proposed setting over the last year of the area's series, next to the setting in force. */
export function DetectorPreview(props: {
  subject: string;
  /** The setting as the form holds it when the button is pressed. */
  proposed: () => { algorithm: Algorithm; params?: Params; frequency?: 'day' | 'week' };
  disabled?: boolean;
}) {
  const t = useSurvT();
  const { lang } = useLocale();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The area the user is looking at when it is a city or county, else their root (the demo city for admin).
  const area = [session.areaCode, session.rootAreaCode].find((c) => /^\d{4}(\d{2})?$/.test(c ?? ''));
  const run = async () => {
    setBusy(true);
    setError(null);
    const { algorithm, params, frequency } = props.proposed();
    try {
      setResult(
        await api.post<Preview>('/surveillance/detector-preview', {
          subject: props.subject,
          algorithm,
          params: params ?? {},
          ...(frequency ? { frequency } : {}),
          ...(area ? { area } : {}),
        }),
      );
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={run} loading={busy} disabled={props.disabled} data-testid="detector-preview">
        {t('previewAlarms')}
      </Button>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <div data-testid="detector-preview-result">
          <Typography.Text strong>
            {t('previewSummary', {
              from: result.from,
              to: result.to,
              alarms: result.alarms,
              current: result.currentAlarms,
            })}
          </Typography.Text>
          {result.error && <Alert type="warning" showIcon title={result.error[lang]} />}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={result.counties}
            columns={[
              { title: t('previewArea'), dataIndex: 'name' },
              { title: t('previewNew'), dataIndex: 'alarms' },
              { title: t('previewCurrent'), dataIndex: 'current' },
            ]}
          />
        </div>
      )}
    </Space>
  );
}
