// Infectious-disease early warning (传染病预警): its pages and its submenu, listed by the app shell.
import {
  AlertOutlined,
  ExperimentOutlined,
  FileAddOutlined,
  FileTextOutlined,
  NotificationOutlined,
  SettingOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import type { Need } from '../platform/rights.ts';
import { lazyPage, type MenuEntry, type WebContext } from '../platform/web-context.ts';
import { survText } from './i18n.ts';

const EventList = lazyPage(() => import('./EventList.tsx'));
const EventDetail = lazyPage(() => import('./EventDetail.tsx'));
const CaseList = lazyPage(() => import('./CaseList.tsx'));
const CaseForm = lazyPage(() => import('./CaseForm.tsx'));
const CaseDetail = lazyPage(() => import('./CaseDetail.tsx'));
const StreamStatus = lazyPage(() => import('./StreamStatus.tsx'));
const Settings = lazyPage(() => import('./Settings.tsx'));
const Evaluation = lazyPage(() => import('./Evaluation.tsx'));

const READ_AREA: Need = { right: 'readArea' };
/** Reporting a case: whoever may write an institution's records (institution users for their own). */
const REPORT: Need = { right: 'writeInstitution' };
/** Staff pages any role of the service system opens (not the resident role, whose one page is its own record). */
const STAFF: Need = { scope: ['platform', 'area', 'institution'] };

export const surveillance: WebContext = {
  name: 'surveillance',
  routes: [
    { path: 'surveillance', page: EventList, needs: READ_AREA },
    { path: 'surveillance/events/:id', page: EventDetail, needs: READ_AREA },
    { path: 'surveillance/cases', page: CaseList, needs: STAFF },
    { path: 'surveillance/cases/new', page: CaseForm, needs: REPORT },
    { path: 'surveillance/cases/:id', page: CaseDetail, needs: STAFF },
    { path: 'surveillance/streams', page: StreamStatus, needs: READ_AREA },
    { path: 'surveillance/settings', page: Settings, needs: READ_AREA },
    { path: 'surveillance/evaluation', page: Evaluation, needs: STAFF },
  ],
  // Institution users report cases and see their own reports only (the area-level lists answer 403 for
  // them); read-only users do not report.
  menu: ({ lang }) => {
    const t = survText(lang);
    const children: MenuEntry[] = [
      { key: '/surveillance', icon: AlertOutlined, label: t('menuEvents'), needs: READ_AREA },
      { key: '/surveillance/cases', icon: FileTextOutlined, label: t('menuCases'), needs: STAFF },
      { key: '/surveillance/cases/new', icon: FileAddOutlined, label: t('menuCaseNew'), needs: REPORT },
      { key: '/surveillance/streams', icon: WifiOutlined, label: t('menuStreams'), needs: READ_AREA },
      { key: '/surveillance/settings', icon: SettingOutlined, label: t('menuSettings'), needs: READ_AREA },
      { key: '/surveillance/evaluation', icon: ExperimentOutlined, label: t('menuEvaluation'), needs: STAFF },
    ];
    return [{ key: 'surveillance', icon: NotificationOutlined, label: t('menuSurveillance'), children }];
  },
};
