// The platform's own pages (the audit log), listed by the app shell like any context.
import { AuditOutlined } from '@ant-design/icons';
import { platformText } from './i18n.ts';
import { lazyPage, type WebContext } from './web-context.ts';

const AuditLog = lazyPage(() => import('./AuditLog.tsx'));

export const platformPages: WebContext = {
  name: 'platform',
  routes: [{ path: 'audit', page: AuditLog, adminOnly: true }],
  menu: ({ lang }) => [
    { key: '/audit', icon: AuditOutlined, label: platformText(lang)('menuAudit'), needs: { right: 'administer' } },
  ],
};
