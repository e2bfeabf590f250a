// Routes and menu entries of infectious-disease early warning (传染病预警), mounted by the app shell.
import {
  AlertOutlined,
  ExperimentOutlined,
  FileAddOutlined,
  FileTextOutlined,
  NotificationOutlined,
  SettingOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import { Route } from 'react-router-dom';
import { useSession } from '../platform/session.tsx';
import { useSurvT } from './i18n.ts';

const EventList = lazy(() => import('./EventList.tsx'));
const EventDetail = lazy(() => import('./EventDetail.tsx'));
const CaseList = lazy(() => import('./CaseList.tsx'));
const CaseForm = lazy(() => import('./CaseForm.tsx'));
const CaseDetail = lazy(() => import('./CaseDetail.tsx'));
const StreamStatus = lazy(() => import('./StreamStatus.tsx'));
const Settings = lazy(() => import('./Settings.tsx'));
const Evaluation = lazy(() => import('./Evaluation.tsx'));

/** Route elements for inside the shell's <Route element={<AppShell />}> (a function, not a component). */
export function surveillanceRoutes() {
  return [
    <Route key="surv" path="surveillance" element={<EventList />} />,
    <Route key="surv-event" path="surveillance/events/:id" element={<EventDetail />} />,
    <Route key="surv-cases" path="surveillance/cases" element={<CaseList />} />,
    <Route key="surv-case-new" path="surveillance/cases/new" element={<CaseForm />} />,
    <Route key="surv-case" path="surveillance/cases/:id" element={<CaseDetail />} />,
    <Route key="surv-streams" path="surveillance/streams" element={<StreamStatus />} />,
    <Route key="surv-settings" path="surveillance/settings" element={<Settings />} />,
    <Route key="surv-evaluation" path="surveillance/evaluation" element={<Evaluation />} />,
  ];
}

/**
 * The 传染病预警 submenu; keys are paths. Institution users report cases and see their own reports only
 * (the area-level lists answer 403 for them); read-only users do not report.
 */
export function useSurveillanceMenu() {
  const t = useSurvT();
  const { user } = useSession();
  const institution = user.role === 'institution';
  const children = [
    ...(institution ? [] : [{ key: '/surveillance', icon: <AlertOutlined />, label: t('menuEvents') }]),
    { key: '/surveillance/cases', icon: <FileTextOutlined />, label: t('menuCases') },
    ...(user.role === 'readonly'
      ? []
      : [{ key: '/surveillance/cases/new', icon: <FileAddOutlined />, label: t('menuCaseNew') }]),
    ...(institution ? [] : [{ key: '/surveillance/streams', icon: <WifiOutlined />, label: t('menuStreams') }]),
    { key: '/surveillance/settings', icon: <SettingOutlined />, label: t('menuSettings') },
    { key: '/surveillance/evaluation', icon: <ExperimentOutlined />, label: t('menuEvaluation') },
  ];
  return { key: 'surveillance', icon: <NotificationOutlined />, label: t('menuSurveillance'), children };
}
