// 新建/编辑医联体: name, kind and (when creating) the county it is registered in. Members and the lead are
// managed on the network's page, where each is added and checked one at a time. Core's network rules are
// checked before sending; the server's problems (a name taken in the county, a kind that no longer reaches
// every member, the county outside the caller's scope) come back at their fields, all at once.
import { type NetworkType, validateNetwork } from '@weijian/core/registry';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useLabel, useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { Wire } from '../platform/wire.ts';
import { AreaSelect } from './AreaSelect.tsx';
import { useRegistryT } from './i18n.ts';

type NetworkDetail = Wire<'NetworkDetail'>;

interface Values {
  countyCode?: string;
  name?: string;
  type?: NetworkType;
}

const FIELDS = ['countyCode', 'name', 'type'] as const;

export function NetworkForm({
  network,
  onClose,
}: {
  /** The network to edit; none to create one. */
  network?: NetworkDetail | null;
  onClose: (saved?: NetworkDetail) => void;
}) {
  const t = useRegistryT();
  const label = useLabel();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const { meta, rootAreaCode, user, year } = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A county user registers networks in its own county.
  const ownCounty = user.role === 'county' && user.scopeAreaCode ? user.scopeAreaCode : undefined;
  const initial: Values = network
    ? { countyCode: network.countyCode, name: network.name, type: network.type as NetworkType }
    : { countyCode: ownCounty, type: 'county-medical-community' };

  const show = (problems: { path?: string; message: string }[]) => {
    form.setFields(
      FIELDS.map((name) => ({ name, errors: problems.filter((p) => p.path === name).map((p) => p.message) })),
    );
    const others = problems.filter((p) => !p.path || !FIELDS.includes(p.path as (typeof FIELDS)[number]));
    return others.map((p) => p.message);
  };

  const submit = async () => {
    const v = { ...initial, ...form.getFieldsValue(true) } as Values;
    const record = {
      name: (v.name ?? '').trim(),
      type: (v.type ?? '') as NetworkType,
      leadInstitutionId: network?.leadInstitutionId ?? null,
    };
    const local = validateNetwork(record).map((i) => ({ path: i.field, message: i.message[lang] }));
    if (!network && !v.countyCode) local.push({ path: 'countyCode', message: t('adminRequired') });
    setProblem(null);
    if (local.length) {
      show(local);
      setProblem(t('netProblems', { count: local.length }));
      return;
    }
    show([]);
    setSaving(true);
    try {
      const saved = network
        ? await api.put<NetworkDetail>(`/networks/${network.id}`, { ...record, version: network.version })
        : await api.post<NetworkDetail>('/networks', { ...record, countyCode: v.countyCode, memberIds: [] });
      message.success(network ? t('netSaved') : t('netCreated', { name: saved.name }));
      onClose(saved);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      const others = show(details);
      setProblem([errorMessage(e), ...others].join('；'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={network ? t('netEditTitle', { name: network.name }) : t('netCreateTitle')}
      okText={t('adminSave')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => onClose()}
      okButtonProps={{ 'data-testid': 'network-form-ok' }}
      destroyOnHidden
    >
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="network-form-problem" />
      )}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="countyCode" label={t('netCounty')} required>
          {network || ownCounty ? (
            <Input disabled value={network?.countyName ?? user.scopeAreaName ?? initial.countyCode} />
          ) : (
            <AreaSelect
              rootCode={rootAreaCode}
              year={year}
              maxLevel="county"
              style={{ width: '100%' }}
              data-testid="net-county"
            />
          )}
        </Form.Item>
        <Form.Item name="name" label={t('netName')} required>
          <Input maxLength={100} data-testid="net-name" />
        </Form.Item>
        <Form.Item name="type" label={t('netType')} required>
          <Select options={meta.networkTypes.map((n) => ({ value: n.code, label: label(n) }))} data-testid="net-type" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
