// Primary care (基本公卫与家庭医生签约): work lists, health records, teams and contracts, indicators, and the
// resident's own view; its pages and its submenu, listed by the app shell.
import {
  BarChartOutlined,
  FileSearchOutlined,
  HeartOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { Need } from '../platform/rights.ts';
import { lazyPage, type MenuEntry, type WebContext } from '../platform/web-context.ts';
import { careText } from './i18n.ts';

const WorkList = lazyPage(() => import('./WorkList.tsx'));
const ResidentSearch = lazyPage(() => import('./ResidentSearch.tsx'));
const ResidentRecord = lazyPage(() => import('./ResidentRecord.tsx'));
const ResidentForm = lazyPage(() => import('./ResidentForm.tsx'));
const Teams = lazyPage(() => import('./Teams.tsx'));
const Contracts = lazyPage(() => import('./Contracts.tsx'));
const Indicators = lazyPage(() => import('./Indicators.tsx'));
const MyRecord = lazyPage(() => import('./MyRecord.tsx'));
const CareImport = lazyPage(() => import('./CareImport.tsx'));

/** Records, lists, teams: institution users for their own, county and city users for their area. */
const READ: Need = { right: 'readInstitution' };
const WRITE: Need = { right: 'writeInstitution' };
const READ_AREA: Need = { right: 'readArea' };

/** The resident role (a person signed in to see their own record, scope `self`) has no other page. */
const SELF: Need = { scope: ['self'] };

export const care: WebContext = {
  name: 'care',
  routes: [
    { path: 'care', page: WorkList, needs: READ },
    { path: 'care/residents', page: ResidentSearch, needs: READ },
    { path: 'care/residents/new', page: ResidentForm, needs: WRITE },
    { path: 'care/residents/:id', page: ResidentRecord, needs: READ },
    { path: 'care/residents/:id/edit', page: ResidentForm, needs: WRITE },
    { path: 'care/teams', page: Teams, needs: READ },
    { path: 'care/contracts', page: Contracts, needs: READ },
    { path: 'care/indicators', page: Indicators, needs: READ_AREA },
    { path: 'care/me', page: MyRecord, needs: SELF },
    { path: 'care/import', page: CareImport, needs: WRITE },
  ],
  menu: ({ lang }) => {
    const t = careText(lang);
    const children: MenuEntry[] = [
      { key: '/care', icon: ScheduleOutlined, label: t('menuWorklist'), needs: READ },
      { key: '/care/residents', icon: FileSearchOutlined, label: t('menuResidents'), needs: READ },
      { key: '/care/teams', icon: TeamOutlined, label: t('menuTeams'), needs: READ },
      { key: '/care/contracts', icon: SolutionOutlined, label: t('menuContracts'), needs: READ },
      { key: '/care/indicators', icon: BarChartOutlined, label: t('menuIndicators'), needs: READ_AREA },
      { key: '/care/import', icon: UploadOutlined, label: t('menuImport'), needs: WRITE },
    ];
    return [
      { key: 'care', icon: HeartOutlined, label: t('menuCare'), children },
      { key: '/care/me', icon: IdcardOutlined, label: t('menuMe'), needs: SELF },
    ];
  },
};
