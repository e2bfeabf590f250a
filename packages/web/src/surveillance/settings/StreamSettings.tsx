// The syndromic data streams (schools, clinics, pharmacies): their detectors and thresholds, and adding one.
import { useQueryClient } from '@tanstack/react-query';
import { DETECTOR_LABELS } from '@weijian/core/surveillance';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../platform/api.ts';
import { LoadError } from '../../platform/Loading.tsx';
import { useLocale } from '../../platform/locale.tsx';
import { detectorName } from '../detector-name.ts';
import { useSurvT } from '../i18n.ts';
import { ALGORITHMS, STREAM_KINDS, useStreams } from '../queries.ts';
import type { Algorithm, Stream, StreamKind } from '../types.ts';
import { DetectorParamsInput, DetectorPreview, paramsRule } from './DetectorParams.tsx';
import {
  editColumn,
  enabledColumn,
  ParamsText,
  resetParamsOnNewDetector,
  saveError,
  useMayConfigure,
} from './parts.tsx';

export function StreamTable() {
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
  kind: StreamKind;
  unit: string;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  areaLevel: Stream['areaLevel'];
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
  const algorithm = Form.useWatch('algorithm', form) ?? stream?.algorithm ?? 'ears-c2';
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
          params: v.params ?? {},
          version: stream.version,
        });
      } else {
        const { enabled: _e, ...fields } = v;
        await api.post('/surveillance/streams', { ...fields, params: fields.params ?? {} });
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
      width={720}
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
            ? stream
            : {
                kind: 'custom',
                unit: '人次',
                algorithm: 'ears-c2',
                params: { baseline: 7, minSigma: 2, alpha: 0.001 },
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
          <Form.Item
            name="silentDays"
            label={t('silentAfter')}
            rules={[
              {
                type: 'integer',
                min: 1,
                max: 60,
                message: t('wholeBetween', { label: t('silentAfter'), min: 1, max: 60 }),
              },
            ]}
          >
            <InputNumber data-testid="f-silentDays" />
          </Form.Item>
          {stream && (
            <Form.Item name="enabled" label={t('enabled')} valuePropName="checked" extra={t('streamEnabledHint')}>
              <Switch data-testid="stream-enabled" />
            </Form.Item>
          )}
        </Space>
        <Space wrap>
          <Form.Item name="algorithm" label={t('colAlgorithm')}>
            <Select
              style={{ width: 260 }}
              options={ALGORITHMS.map((a) => ({ value: a, label: `${DETECTOR_LABELS[a][lang]}（${a}）` }))}
              data-testid="stream-algorithm"
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
        </Space>
        <Form.Item
          name="params"
          label={t('params')}
          extra={t('paramsHint')}
          rules={[paramsRule(() => form.getFieldValue('algorithm'), lang)]}
        >
          <DetectorParamsInput key={algorithm} algorithm={algorithm} daily testId="stream-params" />
        </Form.Item>
        {stream && (
          <DetectorPreview subject={stream.code} proposed={() => form.getFieldsValue(['algorithm', 'params'])} />
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
