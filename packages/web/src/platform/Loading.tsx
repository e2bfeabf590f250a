import { Alert, Button, Spin } from 'antd';
import { errorMessage } from './api.ts';
import { usePlatformT } from './i18n.ts';

export function Loading() {
  const t = usePlatformT();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={t('loading')} />
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = usePlatformT();
  return (
    <Alert
      type="error"
      showIcon
      title={t('loadFailed')}
      description={errorMessage(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
      data-testid="load-error"
    />
  );
}
