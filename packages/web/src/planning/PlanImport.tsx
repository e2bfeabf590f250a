// Plan import wizard: upload an indicator table (XLSX, CSV, DOCX) or paste one → POST /plans/import/preview
// (nothing saved) → check each row: the parsed target (unparsed ones flagged, structured by hand), the
// catalogue match with its confidence (low ones highlighted and confirmed or overridden by a person) → POST
// /plans → the new plan's dashboard.
import { CheckOutlined, EditOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage, request } from '../platform/api.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { fetchArea } from '../registry/queries.ts';
import { formatTarget, NatureTag, punct } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import { useCatalogue } from './queries.ts';
import { TargetEditor } from './TargetEditor.tsx';
import './planning.css';
import type { IndicatorInput, PlanDetail, PlanInput, Preview, PreviewRow, Target, TrendDirection } from './types.ts';

/** The server proposes a link at or above this confidence (import-preview.ts AUTO_CONFIRM). */
const HIGH = 0.8;

interface RowState {
  catalogueCode: string | null;
  confirmed: boolean;
  /** A target structured by hand (undefined: as parsed). */
  target?: Target | null;
}

function stateOf(target: Target | null): PreviewRow['targetState'] {
  return target === null ? 'none' : target.kind === 'unparsed' ? 'unparsed' : 'ok';
}

function confidenceColour(c: number | null): string {
  if (c === null) return 'default';
  if (c >= HIGH) return 'green';
  if (c >= 0.5) return 'orange';
  return 'red';
}

export default function PlanImport() {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { rootAreaCode, isAdmin } = useSession();
  const catalogue = useCatalogue();

  const [step, setStep] = useState(0);
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [parsing, setParsing] = useState(false);
  const [parseError, setParseError] = useState<ApiError | Error | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [rows, setRows] = useState<Record<number, RowState>>({});
  const [editing, setEditing] = useState<PreviewRow | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError | Error | null>(null);
  const [created, setCreated] = useState<PlanDetail | null>(null);

  const [name, setName] = useState('');
  const [region, setRegion] = useState<{ code: string; name: string } | null>(null);
  const [regionCode, setRegionCode] = useState('');
  const [regionError, setRegionError] = useState<string | null>(null);
  const [period, setPeriod] = useState<{ baselineYear: number; periodStart: number; periodEnd: number }>({
    baselineYear: 2020,
    periodStart: 2021,
    periodEnd: 2025,
  });

  function accept(p: Preview) {
    setPreview(p);
    const state: Record<number, RowState> = {};
    for (const r of p.rows) {
      state[r.row] = {
        catalogueCode: r.catalogueCode,
        confirmed: (r.matchConfidence ?? 0) >= HIGH && !!r.catalogueCode,
      };
    }
    setRows(state);
    setPeriod({
      baselineYear: p.plan.baselineYear ?? 2020,
      periodStart: p.plan.periodStart ?? (p.plan.baselineYear ?? 2020) + 1,
      periodEnd: p.plan.periodEnd ?? (p.plan.baselineYear ?? 2020) + 5,
    });
    setStep(1);
  }

  async function previewFile(file: File) {
    setFileName(file.name);
    setParsing(true);
    setParseError(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      accept(await request<Preview>('/plans/import/preview', { method: 'POST', body }));
    } catch (e) {
      setParseError(e as Error);
    } finally {
      setParsing(false);
    }
  }

  async function previewText() {
    setFileName(null);
    setParsing(true);
    setParseError(null);
    try {
      accept(await api.post<Preview>('/plans/import/preview', { text }));
    } catch (e) {
      setParseError(e as Error);
    } finally {
      setParsing(false);
    }
  }

  async function lookUpRegion(code: string) {
    setRegionError(null);
    const c = code.trim();
    if (!/^\d{2,12}$/.test(c)) {
      setRegionError(t('regionUnknown', { code: c }));
      return;
    }
    try {
      const a = await fetchArea(c);
      setRegion({ code: a.code, name: a.name });
    } catch (e) {
      setRegionError(e instanceof ApiError && e.status === 404 ? t('regionUnknown', { code: c }) : errorMessage(e));
    }
  }

  const byCode = useMemo(() => new Map((catalogue.data?.items ?? []).map((d) => [d.code, d])), [catalogue.data]);
  const trend = (d: TrendDirection) => t(`trend_${d}` as PlanningKey);
  const targetOf = (r: PreviewRow) => {
    const s = rows[r.row];
    return s && s.target !== undefined ? s.target : r.target;
  };

  const unconfirmed = preview ? preview.rows.filter((r) => !rows[r.row]?.confirmed).length : 0;
  const unparsed = preview ? preview.rows.filter((r) => targetOf(r)?.kind === 'unparsed').length : 0;
  const ready = !!preview && unconfirmed === 0 && !!region && name.trim().length > 0;

  async function create() {
    if (!preview || !region) return;
    setCreating(true);
    setCreateError(null);
    const indicators: IndicatorInput[] = preview.rows.map((r) => {
      const s = rows[r.row] ?? { catalogueCode: r.catalogueCode, confirmed: true };
      const candidate = r.candidates.find((c) => c.code === s.catalogueCode);
      const input: IndicatorInput = {
        domain: r.domain,
        name: r.name,
        unit: r.unit,
        baselineText: r.baselineText,
        baseline: r.baseline,
        targetText: r.targetText,
        nature: r.nature,
        catalogueCode: s.catalogueCode,
        matchConfidence: s.catalogueCode ? (candidate?.confidence ?? null) : null,
      };
      if (r.direction) input.direction = r.direction;
      // A target structured by hand is sent; otherwise the server parses targetText again (same result).
      if (s.target !== undefined) input.target = s.target;
      return input;
    });
    const body: PlanInput = {
      regionCode: region.code,
      name: name.trim(),
      ...period,
      ...(preview.filename ? { sourceFile: preview.filename } : {}),
      indicators,
    };
    try {
      const plan = await api.post<PlanDetail>('/plans', body);
      setCreated(plan);
      setStep(2);
      await client.invalidateQueries({ queryKey: ['plans'] });
      message.success(t('created', { name: plan.name }));
      navigate(`/plans/${plan.id}`);
    } catch (e) {
      setCreateError(e as Error);
    } finally {
      setCreating(false);
    }
  }

  function restart() {
    setStep(0);
    setPreview(null);
    setRows({});
    setCreated(null);
    setCreateError(null);
    setParseError(null);
  }

  const setRow = (row: number, patch: Partial<RowState>) =>
    setRows((prev) => ({ ...prev, [row]: { ...(prev[row] as RowState), ...patch } }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-import">
      <Typography.Title level={3} className="wj-page-title">
        {t('importTitle')}
      </Typography.Title>
      <Card size="small">
        <Steps
          current={step}
          items={[{ title: t('stepSource') }, { title: t('stepPreview') }, { title: t('stepDone') }]}
          style={{ marginBottom: 24 }}
        />
        {step === 0 && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Tabs
              activeKey={source}
              onChange={(k) => setSource(k as 'file' | 'paste')}
              items={[
                {
                  key: 'file',
                  label: <span data-testid="source-file">{t('sourceFile')}</span>,
                  children: (
                    <div data-testid="plan-upload">
                      <Upload.Dragger
                        accept=".xlsx,.csv,.docx,.txt,.tsv"
                        multiple={false}
                        showUploadList={false}
                        beforeUpload={(f) => {
                          void previewFile(f);
                          return false;
                        }}
                        disabled={parsing}
                      >
                        <p className="ant-upload-drag-icon">
                          <InboxOutlined />
                        </p>
                        <p className="ant-upload-text">{t('uploadHint')}</p>
                        <p className="ant-upload-hint">{t('uploadSub')}</p>
                      </Upload.Dragger>
                    </div>
                  ),
                },
                {
                  key: 'paste',
                  label: <span data-testid="source-paste">{t('sourcePaste')}</span>,
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Input.TextArea
                        value={text}
                        onChange={(e) => setText(e.target.value)}
                        rows={12}
                        placeholder={t('pastePlaceholder')}
                        style={{ fontFamily: 'monospace' }}
                        data-testid="plan-paste"
                      />
                      <Button
                        type="primary"
                        disabled={!text.trim()}
                        loading={parsing}
                        onClick={previewText}
                        data-testid="plan-paste-preview"
                      >
                        {t('previewButton')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
            {fileName && <Typography.Text type="secondary">{t('fileLabel', { name: fileName })}</Typography.Text>}
            {parsing && <Alert type="info" showIcon title={t('parsing')} />}
            {parseError && (
              <Alert
                type="error"
                showIcon
                title={errorMessage(parseError)}
                description={
                  parseError instanceof ApiError && parseError.details.length ? (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {parseError.details.map((d) => (
                        <li key={`${d.row}-${d.path}-${d.message}`}>{d.message}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
                data-testid="plan-parse-error"
              />
            )}
          </Space>
        )}

        {step === 1 && preview && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Alert
              type={preview.summary.targetsUnparsed > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="preview-summary"
              title={t('previewSummary', {
                rows: preview.summary.rows,
                understood: preview.summary.targetsUnderstood,
                unparsed: preview.summary.targetsUnparsed,
                none: preview.summary.noTarget,
                linked: preview.summary.linked,
              })}
              description={fileName ? t('fileLabel', { name: fileName }) : undefined}
            />
            <Form layout="inline" style={{ rowGap: 12 }} data-testid="plan-form">
              <Form.Item label={t('planName')} required style={{ minWidth: 420 }}>
                <Input
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  placeholder={t('planNamePlaceholder')}
                  style={{ width: 380 }}
                  data-testid="plan-name"
                />
              </Form.Item>
              <Form.Item
                label={t('region')}
                required
                help={regionError ?? undefined}
                validateStatus={regionError ? 'error' : undefined}
              >
                <Space wrap>
                  <AreaSelect
                    rootCode={rootAreaCode}
                    value={region?.code}
                    maxLevel="county"
                    onChange={async (code) => {
                      if (!code) return setRegion(null);
                      const a = await fetchArea(code);
                      setRegion({ code: a.code, name: a.name });
                      setRegionCode(a.code);
                    }}
                    placeholder={t('regionRequired')}
                    style={{ width: 200 }}
                    data-testid="plan-region-select"
                  />
                  {isAdmin && (
                    <Input.Search
                      value={regionCode}
                      onChange={(e) => setRegionCode(e.target.value)}
                      onSearch={lookUpRegion}
                      placeholder={t('regionOther')}
                      enterButton={<CheckOutlined />}
                      style={{ width: 200 }}
                      data-testid="plan-region-code"
                    />
                  )}
                  {region && (
                    <Tag color="blue" data-testid="plan-region-name">
                      {region.name} {region.code}
                    </Tag>
                  )}
                </Space>
              </Form.Item>
              <Form.Item label={t('baselineYear')}>
                <InputNumber
                  value={period.baselineYear}
                  min={1949}
                  max={2100}
                  onChange={(v) => v && setPeriod((p) => ({ ...p, baselineYear: v }))}
                  style={{ width: 90 }}
                />
              </Form.Item>
              <Form.Item label={t('period')}>
                <Space>
                  <InputNumber
                    value={period.periodStart}
                    min={1949}
                    max={2100}
                    onChange={(v) => v && setPeriod((p) => ({ ...p, periodStart: v }))}
                    style={{ width: 90 }}
                  />
                  —
                  <InputNumber
                    value={period.periodEnd}
                    min={1949}
                    max={2100}
                    onChange={(v) => v && setPeriod((p) => ({ ...p, periodEnd: v }))}
                    style={{ width: 90 }}
                  />
                </Space>
              </Form.Item>
            </Form>

            {preview.errors.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('previewErrors', { count: preview.errors.length })}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
                    {preview.errors.map((e) => (
                      <li key={`${e.row}-${e.column}-${e.message.zh}`}>
                        {t('rowNo')} {e.row}
                        {e.column ? ` · ${e.column}` : ''}
                        {punct(lang).colon}
                        {e.message[lang]}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}

            <Space wrap>
              <Button
                onClick={() =>
                  setRows((prev) => {
                    const next = { ...prev };
                    for (const r of preview.rows) {
                      const s = next[r.row];
                      const c = r.candidates.find((x) => x.code === s?.catalogueCode)?.confidence ?? 0;
                      if (s?.catalogueCode && c >= HIGH) next[r.row] = { ...s, confirmed: true };
                    }
                    return next;
                  })
                }
                icon={<CheckOutlined />}
                data-testid="confirm-all"
              >
                {t('confirmAll')}
              </Button>
              {unconfirmed > 0 && (
                <Typography.Text type="warning" data-testid="unconfirmed-count">
                  <WarningOutlined /> {t('mustConfirm', { count: unconfirmed })}
                </Typography.Text>
              )}
              {unparsed > 0 && (
                <Typography.Text type="secondary" data-testid="unparsed-count">
                  {t('unparsedLeft', { count: unparsed })}
                </Typography.Text>
              )}
            </Space>

            <Table<PreviewRow>
              rowKey="row"
              size="small"
              dataSource={preview.rows}
              pagination={false}
              scroll={{ x: 1200 }}
              data-testid="preview-table"
              rowClassName={(r) => {
                const s = rows[r.row];
                const conf =
                  r.candidates.find((c) => c.code === s?.catalogueCode)?.confidence ?? r.matchConfidence ?? 0;
                if (!s?.confirmed) return 'wj-row-low';
                return conf < HIGH && s.catalogueCode ? 'wj-row-checked' : '';
              }}
              onRow={(r) =>
                ({
                  'data-testid': 'preview-row',
                  'data-row': r.row,
                  'data-confirmed': rows[r.row]?.confirmed ? 'true' : 'false',
                  'data-target-state': stateOf(targetOf(r)),
                  'data-catalogue': rows[r.row]?.catalogueCode ?? '',
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                { title: t('rowNo'), dataIndex: 'row', width: 50 },
                { title: t('domain'), dataIndex: 'domain', width: 100, render: (d: string | null) => d ?? '' },
                { title: t('name'), dataIndex: 'name', width: 200 },
                { title: t('unit'), dataIndex: 'unit', width: 70, render: (u: string | null) => u ?? '' },
                {
                  title: t('baseline'),
                  dataIndex: 'baselineText',
                  width: 80,
                  align: 'right',
                },
                {
                  title: t('target'),
                  key: 'target',
                  width: 190,
                  render: (_: unknown, r) => {
                    const target = targetOf(r);
                    const edited = rows[r.row]?.target !== undefined;
                    if (target?.kind === 'unparsed') {
                      return (
                        <Space orientation="vertical" size={2}>
                          <Tag color="red" icon={<WarningOutlined />} data-testid="target-unparsed">
                            {r.targetText}
                          </Tag>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            onClick={() => setEditing(r)}
                            data-testid="structure-target"
                          >
                            {t('structure')}
                          </Button>
                        </Space>
                      );
                    }
                    return (
                      <Space size={4}>
                        <Tooltip title={`${t('originalText')}${punct(lang).colon}${r.targetText || '—'}`}>
                          <span data-testid="target-parsed">
                            {edited ? formatTarget(target ?? null, lang, trend) : r.targetDisplay[lang]}
                          </span>
                        </Tooltip>
                        {edited && <Tag color="purple">{t('targetManual')}</Tag>}
                        <Button
                          type="text"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(r)}
                          aria-label={t('structure')}
                        />
                      </Space>
                    );
                  },
                },
                {
                  title: t('nature'),
                  dataIndex: 'nature',
                  width: 80,
                  render: (n: PreviewRow['nature']) => <NatureTag nature={n} />,
                },
                {
                  title: t('match'),
                  key: 'match',
                  width: 290,
                  render: (_: unknown, r) => {
                    const s = rows[r.row];
                    const inCandidates = new Set(r.candidates.map((c) => c.code));
                    const chosen = s?.catalogueCode ?? null;
                    const options = [
                      ...r.candidates.map((c) => ({
                        value: c.code,
                        label: `${lang === 'en' ? (byCode.get(c.code)?.en ?? c.zh) : c.zh}${punct(lang).open}${Math.round(c.confidence * 100)}%${punct(lang).close}`,
                        search: `${c.zh} ${c.code}`,
                      })),
                      ...(catalogue.data?.items ?? [])
                        .filter((d) => !inCandidates.has(d.code))
                        .map((d) => ({
                          value: d.code,
                          label: lang === 'zh' ? d.zh : d.en,
                          search: `${d.zh} ${d.en} ${d.code}`,
                        })),
                      { value: '__none__', label: t('noMatch'), search: t('noMatch') },
                    ];
                    return (
                      <Select
                        showSearch={{ optionFilterProp: 'search' }}
                        value={chosen ?? (s?.confirmed ? '__none__' : undefined)}
                        placeholder={
                          r.candidates[0]
                            ? `${t('lowConfidence')}${punct(lang).colon}${r.candidates[0].zh} ${Math.round(r.candidates[0].confidence * 100)}%`
                            : t('searchCatalogue')
                        }
                        onChange={(v: string) =>
                          setRow(r.row, { catalogueCode: v === '__none__' ? null : v, confirmed: true })
                        }
                        options={options}
                        style={{ width: 270 }}
                        popupMatchSelectWidth={380}
                        data-testid="match-select"
                        status={!s?.confirmed ? 'warning' : undefined}
                      />
                    );
                  },
                },
                {
                  title: t('confidence'),
                  key: 'confidence',
                  width: 90,
                  render: (_: unknown, r) => {
                    const s = rows[r.row];
                    const c = s?.catalogueCode
                      ? (r.candidates.find((x) => x.code === s.catalogueCode)?.confidence ?? null)
                      : r.matchConfidence;
                    return (
                      <Tooltip title={c !== null && c < HIGH ? t('lowConfidence') : undefined}>
                        <Tag color={confidenceColour(c)} data-testid="match-confidence" data-confidence={c ?? ''}>
                          {c === null ? '—' : `${Math.round(c * 100)}%`}
                        </Tag>
                      </Tooltip>
                    );
                  },
                },
                {
                  title: t('confirm'),
                  key: 'confirm',
                  width: 80,
                  render: (_: unknown, r) => (
                    <Checkbox
                      checked={!!rows[r.row]?.confirmed}
                      onChange={(e) => setRow(r.row, { confirmed: e.target.checked })}
                      data-testid="match-confirm"
                    />
                  ),
                },
                {
                  title: t('issues'),
                  key: 'issues',
                  width: 200,
                  render: (_: unknown, r) => {
                    const s = rows[r.row];
                    const def = s?.catalogueCode ? byCode.get(s.catalogueCode) : undefined;
                    return (
                      <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
                        {r.issues.map((i) => (
                          <Typography.Text key={i.message.zh} type="warning" style={{ fontSize: 12 }}>
                            {i.message[lang]}
                          </Typography.Text>
                        ))}
                        {def && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {def.code} · {def.unit ?? ''}
                          </Typography.Text>
                        )}
                      </Space>
                    );
                  },
                },
              ]}
            />
            {createError && (
              <Alert
                type="error"
                showIcon
                title={errorMessage(createError)}
                description={
                  createError instanceof ApiError && createError.details.length ? (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {createError.details.map((d) => (
                        <li key={`${d.path}-${d.message}`}>
                          {d.row
                            ? `${t('rowNo')} ${d.row}${punct(lang).colon}`
                            : d.path
                              ? `${d.path}${punct(lang).colon}`
                              : ''}
                          {d.message}
                        </li>
                      ))}
                    </ul>
                  ) : undefined
                }
                data-testid="plan-create-error"
              />
            )}
            <Space>
              <Button onClick={restart}>{t('restart')}</Button>
              <Tooltip
                title={
                  !ready
                    ? [
                        !name.trim() ? t('planNameRequired') : null,
                        !region ? t('regionRequired') : null,
                        unconfirmed ? t('mustConfirm', { count: unconfirmed }) : null,
                      ]
                        .filter(Boolean)
                        .join('；')
                    : undefined
                }
              >
                <Button type="primary" disabled={!ready} loading={creating} onClick={create} data-testid="plan-create">
                  {creating ? t('creating') : t('createPlan')}
                </Button>
              </Tooltip>
            </Space>
          </Space>
        )}

        {step === 2 && created && (
          <Result
            status="success"
            title={<span data-testid="plan-created">{t('created', { name: created.name })}</span>}
            extra={[
              <Button key="open" type="primary" onClick={() => navigate(`/plans/${created.id}`)}>
                {t('open')}
              </Button>,
              <Button key="again" onClick={restart}>
                {t('restart')}
              </Button>,
            ]}
          />
        )}
      </Card>
      {editing && (
        <TargetEditor
          open
          name={editing.name}
          text={editing.targetText}
          target={targetOf(editing)}
          unit={editing.unit}
          baseYear={period.baselineYear}
          onOk={(target) => {
            setRow(editing.row, { target });
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
