// 新增/编辑机构: one form for creating and editing an institution. The registry's own rules (core's
// validateInstitution: 统一社会信用代码 check character, the category table, grade, coordinates, dates) are
// checked before sending and every problem is shown at its field at once; what only the server knows (the
// area's level and the caller's scope, a code another institution holds, the network's reach) comes back as
// a 422 whose details land on the same fields. An institution's own staff edit only its name, code,
// coordinates and opening date (the server refuses the rest; the form does not offer it).

import { useQuery } from '@tanstack/react-query';
import { type InstitutionInput, validateInstitution } from '@weijian/core/registry';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useLabel, useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import type { ResponseOf, Wire } from '../platform/wire.ts';
import { AreaSelect } from './AreaSelect.tsx';
import { codeTree } from './codes.ts';
import { useRegistryT } from './i18n.ts';
import type { Institution } from './types.ts';

/** What the form holds: dates as Dayjs, the rest as the API takes it. */
interface Values {
  name: string;
  uscc?: string;
  category?: string;
  gradeLevel: 1 | 2 | 3 | null;
  gradeClass: '甲' | '乙' | '丙' | null;
  ownership?: InstitutionInput['ownership'];
  forProfit: boolean;
  areaCode?: string;
  lng?: number | null;
  lat?: number | null;
  openedOn?: Dayjs | null;
  networkId?: number | null;
}

/** The fields the form shows, in order: a problem at another path is shown above the form. */
const FIELDS = [
  'name',
  'uscc',
  'category',
  'gradeLevel',
  'gradeClass',
  'ownership',
  'forProfit',
  'areaCode',
  'lng',
  'lat',
  'openedOn',
  'networkId',
] as const;
type Field = (typeof FIELDS)[number];
const OWN_STAFF_FIELDS = new Set<Field>(['name', 'uscc', 'lng', 'lat', 'openedOn']);

export interface InstitutionFormProps {
  /** The institution to edit; none to create one. */
  institution?: Institution | null;
  onClose: (saved?: Wire<'Institution'>) => void;
}

function initialValues(inst: Institution | null | undefined, areaCode: string): Values {
  if (!inst) {
    // The area looked at, when an institution can lie there (a county or below; a city is too high).
    const place = areaCode.length >= 6 ? areaCode : undefined;
    return { name: '', gradeLevel: null, gradeClass: null, forProfit: false, areaCode: place, networkId: null };
  }
  return {
    name: inst.name,
    uscc: inst.uscc ?? undefined,
    category: inst.category,
    gradeLevel: (inst.gradeLevel ?? null) as Values['gradeLevel'],
    gradeClass: (inst.gradeClass ?? null) as Values['gradeClass'],
    ownership: inst.ownership as InstitutionInput['ownership'],
    forProfit: inst.forProfit,
    areaCode: inst.areaCode,
    lng: inst.lng,
    lat: inst.lat,
    openedOn: inst.openedOn ? dayjs(inst.openedOn) : null,
    networkId: inst.networkId,
  };
}

/** The record as the API takes it (closing is its own act: an edit keeps the closing date as it is). */
export function toInput(v: Values, closedOn: string | null): InstitutionInput {
  return {
    name: (v.name ?? '').trim(),
    uscc: v.uscc?.trim() ? v.uscc.trim().toUpperCase() : null,
    category: v.category ?? '',
    gradeLevel: v.gradeLevel ?? null,
    gradeClass: v.gradeClass ?? null,
    ownership: (v.ownership ?? '') as InstitutionInput['ownership'],
    forProfit: v.forProfit ?? false,
    areaCode: v.areaCode ?? '',
    lng: v.lng ?? null,
    lat: v.lat ?? null,
    openedOn: v.openedOn ? v.openedOn.format('YYYY-MM-DD') : null,
    closedOn,
    networkId: v.networkId ?? null,
  };
}

export function InstitutionForm({ institution, onClose }: InstitutionFormProps) {
  const t = useRegistryT();
  const label = useLabel();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const { meta, rootAreaCode, areaCode, year, user } = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ message: string; others: string[] } | null>(null);
  const ownStaff = user.role === 'institution';
  const editing = !!institution;
  const initial = useMemo(() => initialValues(institution, areaCode), [institution, areaCode]);

  const chosenArea = Form.useWatch('areaCode', form) ?? initial.areaCode;
  const county = chosenArea && chosenArea.length >= 6 ? chosenArea.slice(0, 6) : null;
  // Networks it may join: its city's (a 城市医疗集团 is registered in any of the city's counties); a county
  // user asks for its county's only (the city is outside its scope).
  const networkArea = county && (user.role === 'county' ? county : county.slice(0, 4));
  const networks = useQuery({
    queryKey: ['networks', networkArea],
    queryFn: () => api.get<ResponseOf<'/api/v1/networks'>>('/networks', { area: networkArea! }),
    enabled: !!networkArea && !ownStaff,
  });
  const networkOptions = useMemo(() => {
    const items = networks.data?.items ?? [];
    const options = items.map((n) => ({
      value: n.id,
      label: `${n.name}（${label(meta.networkTypes.find((x) => x.code === n.type)) || n.type}）`,
    }));
    if (institution?.networkId && !options.some((o) => o.value === institution.networkId)) {
      options.unshift({ value: institution.networkId, label: institution.networkName ?? `#${institution.networkId}` });
    }
    return options;
  }, [networks.data, meta.networkTypes, label, institution]);

  const categoryTree = useMemo(() => codeTree(meta.institutionCategories, label), [meta, label]);

  /** Puts each problem at its field (all at once); returns those at no field of the form. */
  const showProblems = (problems: { path?: string; message: string }[]): string[] => {
    form.setFields(
      FIELDS.map((name) => ({
        name,
        errors: problems.filter((p) => p.path === name).map((p) => p.message),
      })),
    );
    return problems.filter((p) => !p.path || !FIELDS.includes(p.path as Field)).map((p) => p.message);
  };

  const submit = async () => {
    const values = { ...initial, ...form.getFieldsValue(true) } as Values;
    const input = toInput(values, institution?.closedOn ?? null);
    setProblem(null);
    // An empty required field is "required", not the rule its empty value breaks (no such category…).
    const empty = (['name', 'category', 'ownership', 'areaCode'] as const).filter((f) => !input[f]);
    const local = [
      ...empty.map((f) => ({ path: f as string, message: t('adminRequired') })),
      ...validateInstitution(input)
        .filter((i) => !empty.includes(i.field as (typeof empty)[number]))
        .map((i) => ({ path: i.field, message: i.message[lang] })),
    ];
    if (local.length) {
      const others = showProblems(local);
      setProblem({ message: t('adminProblems', { count: local.length }), others });
      return;
    }
    showProblems([]);
    setSaving(true);
    try {
      const saved = editing
        ? await api.put<Wire<'Institution'>>(`/institutions/${institution!.id}`, {
            ...input,
            version: institution!.version,
          })
        : await api.post<Wire<'Institution'>>('/institutions', input);
      message.success(t(editing ? 'adminSaved' : 'adminCreated', { name: saved.name }));
      onClose(saved);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      const others = showProblems(details.map((d) => ({ path: d.path, message: d.message })));
      setProblem({ message: errorMessage(e), others });
    } finally {
      setSaving(false);
    }
  };

  const locked = (f: Field) => ownStaff && !OWN_STAFF_FIELDS.has(f);
  const gradeLevels = meta.gradeLevels.map((g) => ({ value: g.level, label: g[lang] }));
  const gradeClasses = meta.gradeClasses.map((g) => ({ value: g.class, label: g[lang] }));

  return (
    <Modal
      open
      width={760}
      title={editing ? t('adminEditTitle', { name: institution!.name }) : t('adminCreateTitle')}
      okText={t('adminSave')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => onClose()}
      okButtonProps={{ 'data-testid': 'institution-form-ok' }}
      destroyOnHidden
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.message}
          description={problem.others.length ? problem.others.join('；') : undefined}
          style={{ marginBottom: 16 }}
          data-testid="institution-form-problems"
        />
      )}
      {ownStaff && <Alert type="info" showIcon title={t('adminOwnStaffHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="institution-form">
        <Form.Item name="name" label={t('adminName')} required>
          <Input maxLength={100} data-testid="inst-name" />
        </Form.Item>
        <Form.Item name="uscc" label={t('colCreditCode')} extra={t('adminUsccHint')}>
          <Input maxLength={18} data-testid="inst-uscc" />
        </Form.Item>
        <Form.Item name="category" label={t('colCategory')} required>
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeData={categoryTree}
            disabled={locked('category')}
            popupMatchSelectWidth={false}
            data-testid="inst-category"
          />
        </Form.Item>
        <Form.Item label={t('colGrade')} style={{ marginBottom: 0 }}>
          <Form.Item name="gradeLevel" style={{ display: 'inline-block', width: 180, marginRight: 8 }}>
            <Select options={gradeLevels} disabled={locked('gradeLevel')} data-testid="inst-grade-level" />
          </Form.Item>
          <Form.Item name="gradeClass" style={{ display: 'inline-block', width: 180 }}>
            <Select options={gradeClasses} disabled={locked('gradeClass')} data-testid="inst-grade-class" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="ownership" label={t('colOwnership')} required>
          <Select
            options={meta.ownerships.map((o) => ({ value: o.code, label: label(o) }))}
            disabled={locked('ownership')}
            data-testid="inst-ownership"
          />
        </Form.Item>
        <Form.Item name="forProfit" label={t('colForProfit')}>
          <Radio.Group disabled={locked('forProfit')} data-testid="inst-for-profit">
            <Radio value={false}>{t('nonProfit')}</Radio>
            <Radio value={true}>{t('forProfit')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="areaCode" label={t('colArea')} required extra={t('adminAreaHint')}>
          {locked('areaCode') ? (
            <Input disabled value={institution?.areaName ?? institution?.areaCode} />
          ) : (
            <AreaSelect rootCode={rootAreaCode} year={year} style={{ width: '100%' }} data-testid="inst-area" />
          )}
        </Form.Item>
        <Form.Item label={t('coordinates')} style={{ marginBottom: 0 }}>
          <Form.Item name="lng" style={{ display: 'inline-block', width: 180, marginRight: 8 }}>
            <InputNumber placeholder={t('adminLng')} style={{ width: '100%' }} data-testid="inst-lng" />
          </Form.Item>
          <Form.Item name="lat" style={{ display: 'inline-block', width: 180 }}>
            <InputNumber placeholder={t('adminLat')} style={{ width: '100%' }} data-testid="inst-lat" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="openedOn" label={t('opened')}>
          <DatePicker style={{ width: 200 }} data-testid="inst-opened" />
        </Form.Item>
        {!ownStaff && (
          <Form.Item name="networkId" label={t('network')} extra={t('adminNetworkHint')}>
            <Select allowClear options={networkOptions} placeholder={t('networkNone')} data-testid="inst-network" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
