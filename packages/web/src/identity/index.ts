// Identity (账号与权限): the signed-in user's account page (password change, and the forced change of an
// administrator-given password) and the administrator's user list, listed by the app shell.
import { KeyOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage, type WebContext } from '../platform/web-context.ts';
import { identityText } from './i18n.ts';

const AccountPage = lazyPage(() => import('./AccountPage.tsx'));
const UsersPage = lazyPage(() => import('./UsersPage.tsx'));

export const identity: WebContext = {
  name: 'identity',
  routes: [
    { path: 'account', page: AccountPage, passwordChange: true },
    { path: 'users', page: UsersPage, adminOnly: true },
  ],
  menu: ({ lang }) => {
    const t = identityText(lang);
    return [
      { key: '/users', icon: TeamOutlined, label: t('menuUsers'), needs: { right: 'administer' } },
      { key: '/account', icon: KeyOutlined, label: t('menuAccount') },
    ];
  },
};
