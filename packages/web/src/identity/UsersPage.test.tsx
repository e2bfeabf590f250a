import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Wire } from '../platform/wire.ts';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import UsersPage from './UsersPage.tsx';

const row = (over: Partial<Wire<'User'>>): Wire<'User'> => ({
  id: 1,
  username: 'admin',
  displayName: '平台管理员',
  role: 'admin',
  scopeAreaCode: null,
  scopeInstitutionId: null,
  active: true,
  mustChangePassword: false,
  createdAt: '2024-01-01T00:00:00Z',
  ...over,
});
const list = [
  row({}),
  row({ id: 5, username: 'huixian', displayName: '辉县市卫健局', role: 'county', scopeAreaCode: '410782' }),
  row({ id: 6, username: 'gone', displayName: '离职', role: 'readonly', scopeAreaCode: '4107', active: false }),
  row({
    id: 7,
    username: 'fresh',
    displayName: '新人',
    role: 'institution',
    scopeInstitutionId: 9,
    mustChangePassword: true,
  }),
];

describe('UsersPage', () => {
  it('lists every account with role, scope and state; the own account cannot be deactivated', async () => {
    mockApi({ 'GET /users': { total: list.length, items: list } });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    const table = await screen.findByTestId('users-table');
    await within(table).findByText('辉县市卫健局');
    expect(within(table).getByText('县区级用户')).toBeTruthy();
    expect(within(table).getByText('已停用')).toBeTruthy();
    expect(within(table).getByText('待改初始密码')).toBeTruthy();
    expect(within(table).getByText('机构 #9')).toBeTruthy();
    expect((screen.getByTestId('deactivate-admin') as HTMLButtonElement).disabled).toBe(true);
  });

  it('deactivates after confirmation and reactivates', async () => {
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'POST /users/:id/deactivate': { user: row({ id: 5, active: false }) },
      'POST /users/:id/activate': { user: row({ id: 6 }) },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('deactivate-huixian'));
    expect(await screen.findByText('停用 huixian？其所有登录会话将立即结束。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(api.calls('POST', '/users/5/deactivate')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('activate-gone'));
    await waitFor(() => expect(api.calls('POST', '/users/6/activate')).toHaveLength(1));
  });

  it("resets a password, showing the server's broken rules", async () => {
    const api = mockApi({
      'GET /users': { total: list.length, items: list },
      'POST /users/:id/password': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '数据校验未通过（1 处错误）',
            details: [{ path: 'password', message: '密码用户名规则：不得包含用户名' }],
          },
        },
      },
    });
    renderPage(<UsersPage />, { url: '/users', user: users.admin });
    fireEvent.click(await screen.findByTestId('reset-huixian'));
    fireEvent.change(await screen.findByTestId('reset-password'), { target: { value: 'Huixian-2024!' } });
    fireEvent.click(screen.getByTestId('reset-ok'));
    expect(await screen.findByText('密码用户名规则：不得包含用户名')).toBeTruthy();
    expect(api.last('POST', '/users/5/password')?.body).toEqual({ password: 'Huixian-2024!' });
  });
});
