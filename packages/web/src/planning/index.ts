// Plan monitoring (规划监测): its pages and its submenu, listed by the app shell.
import {
  AimOutlined,
  CloudUploadOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { WebContext } from '../platform/web-context.ts';
import { planningText } from './i18n.ts';

const PlanList = lazy(() => import('./PlanList.tsx'));
const PlanImport = lazy(() => import('./PlanImport.tsx'));
const PlanDashboard = lazy(() => import('./PlanDashboard.tsx'));
const IndicatorPage = lazy(() => import('./IndicatorPage.tsx'));
const StandardsPage = lazy(() => import('./StandardsPage.tsx'));
const TasksPage = lazy(() => import('./TasksPage.tsx'));

export const planning: WebContext = {
  name: 'planning',
  routes: [
    { path: 'plans', page: PlanList },
    { path: 'plans/import', page: PlanImport },
    { path: 'plans/:id', page: PlanDashboard },
    { path: 'plans/:id/indicators/:seq', page: IndicatorPage },
    { path: 'plans/:id/tasks', page: TasksPage },
    { path: 'tasks', page: TasksPage },
    { path: 'standards', page: StandardsPage },
  ],
  menu: ({ lang }) => {
    const t = planningText(lang);
    return [
      {
        key: 'planning',
        icon: AimOutlined,
        label: t('planMonitoring'),
        children: [
          { key: '/plans', icon: UnorderedListOutlined, label: t('plans') },
          { key: '/plans/import', icon: CloudUploadOutlined, label: t('importPlan') },
          { key: '/standards', icon: SafetyCertificateOutlined, label: t('standardsTitle') },
          { key: '/tasks', icon: ProjectOutlined, label: t('tasksTitle') },
        ],
      },
    ];
  },
};
