// 新增用户 / 编辑用户: name, role and scope (and, for a new user, the username and first password). The scope is
// chosen by name — an area from the division tree at the role's level (a city user a city, a county user a
// county), or an institution found by name for institution users — never typed as a code. The password rules
// are the protection work's (core's passwordProblems, checked by the server); every problem the server names
// comes back at its field, all at once. A change of role or scope signs the user out (the server ends their
// sessions), which the form says before saving. A resident user (居民) is linked to their own health record,
// found like any record by 身份证号, phone or name; the link is the record's county and id.
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { type PickedResident, ResidentPicker } from '../care/ResidentPicker.tsx';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useSession } from '../platform/session.tsx';
import type { Wire } from '../platform/wire.ts';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { InstitutionPicker } from '../registry/InstitutionPicker.tsx';
import { type IdentityKey, useIdentityT } from './i18n.ts';

type User = Wire<'User'>;
type Role = User['role'];

interface Values {
  username?: string;
  displayName?: string;
  password?: string;
  role?: Role;
  scopeAreaCode?: string;
  scopeInstitutionId?: string;
  resident?: PickedResident | null;
}

const FIELDS = [
  'username',
  'displayName',
  'password',
  'role',
  'scopeAreaCode',
  'scopeInstitutionId',
  'resident',
] as const;
/** The server names the two halves of a resident's link; the form shows both at its one record field. */
const RESIDENT_PATHS = ['residentId', 'residentCountyCode'];
const ROLES: { role: Role; key: IdentityKey }[] = [
  { role: 'city', key: 'roleCity' },
  { role: 'county', key: 'roleCounty' },
  { role: 'institution', key: 'roleInstitution' },
  { role: 'readonly', key: 'roleReadonly' },
  { role: 'admin', key: 'roleAdmin' },
  { role: 'resident', key: 'roleResident' },
];
/** The deepest level of area each area role is scoped at (the server checks the level itself). */
const AREA_LEVEL = { city: 'city', county: 'county', readonly: 'county' } as const;
const SCOPE_HINT: Record<keyof typeof AREA_LEVEL, IdentityKey> = {
  city: 'userScopeHintCity',
  county: 'userScopeHintCounty',
  readonly: 'userScopeHintReadonly',
};

export function UserForm({ user, onClose }: { user?: User | null; onClose: (saved?: User) => void }) {
  const t = useIdentityT();
  const { message } = App.useApp();
  const { rootAreaCode, year } = useSession();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const editing = !!user;
  const initial: Values = user
    ? {
        displayName: user.displayName,
        role: user.role,
        scopeAreaCode: user.scopeAreaCode ?? undefined,
        scopeInstitutionId: user.scopeInstitutionId ? String(user.scopeInstitutionId) : undefined,
        resident:
          user.residentId && user.residentCountyCode
            ? { id: user.residentId, countyCode: user.residentCountyCode }
            : null,
      }
    : { role: 'county' };
  const role = (Form.useWatch('role', form) ?? initial.role) as Role;
  const areaRole = role === 'city' || role === 'county' || role === 'readonly' ? role : null;

  const submit = async () => {
    const v = { ...initial, ...form.getFieldsValue(true) } as Values;
    const required = FIELDS.filter((f) => {
      if (f === 'username' || f === 'password') return !editing && !v[f]?.trim();
      if (f === 'scopeAreaCode') return areaRole && !v.scopeAreaCode;
      if (f === 'scopeInstitutionId') return role === 'institution' && !v.scopeInstitutionId;
      if (f === 'resident') return role === 'resident' && !v.resident;
      return !v[f]?.toString().trim();
    });
    form.setFields(FIELDS.map((name) => ({ name, errors: required.includes(name) ? [t('required')] : [] })));
    setProblem(null);
    if (required.length) return;
    const scope = {
      role,
      scopeAreaCode: areaRole ? v.scopeAreaCode : null,
      scopeInstitutionId: role === 'institution' ? Number(v.scopeInstitutionId) : null,
      // other roles drop the link on the server; only a resident sends it
      ...(role === 'resident' ? { residentCountyCode: v.resident!.countyCode, residentId: v.resident!.id } : {}),
    };
    setSaving(true);
    try {
      const saved = editing
        ? await api.put<{ user: User }>(`/users/${user!.id}`, { displayName: v.displayName!.trim(), ...scope })
        : await api.post<{ user: User }>('/users', {
            username: v.username!.trim(),
            displayName: v.displayName!.trim(),
            password: v.password,
            ...scope,
          });
      message.success(t(editing ? 'userSaved' : 'userCreated', { name: saved.user.username }));
      onClose(saved.user);
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      const at = (name: (typeof FIELDS)[number]) =>
        details.filter((d) => d.path === name || (name === 'resident' && RESIDENT_PATHS.includes(d.path ?? '')));
      form.setFields(FIELDS.map((name) => ({ name, errors: at(name).map((d) => d.message) })));
      const others = details.filter(
        (d) => !FIELDS.includes(d.path as (typeof FIELDS)[number]) && !RESIDENT_PATHS.includes(d.path ?? ''),
      );
      setProblem([errorMessage(e), ...others.map((d) => d.message)].join('；'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={editing ? t('userEditTitle', { name: user!.username }) : t('userCreateTitle')}
      okText={t('userSave')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => onClose()}
      okButtonProps={{ 'data-testid': 'user-form-ok' }}
      destroyOnHidden
    >
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="user-form-problem" />
      )}
      {editing && <Alert type="info" showIcon title={t('userScopeChangeHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        {!editing && (
          <Form.Item name="username" label={t('colUsername')} required extra={t('userUsernameHint')}>
            <Input maxLength={32} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('colName')} required>
          <Input maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('userPassword')} required extra={t('passwordRules')}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('colRole')} required>
          <Select options={ROLES.map((r) => ({ value: r.role, label: t(r.key) }))} data-testid="user-role" />
        </Form.Item>
        {areaRole && (
          <Form.Item name="scopeAreaCode" label={t('userScopeArea')} required extra={t(SCOPE_HINT[areaRole])}>
            <AreaSelect
              rootCode={rootAreaCode}
              year={year}
              maxLevel={AREA_LEVEL[areaRole]}
              style={{ width: '100%' }}
              data-testid="user-scope-area"
            />
          </Form.Item>
        )}
        {role === 'institution' && (
          <Form.Item name="scopeInstitutionId" label={t('userScopeInstitution')} required>
            <InstitutionPicker
              onChange={(v) => form.setFieldValue('scopeInstitutionId', v)}
              initialName={user?.scopeInstitutionName ?? undefined}
            />
          </Form.Item>
        )}
        {role === 'resident' && (
          <Form.Item name="resident" label={t('userResidentRecord')} required extra={t('userResidentHint')}>
            <ResidentPicker onChange={(v) => form.setFieldValue('resident', v)} testId="user-resident" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
