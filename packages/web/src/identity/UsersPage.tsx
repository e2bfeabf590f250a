// The administrator's user list: role, scope (by name) and state of every account; creating a user and editing
// name, role and scope (UserForm), deactivation (which ends the user's sessions at once), reactivation and a
// password reset under the same rules as a change.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { LoadError } from '../platform/Loading.tsx';
import { useSession } from '../platform/session.tsx';
import type { ResponseOf, Wire } from '../platform/wire.ts';
import { type IdentityKey, useIdentityT } from './i18n.ts';
import { UserForm } from './UserForm.tsx';

type User = Wire<'User'>;
type UserList = ResponseOf<'/api/v1/users'>;

const USERS_KEY = ['identity', 'users'] as const;
const ROLE_KEYS: Record<User['role'], IdentityKey> = {
  admin: 'roleAdmin',
  city: 'roleCity',
  county: 'roleCounty',
  institution: 'roleInstitution',
  readonly: 'roleReadonly',
  resident: 'roleResident',
};

export default function UsersPage() {
  const t = useIdentityT();
  const { message } = App.useApp();
  const { user: me } = useSession();
  const client = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => api.get<UserList>('/users') });
  const [resetting, setResetting] = useState<User | null>(null);
  /** The user being edited, or 'new' while one is created. */
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const setActive = async (u: User, active: boolean) => {
    setBusy(u.id);
    try {
      await api.post(`/users/${u.id}/${active ? 'activate' : 'deactivate'}`);
      message.success(t(active ? 'activated' : 'deactivated', { name: u.username }));
      await client.invalidateQueries({ queryKey: USERS_KEY });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (users.isError) return <LoadError error={users.error} onRetry={() => users.refetch()} />;

  return (
    <div className="wj-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3}>{t('usersTitle')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
          {t('userNew')}
        </Button>
      </Space>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="users-table"
        columns={[
          { title: t('colUsername'), dataIndex: 'username' },
          { title: t('colName'), dataIndex: 'displayName' },
          { title: t('colRole'), dataIndex: 'role', render: (role: User['role']) => t(ROLE_KEYS[role]) },
          {
            title: t('colScope'),
            // Names first, the code as secondary text.
            render: (_, u) =>
              u.scopeAreaCode ? (
                <Space size={4}>
                  {u.scopeAreaName ?? u.scopeAreaCode}
                  {u.scopeAreaName && <Typography.Text type="secondary">{u.scopeAreaCode}</Typography.Text>}
                </Space>
              ) : u.scopeInstitutionId ? (
                (u.scopeInstitutionName ?? t('institutionScope', { id: u.scopeInstitutionId }))
              ) : (
                t('platformScope')
              ),
          },
          {
            title: t('colState'),
            render: (_, u) => (
              <Space size={4}>
                {u.active ? <Tag color="green">{t('stateActive')}</Tag> : <Tag color="red">{t('stateInactive')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('stateMustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('colActions'),
            render: (_, u) => (
              <Space size={4}>
                {u.active ? (
                  <Popconfirm
                    title={t('deactivateConfirm', { name: u.username })}
                    onConfirm={() => setActive(u, false)}
                    disabled={u.id === me.id}
                  >
                    <Button
                      size="small"
                      danger
                      disabled={u.id === me.id}
                      loading={busy === u.id}
                      data-testid={`deactivate-${u.username}`}
                    >
                      {t('deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    size="small"
                    loading={busy === u.id}
                    onClick={() => setActive(u, true)}
                    data-testid={`activate-${u.username}`}
                  >
                    {t('activate')}
                  </Button>
                )}
                <Button size="small" onClick={() => setEditing(u)} data-testid={`edit-${u.username}`}>
                  {t('userEdit')}
                </Button>
                <Button size="small" onClick={() => setResetting(u)} data-testid={`reset-${u.username}`}>
                  {t('resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          onClose={async (saved) => {
            setEditing(null);
            if (saved) await client.invalidateQueries({ queryKey: USERS_KEY });
          }}
        />
      )}
      {resetting && (
        <ResetPassword
          user={resetting}
          onClose={async (done) => {
            setResetting(null);
            if (done) {
              message.success(t('passwordReset', { name: resetting.username }));
              await client.invalidateQueries({ queryKey: USERS_KEY });
            }
          }}
        />
      )}
    </div>
  );
}

function ResetPassword({ user, onClose }: { user: User; onClose: (done: boolean) => void }) {
  const t = useIdentityT();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ password }: { password: string }) => {
    setSaving(true);
    setError(null);
    try {
      await api.post(`/users/${user.id}/password`, { password });
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        form.setFields([{ name: 'password', errors: e.details.map((d) => d.message) }]);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('resetTitle', { name: user.username })}
      okText={t('resetPassword')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      okButtonProps={{ 'data-testid': 'reset-ok' }}
    >
      <Typography.Paragraph type="secondary">{t('resetHint')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('passwordRules')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t('newPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
