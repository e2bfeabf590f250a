import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import AccountPage from './AccountPage.tsx';

const me = { ...users.city, roleLabel: { zh: '市级用户', en: 'City user' } };
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function fill(current: string, next: string, confirm = next) {
  type('current-password', current);
  type('new-password', next);
  type('confirm-password', confirm);
  fireEvent.click(screen.getByTestId('change-password'));
}

describe('AccountPage', () => {
  it('shows the account and changes the password', async () => {
    const api = mockApi({ 'GET /auth/me': { user: me }, 'POST /auth/password': { user: me } });
    renderPage(<AccountPage />, { url: '/account', user: users.city });
    expect(await screen.findByText('市级用户')).toBeTruthy();
    expect(screen.getByText('新乡市')).toBeTruthy();
    expect(screen.queryByTestId('must-change')).toBeNull();
    fill('Old-Password-1', 'New-Password-2024');
    await screen.findByText('密码已修改，其他设备上的登录已全部退出');
    expect(api.last('POST', '/auth/password')?.body).toEqual({
      currentPassword: 'Old-Password-1',
      newPassword: 'New-Password-2024',
    });
  });

  it('refuses two different new passwords without asking the server', async () => {
    const api = mockApi({ 'GET /auth/me': { user: me } });
    renderPage(<AccountPage />, { url: '/account', user: users.city });
    await screen.findByText('市级用户');
    fill('Old-Password-1', 'New-Password-2024', 'New-Password-2025');
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy();
    expect(api.calls('POST', '/auth/password')).toHaveLength(0);
  });

  it("shows the server's broken rules under the fields they concern", async () => {
    mockApi({
      'GET /auth/me': { user: me },
      'POST /auth/password': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '数据校验未通过（2 处错误）',
            details: [
              { path: 'newPassword', message: '密码长度规则：至少 10 位' },
              { path: 'newPassword', message: '常用密码规则：该密码（或其简单变形）在常用密码表中，请换一个' },
            ],
          },
        },
      },
    });
    renderPage(<AccountPage />, { url: '/account', user: users.city });
    await screen.findByText('市级用户');
    fill('Old-Password-1', 'password');
    expect(await screen.findByText('密码长度规则：至少 10 位')).toBeTruthy();
    expect(screen.getByText(/常用密码规则/)).toBeTruthy();
  });

  it('explains a forced change and offers to sign out', async () => {
    mockApi({ 'GET /auth/me': { user: { ...me, mustChangePassword: true } } });
    renderPage(<AccountPage />, { url: '/account', user: users.city });
    expect(await screen.findByTestId('must-change')).toBeTruthy();
    expect(screen.getByText('请先修改初始密码')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('sign-out')).toBeTruthy());
  });
});
