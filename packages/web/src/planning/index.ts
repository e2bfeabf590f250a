// Plan monitoring (规划监测): its pages and its submenu, listed by the app shell.
import {
  AimOutlined,
  CloudUploadOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Need } from '../platform/rights.ts';
import { lazyPage, type WebContext } from '../platform/web-context.ts';
import { planningText } from './i18n.ts';

const PlanList = lazyPage(() => import('./PlanList.tsx'));
const PlanImport = lazyPage(() => import('./PlanImport.tsx'));
const PlanDashboard = lazyPage(() => import('./PlanDashboard.tsx'));
const IndicatorPage = lazyPage(() => import('./IndicatorPage.tsx'));
const StandardsPage = lazyPage(() => import('./StandardsPage.tsx'));
const TasksPage = lazyPage(() => import('./TasksPage.tsx'));

// Plans, targets, standards and tasks are area-level: institution users have none of them.
const READ_AREA: Need = { right: 'readArea' };

export const planning: WebContext = {
  name: 'planning',
  routes: [
    { path: 'plans', page: PlanList, needs: READ_AREA },
    { path: 'plans/import', page: PlanImport, needs: { right: 'writeArea' } },
    { path: 'plans/:id', page: PlanDashboard, needs: READ_AREA },
    { path: 'plans/:id/indicators/:seq', page: IndicatorPage, needs: READ_AREA },
    { path: 'plans/:id/tasks', page: TasksPage, needs: READ_AREA },
    { path: 'tasks', page: TasksPage, needs: READ_AREA },
    { path: 'standards', page: StandardsPage, needs: READ_AREA },
  ],
  menu: ({ lang }) => {
    const t = planningText(lang);
    return [
      {
        key: 'planning',
        icon: AimOutlined,
        label: t('planMonitoring'),
        children: [
          { key: '/plans', icon: UnorderedListOutlined, label: t('plans'), needs: READ_AREA },
          { key: '/plans/import', icon: CloudUploadOutlined, label: t('importPlan'), needs: { right: 'writeArea' } },
          { key: '/standards', icon: SafetyCertificateOutlined, label: t('standardsTitle'), needs: READ_AREA },
          { key: '/tasks', icon: ProjectOutlined, label: t('tasksTitle'), needs: READ_AREA },
        ],
      },
    ];
  },
};
