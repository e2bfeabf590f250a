import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import { LoginPage } from './LoginPage.tsx';

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  it('asks for both fields before sending anything', async () => {
    const api = mockApi({});
    renderPage(<LoginPage />, { url: '/login' });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(api.sent).toEqual([]);
  });

  it('signs in and goes to the page asked for', async () => {
    const api = mockApi({ 'POST /auth/login': { user: { id: 1, username: 'admin', role: 'admin' } } });
    const view = renderPage(<LoginPage />, { url: '/login?next=%2Fplans%3Farea%3D4107', path: '/login' });
    signIn('admin', 'secret');
    await waitFor(() => expect(view.location()).toBe('/plans?area=4107'));
    expect(api.last('POST', '/auth/login')?.body).toEqual({ username: 'admin', password: 'secret' });
  });

  it('never follows a next address outside the app', async () => {
    mockApi({ 'POST /auth/login': { user: { id: 1, username: 'admin', role: 'admin' } } });
    const view = renderPage(<LoginPage />, { url: '/login?next=https://evil.example/', path: '/login' });
    signIn('admin', 'secret');
    await waitFor(() => expect(view.location()).toBe('/'));
  });

  it("shows the server's refusal", async () => {
    mockApi({ 'POST /auth/login': apiError(401, '用户名或密码错误') });
    renderPage(<LoginPage />, { url: '/login' });
    signIn('admin', 'wrong');
    expect((await screen.findByTestId('login-error')).textContent).toContain('用户名或密码错误');
  });
});
