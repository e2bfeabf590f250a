// The registry (areas, institutions, yearly reports, population, import/export): its pages and its
// top-level menu entries, listed by the app shell.
import {
  ApartmentOutlined,
  BankOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FormOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { WebContext } from '../platform/web-context.ts';
import { registryText } from './i18n.ts';

const Dashboard = lazy(() => import('./Dashboard.tsx'));
const AreaTreePage = lazy(() => import('./AreaTreePage.tsx'));
const InstitutionList = lazy(() => import('./InstitutionList.tsx'));
const InstitutionDetail = lazy(() => import('./InstitutionDetail.tsx'));
const ReportEntry = lazy(() => import('./ReportEntry.tsx'));
const PopulationEntry = lazy(() => import('./PopulationEntry.tsx'));
const ImportWizard = lazy(() => import('./ImportWizard.tsx'));
const ExportPage = lazy(() => import('./ExportPage.tsx'));

export const registry: WebContext = {
  name: 'registry',
  routes: [
    { index: true, page: Dashboard },
    { path: 'areas', page: AreaTreePage },
    { path: 'institutions', page: InstitutionList },
    { path: 'institutions/:id', page: InstitutionDetail },
    { path: 'report', page: ReportEntry },
    { path: 'institutions/:id/report/:year', page: ReportEntry },
    { path: 'population', page: PopulationEntry },
    { path: 'import', page: ImportWizard },
    { path: 'export', page: ExportPage },
  ],
  menu: ({ lang }) => {
    const t = registryText(lang);
    return [
      { key: '/', icon: DashboardOutlined, label: t('menuDashboard') },
      { key: '/areas', icon: ApartmentOutlined, label: t('menuAreas') },
      { key: '/institutions', icon: BankOutlined, label: t('menuInstitutions') },
      { key: '/report', icon: FormOutlined, label: t('menuReport') },
      { key: '/population', icon: TeamOutlined, label: t('menuPopulation') },
      { key: '/import', icon: CloudUploadOutlined, label: t('menuImport') },
      { key: '/export', icon: CloudDownloadOutlined, label: t('menuExport') },
    ];
  },
};
