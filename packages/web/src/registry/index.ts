// The registry (areas, institutions, yearly reports, population, import/export): its pages and its
// top-level menu entries, listed by the app shell.
import {
  ApartmentOutlined,
  BankOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FormOutlined,
  NodeIndexOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Need } from '../platform/rights.ts';
import { lazyPage, type WebContext } from '../platform/web-context.ts';
import { Home } from './Home.tsx';
import { registryText } from './i18n.ts';

const AreaTreePage = lazyPage(() => import('./AreaTreePage.tsx'));
const InstitutionList = lazyPage(() => import('./InstitutionList.tsx'));
const InstitutionDetail = lazyPage(() => import('./InstitutionDetail.tsx'));
const NetworksPage = lazyPage(() => import('./NetworksPage.tsx'));
const NetworkPage = lazyPage(() => import('./NetworkPage.tsx'));
const ReportEntry = lazyPage(() => import('./ReportEntry.tsx'));
const PopulationEntry = lazyPage(() => import('./PopulationEntry.tsx'));
const ImportWizard = lazyPage(() => import('./ImportWizard.tsx'));
const ExportPage = lazyPage(() => import('./ExportPage.tsx'));

const READ_AREA: Need = { right: 'readArea' };

export const registry: WebContext = {
  name: 'registry',
  routes: [
    // Home: the area overview, or an institution user's own institution.
    { index: true, page: Home },
    { path: 'areas', page: AreaTreePage, needs: READ_AREA },
    { path: 'institutions', page: InstitutionList, needs: READ_AREA },
    { path: 'institutions/:id', page: InstitutionDetail },
    // Networks of an area; one network is also opened by its members' staff (from their institution's page).
    { path: 'networks', page: NetworksPage, needs: READ_AREA },
    { path: 'networks/:id', page: NetworkPage },
    // Entry pages: read-only users read the same figures on the institution page and the overview.
    { path: 'report', page: ReportEntry, needs: { right: 'writeInstitution' } },
    { path: 'institutions/:id/report/:year', page: ReportEntry, needs: { right: 'writeInstitution' } },
    { path: 'population', page: PopulationEntry, needs: { right: 'writeArea' } },
    { path: 'import', page: ImportWizard, needs: { right: 'writeArea' } },
    { path: 'export', page: ExportPage, needs: READ_AREA },
  ],
  menu: ({ lang }) => {
    const t = registryText(lang);
    return [
      {
        key: '/',
        icon: DashboardOutlined,
        label: t('menuDashboard'),
        needs: { scope: ['platform', 'area', 'institution'] },
      },
      { key: '/areas', icon: ApartmentOutlined, label: t('menuAreas'), needs: READ_AREA },
      { key: '/institutions', icon: BankOutlined, label: t('menuInstitutions'), needs: READ_AREA },
      { key: '/networks', icon: NodeIndexOutlined, label: t('menuNetworks'), needs: READ_AREA },
      { key: '/report', icon: FormOutlined, label: t('menuReport'), needs: { right: 'writeInstitution' } },
      { key: '/population', icon: TeamOutlined, label: t('menuPopulation'), needs: { right: 'writeArea' } },
      { key: '/import', icon: CloudUploadOutlined, label: t('menuImport'), needs: { right: 'writeArea' } },
      { key: '/export', icon: CloudDownloadOutlined, label: t('menuExport'), needs: READ_AREA },
    ];
  },
};
