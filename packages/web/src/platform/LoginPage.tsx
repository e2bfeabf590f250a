import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorMessage, request } from './api.ts';
import { usePlatformT } from './i18n.ts';
import { type Lang, useLocale } from './locale.tsx';
import { ME_KEY } from './session.tsx';
import type { User } from './types.ts';
import type { BodyOf, ResponseOf } from './wire.ts';

export function LoginPage({ expired = false }: { expired?: boolean }) {
  const t = usePlatformT();
  const { lang, setLang } = useLocale();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const next = new URLSearchParams(location.search).get('next') || '/';

  async function submit(values: BodyOf<'/api/v1/auth/login'>) {
    setBusy(true);
    setError(null);
    try {
      const data = await request<ResponseOf<'/api/v1/auth/login', 'post'>>('/auth/login', {
        method: 'POST',
        body: values,
        quiet401: true,
      });
      client.setQueryData<User>(ME_KEY, data.user);
      navigate(next.startsWith('/') && !next.startsWith('/login') ? next : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="wj-login">
      <div className="wj-login-lang">
        <Segmented<Lang>
          size="small"
          value={lang}
          onChange={setLang}
          options={[
            { label: '中文', value: 'zh' },
            { label: 'EN', value: 'en' },
          ]}
        />
      </div>
      <Card className="wj-login-card" data-testid="login-card">
        <div className="wj-login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('appName')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('appSubtitle')}</Typography.Text>
          </div>
        </div>
        {expired && !error && <Alert type="info" showIcon title={t('sessionExpired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {busy ? t('signingIn') : t('signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
