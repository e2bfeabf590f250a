// 病种与算法设置: the disease catalogue with each disease's fixed-threshold rules, detector, parameters (named
// as in R surveillance's control lists), area level and frequency; the syndromic streams, and new custom
// streams. City and platform administrators edit; the server checks parameters by running the detector.
import { useQueryClient } from '@tanstack/react-query';
import { DETECTOR_LABELS } from '@weijian/core/surveillance';
import {
  Alert,
  App,
  Card,
  Form,
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
import { api } from '../platform/api.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useLocale } from '../platform/locale.tsx';
import { detectorName } from './detector-name.ts';
import { useSurvT } from './i18n.ts';
import { ALGORITHMS, useDiseases } from './queries.ts';
import { DetectorParamsInput, DetectorPreview, paramsRule } from './settings/DetectorParams.tsx';
import {
  editColumn,
  enabledColumn,
  ParamsText,
  resetParamsOnNewDetector,
  saveError,
  useMayConfigure,
} from './settings/parts.tsx';
import { StreamTable } from './settings/StreamSettings.tsx';
import type { Algorithm, Disease } from './types.ts';

const CLASS_COLOR: Record<string, string> = { A: 'red', 'B-A': 'volcano', B: 'orange', C: 'blue', local: 'default' };

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
        <Input.Search
          allowClear
          placeholder={t('searchDisease')}
          onSearch={setQ}
          style={{ width: 260 }}
          data-testid="disease-search"
        />
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
          {
            title: t('colAlgorithm'),
            dataIndex: 'algorithm',
            render: (a: string) => <span title={a}>{detectorName(a, lang)}</span>,
          },
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
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: Disease['areaLevel'];
  frequency: Disease['frequency'];
  enabled: boolean;
}

function DiseaseModal({ disease, onClose }: { disease: Disease; onClose: () => void }) {
  const t = useSurvT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DiseaseValues>();
  const algorithm = Form.useWatch('algorithm', form) ?? disease.algorithm;
  const frequency = Form.useWatch('frequency', form) ?? disease.frequency;
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
        params: v.params ?? {},
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
      width={720}
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
          params: disease.params,
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
          {/* Ranges as rules, not InputNumber min (which clamps 0 to 1 on blur and saves it). */}
          <Form.Item
            name="clusterCases"
            label={t('clusterCases')}
            rules={[{ type: 'integer', min: 1, message: t('wholeAtLeast', { label: t('clusterCases'), min: 1 }) }]}
          >
            <InputNumber data-testid="f-clusterCases" />
          </Form.Item>
          <Form.Item
            name="clusterDays"
            label={t('clusterDays')}
            rules={[{ type: 'integer', min: 1, message: t('wholeAtLeast', { label: t('clusterDays'), min: 1 }) }]}
          >
            <InputNumber data-testid="f-clusterDays" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="algorithm" label={t('colAlgorithm')}>
            <Select
              style={{ width: 220 }}
              options={ALGORITHMS.map((a) => ({ value: a, label: `${DETECTOR_LABELS[a][lang]}（${a}）` }))}
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
          rules={[paramsRule(() => form.getFieldValue('algorithm'), lang)]}
        >
          <DetectorParamsInput
            key={algorithm}
            algorithm={algorithm}
            daily={frequency === 'day'}
            testId="disease-params"
          />
        </Form.Item>
        <DetectorPreview
          subject={disease.code}
          proposed={() => form.getFieldsValue(['algorithm', 'params', 'frequency'])}
        />
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="disease-error" />}
    </Modal>
  );
}
