// The signed-in user's account: who they are, and the password change (POST /auth/password). Also the page a
// user sees alone, outside the shell, while an administrator-given password must be replaced (the server
// answers 403 PASSWORD_CHANGE_REQUIRED to everything else until then).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useLocale } from '../platform/locale.tsx';
import { logout, ME_KEY, useMe } from '../platform/session.tsx';
import type { BodyOf, ResponseOf } from '../platform/wire.ts';
import { useIdentityT } from './i18n.ts';

type Body = BodyOf<'/api/v1/auth/password', 'post'>;
type Answer = ResponseOf<'/api/v1/auth/password', 'post'>;
interface Values extends Body {
  confirmPassword: string;
}

export default function AccountPage() {
  const t = useIdentityT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const user = me.data;
  if (!user) return null;

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await api.post<Answer>('/auth/password', { currentPassword, newPassword } satisfies Body);
      form.resetFields();
      message.success(t('passwordChanged'));
      // The fresh session's user (mustChangePassword now false) lets the shell open.
      client.setQueryData(ME_KEY, answer.user);
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        const byField = new Map<string, string[]>();
        for (const d of e.details) {
          const field = d.path === 'currentPassword' ? 'currentPassword' : 'newPassword';
          byField.set(field, [...(byField.get(field) ?? []), d.message]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="wj-page" style={{ maxWidth: 640 }}>
      <Typography.Title level={3}>{t('accountTitle')}</Typography.Title>
      {user.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('mustChangeTitle')}
          description={t('mustChangeBody')}
          data-testid="must-change"
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('accountUser')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('accountName')}>{user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('accountRole')}>{user.roleLabel[lang]}</Descriptions.Item>
          {user.scopeAreaName && <Descriptions.Item label={t('accountScope')}>{user.scopeAreaName}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('changePassword')}>
        <Typography.Paragraph type="secondary">{t('passwordRules')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} data-testid="password-form">
          <Form.Item
            name="currentPassword"
            label={t('currentPassword')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwordsDiffer'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="confirm-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="change-password">
              {t('changePassword')}
            </Button>
            {user.mustChangePassword && (
              <Button onClick={() => logout(client)} data-testid="sign-out">
                {t('signOut')}
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
