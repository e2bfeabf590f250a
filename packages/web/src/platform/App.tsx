// Providers, sign-in gate and routes of the SPA.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { planningRoutes } from '../planning/routes.tsx';
import { surveillanceRoutes } from '../surveillance/routes.tsx';
import { AppShell } from './AppShell.tsx';
import { ApiError, api } from './api.ts';
import { usePlatformT } from './i18n.ts';
import { LoadError, Loading } from './Loading.tsx';
import { LoginPage } from './LoginPage.tsx';
import { LocaleProvider, useLocale } from './locale.tsx';
import { rootAreaOf, SessionProvider, useMe, useSession, useUnauthenticatedRedirect } from './session.tsx';
import type { Meta, User } from './types.ts';

const Dashboard = lazy(() => import('../registry/Dashboard.tsx'));
const AreaTreePage = lazy(() => import('../registry/AreaTreePage.tsx'));
const InstitutionList = lazy(() => import('../registry/InstitutionList.tsx'));
const InstitutionDetail = lazy(() => import('../registry/InstitutionDetail.tsx'));
const ReportEntry = lazy(() => import('../registry/ReportEntry.tsx'));
const PopulationEntry = lazy(() => import('../registry/PopulationEntry.tsx'));
const ImportWizard = lazy(() => import('../registry/ImportWizard.tsx'));
const ExportPage = lazy(() => import('../registry/ExportPage.tsx'));
const AuditLog = lazy(() => import('./AuditLog.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <Themed>
          <BrowserRouter>
            <AuthGate />
          </BrowserRouter>
        </Themed>
      </LocaleProvider>
    </QueryClientProvider>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useLocale();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function AuthGate() {
  useUnauthenticatedRedirect();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => me.refetch()} />;
  const user = me.data;
  if (!user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={<Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />}
        />
      </Routes>
    );
  }
  return <SignedIn user={user} />;
}

function SignedIn({ user }: { user: User }) {
  const meta = useQuery({
    queryKey: ['meta'],
    queryFn: () => api.get<Meta>('/meta'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (meta.isPending) return <Loading />;
  if (meta.isError) return <LoadError error={meta.error} onRetry={() => meta.refetch()} />;
  const root = rootAreaOf(user, meta.data);
  if (!root) return <NoRoot />;
  return (
    <SessionProvider user={user} meta={meta.data} rootAreaCode={root}>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route element={<AppShell />}>
          <Route index element={<Dashboard />} />
          <Route path="areas" element={<AreaTreePage />} />
          <Route path="institutions" element={<InstitutionList />} />
          <Route path="institutions/:id" element={<InstitutionDetail />} />
          <Route path="report" element={<ReportEntry />} />
          <Route path="institutions/:id/report/:year" element={<ReportEntry />} />
          <Route path="population" element={<PopulationEntry />} />
          <Route path="import" element={<ImportWizard />} />
          <Route path="export" element={<ExportPage />} />
          <Route
            path="audit"
            element={
              <AdminOnly>
                <AuditLog />
              </AdminOnly>
            }
          />
          {planningRoutes()}
          {surveillanceRoutes()}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function AdminOnly({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  const t = usePlatformT();
  if (!isAdmin) return <Result status="403" title="403" subTitle={t('auditAdminOnly')} />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function NoRoot() {
  const t = usePlatformT();
  return <Result status="info" title={t('noRootTitle')} subTitle={t('noRootBody')} data-testid="no-root" />;
}

function NotFound() {
  const t = usePlatformT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFound')}
      extra={<Button onClick={() => navigate('/')}>{t('backHome')}</Button>}
    />
  );
}
