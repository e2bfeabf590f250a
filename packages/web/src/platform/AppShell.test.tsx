import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contexts } from '../contexts.ts';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import { AppShell } from './AppShell.tsx';

describe('the shell follows the role and scope', () => {
  it('names an institution user’s institution in the top bar, offers no area picker and no area-level page', async () => {
    const { sent } = mockApi({
      'GET /institutions/7': { id: 7, name: '辉县市人民医院', uscc: '12410782MB0000001X', areaCode: '410782' },
    });
    renderPage(<AppShell contexts={contexts} />, { url: '/', path: '/*', user: users.institution });
    const scope = await screen.findByTestId('scope-name');
    expect(await within(scope).findByText('辉县市人民医院')).toBeTruthy();
    expect(within(scope).getByText('12410782MB0000001X')).toBeTruthy();
    expect(screen.queryByTestId('area-picker')).toBeNull();
    const menu = screen.getByTestId('side-menu');
    for (const label of ['区划树', '医疗卫生机构', '人口填报', '数据导入', '规划监测', '预警信号/事件']) {
      expect(within(menu).queryByText(label)).toBeNull();
    }
    expect(within(menu).getByText('年报填报')).toBeTruthy();
    // Nothing area-level was asked for.
    expect(sent.filter((r) => r.path.startsWith('/areas'))).toEqual([]);
  });

  it('names an area user’s scope with its code as secondary text', async () => {
    mockApi({ 'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] } });
    renderPage(<AppShell contexts={contexts} />, { url: '/', path: '/*', user: users.city });
    const scope = await screen.findByTestId('scope-name');
    expect(within(scope).getByText('新乡市')).toBeTruthy();
    expect(within(scope).getByText('4107')).toBeTruthy();
    expect(screen.getByTestId('area-picker')).toBeTruthy();
  });

  it('offers a read-only user nothing that saves or imports', async () => {
    mockApi({ 'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] } });
    renderPage(<AppShell contexts={contexts} />, { url: '/', path: '/*', user: users.readonly });
    const menu = await screen.findByTestId('side-menu');
    for (const label of ['年报填报', '人口填报', '数据导入', '导入规划', '填报报告卡']) {
      expect(within(menu).queryByText(label)).toBeNull();
    }
    expect(within(menu).getByText('规划列表')).toBeTruthy();
  });

  it('offers a resident only their name, 退出 and their own pages: no area, year or scope to choose', async () => {
    const { sent } = mockApi({});
    const resident = {
      ...users.admin,
      id: 11,
      username: 'zxl',
      displayName: '张秀兰',
      role: 'resident' as const,
      residentCountyCode: '410782',
      residentId: 42,
    };
    renderPage(<AppShell contexts={contexts} />, { url: '/care/me', path: '/*', user: resident });
    const menu = await screen.findByTestId('side-menu');
    expect(screen.queryByTestId('area-picker')).toBeNull();
    expect(screen.queryByTestId('year-picker')).toBeNull();
    expect(screen.queryByTestId('scope-name')).toBeNull();
    expect(within(menu).getByText('我的健康档案')).toBeTruthy();
    // the resident's own pages only: the record and the account, nothing of the staff's
    const items = [...menu.querySelectorAll('.ant-menu-title-content')].map((e) => e.textContent);
    expect(items).toEqual(['我的健康档案', '账号与密码']);
    fireEvent.mouseEnter(screen.getByTestId('user-menu'));
    expect(within(screen.getByTestId('user-menu')).getByText('张秀兰')).toBeTruthy();
    const logout = await screen.findByText('退出登录');
    const entries = [...document.querySelectorAll('.ant-dropdown-menu-item')].map((e) => e.textContent);
    expect(entries).toEqual([logout.textContent]);
    expect(sent.filter((r) => r.path.startsWith('/areas'))).toEqual([]);
  });
});
