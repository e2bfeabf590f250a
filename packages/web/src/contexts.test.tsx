import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contexts } from './contexts.ts';
import { AppShell } from './platform/AppShell.tsx';
import { allows } from './platform/rights.ts';
import { type MenuEntry, menuOf } from './platform/web-context.ts';
import { mockApi } from './test/fetch-mock.ts';
import { renderPage, users } from './test/render.tsx';

const keys = (entries: MenuEntry[]): string[] => entries.flatMap((e) => [e.key, ...keys(e.children ?? [])]);
const menuFor = (user: (typeof users)[keyof typeof users], lang: 'zh' | 'en' = 'zh') =>
  menuOf(contexts, { user, lang });
/** The route a menu key opens (menu keys are paths; route patterns may carry parameters). */
const routeOf = (key: string) =>
  contexts.flatMap((c) => c.routes).find((r) => (r.index ? key === '/' : `/${r.path}` === key));

describe('web contexts', () => {
  it('keep every URL the app has always served', () => {
    const paths = contexts.flatMap((c) => c.routes.map((r) => (r.index ? '/' : `/${r.path}`)));
    expect(paths).toEqual([
      '/',
      '/areas',
      '/institutions',
      '/institutions/:id',
      '/networks',
      '/networks/:id',
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
      '/care',
      '/care/residents',
      '/care/residents/new',
      '/care/residents/:id',
      '/care/residents/:id/edit',
      '/care/teams',
      '/care/contracts',
      '/care/indicators',
      '/care/me',
      '/care/import',
      '/access',
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
      '医联体',
      '年报填报',
      '人口填报',
      '数据导入',
      '数据导出',
      '规划监测',
      '传染病预警',
      '基本公卫与家医',
      '可及性与布局',
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

  it('give an institution user their institution, its report and its cases: no area-level page, no import', () => {
    const entries = menuFor(users.institution);
    expect(keys(entries)).toEqual([
      '/',
      '/report',
      'surveillance',
      '/surveillance/cases',
      '/surveillance/cases/new',
      '/surveillance/evaluation',
      'care',
      '/care',
      '/care/residents',
      '/care/teams',
      '/care/contracts',
      '/care/import',
      '/account',
    ]);
  });

  it('give a read-only user no entry that saves or imports', () => {
    const readonly = keys(menuFor(users.readonly));
    for (const key of ['/report', '/population', '/import', '/plans/import', '/surveillance/cases/new', '/users']) {
      expect(readonly).not.toContain(key);
    }
    expect(readonly).toContain('/plans');
  });

  it('never offer an entry whose page refuses the user', () => {
    for (const user of Object.values(users)) {
      for (const key of keys(menuFor(user)).filter((k) => k.startsWith('/'))) {
        const route = routeOf(key);
        expect(route, key).toBeTruthy();
        const need = route?.adminOnly ? { right: 'administer' as const } : route?.needs;
        expect(allows(user, need), `${user.role} ${key}`).toBe(true);
      }
    }
  });

  it('label the menu in English on request', () => {
    expect(menuFor(users.city, 'en').map((e) => e.label)).toEqual([
      'Overview',
      'Area tree',
      'Institutions',
      'Medical networks',
      'Yearly report',
      'Population',
      'Import',
      'Export',
      'Plan monitoring',
      'Early warning',
      'Primary care',
      'Access and placement',
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
