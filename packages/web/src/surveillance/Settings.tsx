// 病种与算法设置: the disease catalogue with each disease's fixed-threshold rules, detector, parameters (named
// as in R surveillance's control lists), area level and frequency; the syndromic streams, and new custom
// streams. City and platform administrators edit; the server checks parameters by running the detector.
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { useSurvT } from './i18n.ts';
import { ALGORITHMS, STREAM_KINDS, useDiseases, useStreams } from './queries.ts';
import type { Disease, Stream } from './types.ts';

const CLASS_COLOR: Record<string, string> = { A: 'red', 'B-A': 'volcano', B: 'orange', C: 'blue', local: 'default' };

function ParamsText({ params }: { params: Record<string, unknown> }) {
  const text = Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
  return (
    <Typography.Text code style={{ fontSize: 12 }}>
      {text || '—'}
    </Typography.Text>
  );
}

export default function Settings() {
  const t = useSurvT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'streams' ? 'streams' : 'diseases';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="surv-settings">
      <Typography.Title level={3} className="wj-page-title">
        {t('settingsTitle')}
      </Typography.Title>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'streams' ? { tab: k } : {}, { replace: true })}
          items={[
            { key: 'diseases', label: t('diseases'), children: <DiseaseTable /> },
            { key: 'streams', label: t('streams'), children: <StreamTable /> },
          ]}
        />
      </Card>
    </Space>
  );
}

function useMayConfigure() {
  const { user } = useSession();
  return user.role === 'admin' || user.role === 'city';
}

function DiseaseTable() {
  const t = useSurvT();
  const { lang } = useLocale();
  const diseases = useDiseases();
  const may = useMayConfigure();
  const [editing, setEditing] = useState<Disease | null>(null);
  const [q, setQ] = useState('');
  if (diseases.isError) return <LoadError error={diseases.error} onRetry={() => diseases.refetch()} />;
  const classes = diseases.data?.classes ?? {};
  const rows = (diseases.data?.items ?? []).filter(
    (d) =>
      !q ||
      d.code.includes(q.toUpperCase()) ||
      d.nameZh.includes(q) ||
      d.nameEn.toLowerCase().includes(q.toLowerCase()),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('searchDisease')} onSearch={setQ} style={{ width: 260 }} />
        {!may && <Typography.Text type="secondary">{t('settingsReadOnly')}</Typography.Text>}
      </Space>
      <Table<Disease>
        rowKey="code"
        size="small"
        loading={diseases.isPending}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={false}
        data-testid="disease-table"
        onRow={(row) => ({ 'data-testid': 'disease-row', 'data-code': row.code }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('code'), dataIndex: 'code', fixed: 'left' },
          { title: t('name'), dataIndex: 'nameZh', render: (_: string, d) => (lang === 'en' ? d.nameEn : d.nameZh) },
          {
            title: t('diseaseClass'),
            dataIndex: 'class',
            render: (c: string) => <Tag color={CLASS_COLOR[c]}>{classes[c]?.[lang] ?? c}</Tag>,
          },
          { title: 'ICD-10', dataIndex: 'icd10' },
          { title: t('deadline'), dataIndex: 'deadlineHours', render: (h: number) => t('hoursN', { n: h }) },
          {
            title: t('fixedRules'),
            dataIndex: 'immediate',
            render: (imm: boolean, d) => (
              <Space size={4} wrap>
                {imm && <Tag color="red">{t('immediateSingle')}</Tag>}
                {d.clusterCases ? (
                  <Tag>{t('clusterRule', { cases: d.clusterCases, days: d.clusterDays ?? 7 })}</Tag>
                ) : null}
              </Space>
            ),
          },
          { title: t('colAlgorithm'), dataIndex: 'algorithm', render: (a: string) => <code>{a}</code> },
          {
            title: t('params'),
            dataIndex: 'params',
            render: (p: Record<string, unknown>) => <ParamsText params={p} />,
          },
          {
            title: t('areaLevel'),
            dataIndex: 'areaLevel',
            render: (l: string, d) =>
              `${t(`areaLevel_${l}` as 'areaLevel_county')} · ${t(d.frequency === 'week' ? 'perWeek' : 'perDay')}`,
          },
          enabledColumn(t),
          ...(may ? [editColumn<Disease>(t, setEditing, 'disease-edit')] : []),
        ]}
      />
      {editing && <DiseaseModal disease={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface DiseaseValues {
  deadlineHours: number;
  immediate: boolean;
  clusterCases?: number | null;
  clusterDays?: number | null;
  algorithm: string;
  params: string;
  areaLevel: 'county' | 'township';
  frequency: 'day' | 'week';
  enabled: boolean;
}

function parseParams(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function DiseaseModal({ disease, onClose }: { disease: Disease; onClose: () => void }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DiseaseValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    setError(null);
    try {
      await api.put(`/surveillance/diseases/${encodeURIComponent(disease.code)}`, {
        deadlineHours: v.deadlineHours,
        immediate: v.immediate,
        clusterCases: v.clusterCases ?? null,
        clusterDays: v.clusterDays ?? null,
        algorithm: v.algorithm,
        params: parseParams(v.params),
        areaLevel: v.areaLevel,
        frequency: v.frequency,
        enabled: v.enabled,
        version: disease.version,
      });
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['surv', 'diseases'] });
      onClose();
    } catch (e) {
      setError(saveError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={`${lang === 'en' ? disease.nameEn : disease.nameZh}（${disease.code}）`}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'disease-save' } as never}
    >
      <Form<DiseaseValues>
        form={form}
        layout="vertical"
        onValuesChange={resetParamsOnNewDetector(form)}
        initialValues={{
          deadlineHours: disease.deadlineHours,
          immediate: disease.immediate,
          clusterCases: disease.clusterCases,
          clusterDays: disease.clusterDays,
          algorithm: disease.algorithm,
          params: JSON.stringify(disease.params, null, 1),
          areaLevel: disease.areaLevel,
          frequency: disease.frequency,
          enabled: disease.enabled,
        }}
      >
        <Space wrap size="large">
          <Form.Item name="deadlineHours" label={t('deadline')}>
            <Radio.Group
              options={[
                { value: 2, label: t('hoursN', { n: 2 }) },
                { value: 24, label: t('hoursN', { n: 24 }) },
              ]}
            />
          </Form.Item>
          <Form.Item name="immediate" label={t('immediateSingle')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="clusterCases" label={t('clusterCases')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="clusterDays" label={t('clusterDays')}>
            <InputNumber min={1} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="algorithm" label={t('colAlgorithm')}>
            <Select
              style={{ width: 220 }}
              options={ALGORITHMS.map((a) => ({ value: a, label: a }))}
              data-testid="disease-algorithm"
            />
          </Form.Item>
          <Form.Item name="areaLevel" label={t('areaLevel')}>
            <Radio.Group
              options={[
                { value: 'county', label: t('areaLevel_county') },
                { value: 'township', label: t('areaLevel_township') },
              ]}
            />
          </Form.Item>
          <Form.Item name="frequency" label={t('frequency')}>
            <Radio.Group
              options={[
                { value: 'day', label: t('perDay') },
                { value: 'week', label: t('perWeek') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="params"
          label={t('params')}
          extra={t('paramsHint')}
          rules={[
            {
              validator: (_, v) => (parseParams(v) ? Promise.resolve() : Promise.reject(new Error(t('paramsInvalid')))),
            },
          ]}
        >
          <Input.TextArea rows={6} style={{ fontFamily: 'monospace' }} data-testid="disease-params" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="disease-error" />}
    </Modal>
  );
}

function StreamTable() {
  const t = useSurvT();
  const { lang } = useLocale();
  const streams = useStreams();
  const may = useMayConfigure();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Stream | null>(null);
  if (streams.isError) return <LoadError error={streams.error} onRetry={() => streams.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {may && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="stream-add">
          {t('addStream')}
        </Button>
      )}
      <Table<Stream>
        rowKey="code"
        size="small"
        loading={streams.isPending}
        dataSource={streams.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
        data-testid="stream-def-table"
        columns={[
          { title: t('code'), dataIndex: 'code' },
          { title: t('name'), dataIndex: 'nameZh', render: (_: string, s) => (lang === 'en' ? s.nameEn : s.nameZh) },
          { title: t('kind'), dataIndex: 'kind', render: (k: string) => t(`kind_${k}` as 'kind_custom') },
          { title: t('unit'), dataIndex: 'unit' },
          { title: t('colAlgorithm'), dataIndex: 'algorithm', render: (a: string) => <code>{a}</code> },
          {
            title: t('params'),
            dataIndex: 'params',
            render: (p: Record<string, unknown>) => <ParamsText params={p} />,
          },
          {
            title: t('areaLevel'),
            dataIndex: 'areaLevel',
            render: (l: string) => t(`areaLevel_${l}` as 'areaLevel_county'),
          },
          { title: t('silentAfter'), dataIndex: 'silentDays', render: (n: number) => t('daysN', { n }) },
          {
            title: t('builtin'),
            dataIndex: 'builtin',
            render: (b: boolean) => (b ? <Tag>{t('builtin')}</Tag> : <Tag color="purple">{t('custom')}</Tag>),
          },
          enabledColumn(t),
          ...(may ? [editColumn<Stream>(t, setEditing, 'stream-edit')] : []),
        ]}
        onRow={(x) => ({ 'data-code': x.code }) as React.HTMLAttributes<HTMLElement>}
      />
      {adding && <StreamModal onClose={() => setAdding(false)} />}
      {editing && <StreamModal stream={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface StreamValues {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  unit: string;
  algorithm: string;
  params: string;
  areaLevel: 'county' | 'township';
  silentDays: number;
  enabled: boolean;
}

/** Adds a custom stream, or edits one (`stream`): its code and kind stay, as counts are keyed by them. */
function StreamModal({ stream, onClose }: { stream?: Stream; onClose: () => void }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<StreamValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    setError(null);
    try {
      if (stream) {
        const { code: _c, kind: _k, ...changes } = v;
        await api.put(`/surveillance/streams/${encodeURIComponent(stream.code)}`, {
          ...changes,
          params: parseParams(v.params),
          version: stream.version,
        });
      } else {
        const { enabled: _e, ...fields } = v;
        await api.post('/surveillance/streams', { ...fields, params: parseParams(v.params) });
      }
      message.success(t('saved'));
      await client.invalidateQueries({ queryKey: ['surv', 'streams'] });
      onClose();
    } catch (e) {
      setError(saveError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={600}
      title={stream ? `${lang === 'en' ? stream.nameEn : stream.nameZh}（${stream.code}）` : t('addStream')}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'stream-save' } as never}
    >
      <Form<StreamValues>
        form={form}
        layout="vertical"
        onValuesChange={resetParamsOnNewDetector(form)}
        initialValues={
          stream
            ? { ...stream, params: JSON.stringify(stream.params, null, 1) }
            : {
                kind: 'custom',
                unit: '人次',
                algorithm: 'ears-c2',
                params: '{"baseline": 7, "minSigma": 2, "alpha": 0.001}',
                areaLevel: 'township',
                silentDays: 3,
                enabled: true,
              }
        }
      >
        <Form.Item
          name="code"
          label={t('code')}
          extra={stream ? undefined : t('streamCodeHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,39}$/, message: t('streamCodeHint') }]}
        >
          <Input disabled={!!stream} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true, message: t('required') }]}>
            <Input style={{ width: 250 }} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true, message: t('required') }]}>
            <Input style={{ width: 250 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="kind" label={t('kind')}>
            <Select
              disabled={!!stream}
              style={{ width: 180 }}
              options={STREAM_KINDS.map((k) => ({ value: k, label: t(`kind_${k}` as 'kind_custom') }))}
            />
          </Form.Item>
          <Form.Item name="unit" label={t('unit')}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="silentDays" label={t('silentAfter')}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          {stream && (
            <Form.Item name="enabled" label={t('enabled')} valuePropName="checked" extra={t('streamEnabledHint')}>
              <Switch data-testid="stream-enabled" />
            </Form.Item>
          )}
        </Space>
        <Space wrap>
          <Form.Item name="algorithm" label={t('colAlgorithm')}>
            <Select style={{ width: 200 }} options={ALGORITHMS.map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <Form.Item name="areaLevel" label={t('areaLevel')}>
            <Radio.Group
              options={[
                { value: 'county', label: t('areaLevel_county') },
                { value: 'township', label: t('areaLevel_township') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="params"
          label={t('params')}
          extra={t('paramsHint')}
          rules={[
            {
              validator: (_, v) => (parseParams(v) ? Promise.resolve() : Promise.reject(new Error(t('paramsInvalid')))),
            },
          ]}
        >
          <Input.TextArea rows={3} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

type SurvT = ReturnType<typeof useSurvT>;

function enabledColumn(t: SurvT) {
  return {
    title: t('enabled'),
    dataIndex: 'enabled',
    render: (e: boolean) => (e ? <Tag color="green">{t('yes')}</Tag> : <Tag>{t('no')}</Tag>),
  };
}

function editColumn<T>(t: SurvT, onEdit: (row: T) => void, testId: string) {
  return {
    title: '',
    key: 'edit',
    fixed: 'right' as const,
    render: (_: unknown, row: T) => (
      <Button size="small" onClick={() => onEdit(row)} data-testid={testId}>
        {t('edit')}
      </Button>
    ),
  };
}

/** Parameters belong to their detector: another detector starts from its own defaults. */
function resetParamsOnNewDetector(form: FormInstance) {
  return (changed: Record<string, unknown>) => {
    if ('algorithm' in changed) form.setFieldValue('params', '{}');
  };
}

/** A refused save: someone else's edit in between, else the server's message with the fields it names. */
function saveError(e: unknown, t: SurvT): string {
  if (e instanceof ApiError && e.status === 409) return t('staleSettings');
  const details = e instanceof ApiError ? e.details.map((d) => `${d.path ?? ''} ${d.message}`.trim()) : [];
  return [errorMessage(e), ...details].join('；');
}
