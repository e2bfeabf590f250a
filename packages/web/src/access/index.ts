// Accessibility and facility planning (可及性与设施布局): the map of service circles and the placement panel.
import { EnvironmentOutlined } from '@ant-design/icons';
import type { Need } from '../platform/rights.ts';
import { lazyPage, type WebContext } from '../platform/web-context.ts';
import { accessText } from './i18n.ts';

const AccessMap = lazyPage(() => import('./AccessMap.tsx'));

/** Area-level analyses: county and city users (institution users have no area to plan). */
const READ_AREA: Need = { right: 'readArea' };

export const access: WebContext = {
  name: 'access',
  routes: [{ path: 'access', page: AccessMap, needs: READ_AREA }],
  menu: ({ lang }) => [
    { key: '/access', icon: EnvironmentOutlined, label: accessText(lang)('menuAccess'), needs: READ_AREA },
  ],
};
