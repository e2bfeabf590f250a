import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FormOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { usePlanningMenu } from '../planning/routes.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { useSurveillanceMenu } from '../surveillance/routes.tsx';
import { usePlatformT } from './i18n.ts';
import { Loading } from './Loading.tsx';
import { type Lang, useLocale } from './locale.tsx';
import { logout, useSession } from './session.tsx';

const { Header, Sider, Content } = Layout;

export function AppShell() {
  const t = usePlatformT();
  const { lang, setLang } = useLocale();
  const { user, meta, rootAreaCode, areaCode, setAreaCode, year, setYear, isAdmin } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const planningMenu = usePlanningMenu();
  const surveillanceMenu = useSurveillanceMenu();

  const items = [
    { key: '/', icon: <DashboardOutlined />, label: t('menuDashboard') },
    { key: '/areas', icon: <ApartmentOutlined />, label: t('menuAreas') },
    { key: '/institutions', icon: <BankOutlined />, label: t('menuInstitutions') },
    { key: '/report', icon: <FormOutlined />, label: t('menuReport') },
    { key: '/population', icon: <TeamOutlined />, label: t('menuPopulation') },
    { key: '/import', icon: <CloudUploadOutlined />, label: t('menuImport') },
    { key: '/export', icon: <CloudDownloadOutlined />, label: t('menuExport') },
    planningMenu,
    surveillanceMenu,
    ...(isAdmin ? [{ key: '/audit', icon: <AuditOutlined />, label: t('menuAudit') }] : []),
  ];
  const selected =
    items
      .flatMap((i) => ('children' in i && i.children ? i.children.map((c) => c.key) : [i.key]))
      .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
      .sort((a, b) => b.length - a.length)[0] ?? '/';

  const roleKey = `role_${user.role}` as Parameters<typeof t>[0];
  const roleLabel = ['admin', 'city', 'county', 'institution', 'readonly'].includes(user.role) ? t(roleKey) : user.role;

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
          defaultOpenKeys={[planningMenu.key, surveillanceMenu.key]}
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
                  { key: 'role', label: roleLabel, disabled: true },
                  ...(user.scopeAreaName ? [{ key: 'scope', label: user.scopeAreaName, disabled: true }] : []),
                  { type: 'divider' as const },
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
