// Providers, sign-in gate and routes of the SPA.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, matchPath, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AppShell } from './AppShell.tsx';
import { ApiError, request } from './api.ts';
import { usePlatformT } from './i18n.ts';
import { LoadError, Loading } from './Loading.tsx';
import { LoginPage } from './LoginPage.tsx';
import { LocaleProvider, useLocale } from './locale.tsx';
import { allows, type Need } from './rights.ts';
import { rootAreaOf, SessionProvider, useMe, useSession, useUnauthenticatedRedirect } from './session.tsx';
import type { Meta, User } from './types.ts';
import type { PageRoute, WebContext } from './web-context.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** GET /meta, quietly: asked together with "who am I" and answered 401 alike when nobody is signed in. */
const fetchMeta = () => request<Meta>('/meta', { quiet401: true });

/** Starts fetching the chunk of the page at `pathname`, so it arrives while the session is being checked. */
function preloadPageAt(contexts: WebContext[], pathname: string): void {
  const route = contexts
    .flatMap((c) => c.routes)
    .find((r) => (r.index ? pathname === '/' : r.path && matchPath({ path: `/${r.path}`, end: true }, pathname)));
  void route?.page.preload?.().catch(() => undefined);
}

/** The whole SPA; `contexts` (src/contexts.ts) supply the pages and menu entries inside the shell. */
export function App({ contexts }: { contexts: WebContext[] }) {
  useState(() => preloadPageAt(contexts, window.location.pathname));
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <Themed>
          <BrowserRouter>
            <AuthGate contexts={contexts} />
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

function AuthGate({ contexts }: { contexts: WebContext[] }) {
  useUnauthenticatedRedirect();
  // The platform metadata in parallel with the session rather than after it: one round trip less on reload.
  const client = useQueryClient();
  useState(
    () => void client.prefetchQuery({ queryKey: ['meta'], queryFn: fetchMeta, staleTime: Number.POSITIVE_INFINITY }),
  );
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
  if (user.mustChangePassword) return <PasswordChangeOnly contexts={contexts} />;
  return <SignedIn user={user} contexts={contexts} />;
}

/** Until an administrator-given password is replaced the server answers nothing else: its page, alone. */
function PasswordChangeOnly({ contexts }: { contexts: WebContext[] }) {
  const route = contexts.flatMap((c) => c.routes).find((r) => r.passwordChange);
  if (!route?.path) return <NotFound />;
  const Page = route.page;
  return (
    <Routes>
      <Route
        path={`/${route.path}`}
        element={
          <Suspense fallback={<Loading />}>
            <Page />
          </Suspense>
        }
      />
      <Route path="*" element={<Navigate to={`/${route.path}`} replace />} />
    </Routes>
  );
}

function SignedIn({ user, contexts }: { user: User; contexts: WebContext[] }) {
  const meta = useQuery({
    queryKey: ['meta'],
    queryFn: fetchMeta,
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
        <Route element={<AppShell contexts={contexts} />}>
          {contexts.flatMap((c) => c.routes.map((r) => pageRoute(c.name, r)))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function pageRoute(context: string, { path, index, page: Page, adminOnly, needs }: PageRoute) {
  const need: Need | undefined = adminOnly ? { ...needs, right: 'administer' } : needs;
  const element = need ? (
    <Allowed need={need}>
      <Page />
    </Allowed>
  ) : (
    <Page />
  );
  const key = `${context}:${path ?? 'index'}`;
  return index ? <Route key={key} index element={element} /> : <Route key={key} path={path} element={element} />;
}

/** A page the role or scope cannot use, opened by address: the reason instead of the page's 403s. */
function Allowed({ need, children }: { need: Need; children: ReactNode }) {
  const { user } = useSession();
  const t = usePlatformT();
  const { lang } = useLocale();
  if (!allows(user, need)) {
    const role = user.roleLabel[lang];
    const reason =
      need.right && !allows(user, { right: need.right })
        ? t(`need_${need.right}` as const, { role })
        : t('need_scope', { role });
    return <Result status="403" title={t('pageRefusedTitle')} subTitle={reason} data-testid="page-refused" />;
  }
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
