// Routes and menu entries of plan monitoring (规划监测), mounted by the app shell.
import {
  AimOutlined,
  CloudUploadOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { usePlanningT } from './i18n.ts';

const PlanList = lazy(() => import('./PlanList.tsx'));
const PlanImport = lazy(() => import('./PlanImport.tsx'));
const PlanDashboard = lazy(() => import('./PlanDashboard.tsx'));
const IndicatorPage = lazy(() => import('./IndicatorPage.tsx'));
const StandardsPage = lazy(() => import('./StandardsPage.tsx'));
const TasksPage = lazy(() => import('./TasksPage.tsx'));

/** Route elements for inside the shell's <Route element={<AppShell />}> (a function, not a component). */
export function planningRoutes() {
  return [
    <Route key="plans" path="plans" element={<PlanList />} />,
    <Route key="plans-import" path="plans/import" element={<PlanImport />} />,
    <Route key="plan" path="plans/:id" element={<PlanDashboard />} />,
    <Route key="plan-indicator" path="plans/:id/indicators/:seq" element={<IndicatorPage />} />,
    <Route key="plan-tasks" path="plans/:id/tasks" element={<TasksPage />} />,
    <Route key="tasks" path="tasks" element={<TasksPage />} />,
    <Route key="standards" path="standards" element={<StandardsPage />} />,
  ];
}

/** The 规划监测 submenu; keys are paths. */
export function usePlanningMenu() {
  const t = usePlanningT();
  return {
    key: 'planning',
    icon: <AimOutlined />,
    label: t('planMonitoring'),
    children: [
      { key: '/plans', icon: <UnorderedListOutlined />, label: t('plans') },
      { key: '/plans/import', icon: <CloudUploadOutlined />, label: t('importPlan') },
      { key: '/standards', icon: <SafetyCertificateOutlined />, label: t('standardsTitle') },
      { key: '/tasks', icon: <ProjectOutlined />, label: t('tasksTitle') },
    ],
  };
}
