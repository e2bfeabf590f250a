import { BankOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { api } from './api.ts';
import { usePlatformT } from './i18n.ts';
import { Loading } from './Loading.tsx';
import { type Lang, useLocale } from './locale.tsx';
import { logout, useSession } from './session.tsx';
import { type MenuEntry, menuOf, type WebContext } from './web-context.ts';
import type { Wire } from './wire.ts';

const { Header, Sider, Content } = Layout;

type MenuItem = { key: string; icon?: ReactNode; label: ReactNode; children?: MenuItem[] };

function menuItem({ key, icon: Icon, label, children }: MenuEntry): MenuItem {
  return {
    key,
    icon: Icon ? <Icon /> : undefined,
    // The key on the label lets the end-to-end tests walk every entry a role is offered.
    label: <span data-menu-key={key}>{label}</span>,
    ...(children ? { children: children.map(menuItem) } : {}),
  };
}

/** The shell around every signed-in page: side menu from the contexts' entries, area/year pickers, language. */
export function AppShell({ contexts }: { contexts: WebContext[] }) {
  const t = usePlatformT();
  const { lang, setLang } = useLocale();
  const { user, meta, rootAreaCode, areaCode, setAreaCode, year, setYear, scopeKind } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const entries = menuOf(contexts, { user, lang });
  const items = entries.map(menuItem);
  const selected =
    items
      .flatMap((i) => (i.children ? i.children.map((c) => c.key) : [i.key]))
      .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
      .sort((a, b) => b.length - a.length)[0] ?? '/';

  const roleKey = `role_${user.role}` as Parameters<typeof t>[0];
  const roleLabel = ['admin', 'city', 'county', 'institution', 'readonly'].includes(user.role) ? t(roleKey) : user.role;
  // A resident (scope `self`) looks at their own record only: no area, year or scope to choose, no role to show.
  const self = scopeKind === 'self';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={56} theme="dark" width={200}>
        <Link to="/" className="wj-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="wj-brand-text">{t('appName')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={entries.filter((e) => e.children).map((e) => e.key)}
          items={items}
          onClick={(e) => navigate(e.key)}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          className="wj-header"
          style={{ background: '#fff', height: 'auto', minHeight: 56, lineHeight: 'normal', padding: '10px 20px' }}
        >
          <Space size="middle" wrap>
            <ScopeName />
            {/* Institution users have no area to look at: their institution is their whole scope. */}
            {scopeKind !== 'institution' && !self && (
              <Space size={6}>
                <Typography.Text type="secondary">{t('area')}</Typography.Text>
                <AreaSelect
                  rootCode={rootAreaCode}
                  value={areaCode}
                  year={year}
                  onChange={(code) => code && setAreaCode(code)}
                  style={{ minWidth: 200 }}
                  data-testid="area-picker"
                />
              </Space>
            )}
            {!self && (
              <Space size={6}>
                <Typography.Text type="secondary">{t('year')}</Typography.Text>
                <Select
                  value={year}
                  onChange={setYear}
                  style={{ width: 100 }}
                  options={[...meta.years]
                    .sort((a, b) => b - a)
                    .map((y) => ({ value: y, label: t('yearSuffix', { year: y }) }))}
                  data-testid="year-picker"
                />
              </Space>
            )}
            {meta.synthetic && (
              <Tooltip title={t('syntheticHint')}>
                <Tag color="orange" data-testid="synthetic-badge">
                  {t('synthetic')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          <Space size="middle">
            <Segmented<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              options={[
                { label: '中文', value: 'zh' },
                { label: 'EN', value: 'en' },
              ]}
              data-testid="lang-switch"
            />
            <Dropdown
              menu={{
                items: [
                  ...(self
                    ? []
                    : [
                        { key: 'role', label: roleLabel, disabled: true },
                        ...(user.scopeAreaName ? [{ key: 'scope', label: user.scopeAreaName, disabled: true }] : []),
                        { type: 'divider' as const },
                      ]),
                  { key: 'logout', icon: <LogoutOutlined />, label: t('signOut') },
                ],
                onClick: async (e) => {
                  if (e.key === 'logout') {
                    await logout(client);
                    navigate('/login', { replace: true });
                  }
                },
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {user.displayName || user.username}
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content className="wj-content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}

/**
 * The user's scope by name, the code as secondary text: their institution, or the area they are responsible
 * for (administrators work on the whole platform and have none).
 */
function ScopeName() {
  const { user, scopeKind } = useSession();
  const t = usePlatformT();
  const id = user.scopeInstitutionId;
  // Same key as the registry's useInstitution, so the home page reuses it.
  const institution = useQuery({
    queryKey: ['institution', String(id)],
    queryFn: () => api.get<Wire<'InstitutionDetail'>>(`/institutions/${id}`),
    enabled: scopeKind === 'institution' && id !== null,
    staleTime: 5 * 60_000,
  });
  if (scopeKind === 'institution') {
    return (
      <Space size={6} data-testid="scope-name">
        <BankOutlined />
        <Typography.Text strong>{institution.data?.name ?? t('scopeInstitution')}</Typography.Text>
        {institution.data?.uscc && <Typography.Text type="secondary">{institution.data.uscc}</Typography.Text>}
      </Space>
    );
  }
  if (!user.scopeAreaCode) return null;
  return (
    <Space size={6} data-testid="scope-name">
      <Typography.Text strong>{user.scopeAreaName ?? user.scopeAreaCode}</Typography.Text>
      <Typography.Text type="secondary">{user.scopeAreaCode}</Typography.Text>
    </Space>
  );
}
