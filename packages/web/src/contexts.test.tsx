import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contexts } from './contexts.ts';
import { AppShell } from './platform/AppShell.tsx';
import type { MenuEntry } from './platform/web-context.ts';
import { mockApi } from './test/fetch-mock.ts';
import { renderPage, users } from './test/render.tsx';

const keys = (entries: MenuEntry[]): string[] => entries.flatMap((e) => [e.key, ...keys(e.children ?? [])]);
const menuFor = (user: (typeof users)[keyof typeof users], lang: 'zh' | 'en' = 'zh') =>
  contexts.flatMap((c) => c.menu({ user, lang }));

describe('web contexts', () => {
  it('keep every URL the app has always served', () => {
    const paths = contexts.flatMap((c) => c.routes.map((r) => (r.index ? '/' : `/${r.path}`)));
    expect(paths).toEqual([
      '/',
      '/areas',
      '/institutions',
      '/institutions/:id',
      '/report',
      '/institutions/:id/report/:year',
      '/population',
      '/import',
      '/export',
      '/plans',
      '/plans/import',
      '/plans/:id',
      '/plans/:id/indicators/:seq',
      '/plans/:id/tasks',
      '/tasks',
      '/standards',
      '/surveillance',
      '/surveillance/events/:id',
      '/surveillance/cases',
      '/surveillance/cases/new',
      '/surveillance/cases/:id',
      '/surveillance/streams',
      '/surveillance/settings',
      '/surveillance/evaluation',
      '/account',
      '/users',
      '/audit',
    ]);
    expect(contexts.flatMap((c) => c.routes.filter((r) => r.adminOnly).map((r) => r.path))).toEqual(['users', 'audit']);
  });

  it('give an administrator every menu entry, the audit log last', () => {
    const entries = menuFor(users.admin);
    expect(entries.map((e) => e.label)).toEqual([
      '首页概览',
      '区划树',
      '医疗卫生机构',
      '年报填报',
      '人口填报',
      '数据导入',
      '数据导出',
      '规划监测',
      '传染病预警',
      '用户管理',
      '账号与密码',
      '审计日志',
    ]);
    expect(keys(entries)).toContain('/surveillance/cases/new');
  });

  it('hide the area-level surveillance lists from institution users and case entry from read-only users', () => {
    const institution = keys(menuFor(users.institution));
    expect(institution).not.toContain('/surveillance');
    expect(institution).not.toContain('/surveillance/streams');
    expect(institution).toContain('/surveillance/cases/new');
    expect(institution).not.toContain('/audit');
    const readonly = keys(menuFor(users.readonly));
    expect(readonly).toContain('/surveillance');
    expect(readonly).not.toContain('/surveillance/cases/new');
  });

  it('label the menu in English on request', () => {
    expect(menuFor(users.city, 'en').map((e) => e.label)).toEqual([
      'Overview',
      'Area tree',
      'Institutions',
      'Yearly report',
      'Population',
      'Import',
      'Export',
      'Plan monitoring',
      'Early warning',
      'Account & password',
    ]);
  });

  it('the shell shows the entries of the listed contexts with their submenus open', async () => {
    mockApi({ 'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] } });
    renderPage(<AppShell contexts={contexts} />, { url: '/plans', path: '/*', user: users.city });
    const menu = await screen.findByTestId('side-menu');
    expect(within(menu).getByText('规划监测')).toBeTruthy();
    expect(within(menu).getByText('导入规划')).toBeTruthy();
    expect(within(menu).getByText('预警信号/事件')).toBeTruthy();
    expect(within(menu).queryByText('审计日志')).toBeNull();
  });
});
