// The app as a whole while the signed-in user must replace an administrator-given password: only the
// account page, outside the shell, and no request the server would refuse.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contexts } from '../contexts.ts';
import { App } from '../platform/App.tsx';
import { mockApi } from '../test/fetch-mock.ts';
import { users } from '../test/render.tsx';

describe('forced password change', () => {
  it('shows the account page alone and asks for nothing else', async () => {
    window.history.pushState({}, '', '/plans');
    const api = mockApi({
      'GET /auth/me': {
        user: { ...users.city, roleLabel: { zh: '市级用户', en: 'City user' }, mustChangePassword: true },
      },
    });
    render(<App contexts={contexts} />);
    expect(await screen.findByTestId('must-change')).toBeTruthy();
    expect(window.location.pathname).toBe('/account');
    expect(screen.queryByTestId('side-menu')).toBeNull();
    // The platform metadata is asked together with the session (one round trip less on reload, before anyone
    // knows a change is due); it holds no personal data and the server refuses it until the password changes.
    const asked = api.sent.map((s) => `${s.method} ${s.path}`);
    expect(asked.filter((k) => k !== 'GET /auth/me' && k !== 'GET /meta')).toEqual([]);
  });
});
