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
import { lazy } from 'react';
import type { MenuEntry, WebContext } from '../platform/web-context.ts';
import { survText } from './i18n.ts';

const EventList = lazy(() => import('./EventList.tsx'));
const EventDetail = lazy(() => import('./EventDetail.tsx'));
const CaseList = lazy(() => import('./CaseList.tsx'));
const CaseForm = lazy(() => import('./CaseForm.tsx'));
const CaseDetail = lazy(() => import('./CaseDetail.tsx'));
const StreamStatus = lazy(() => import('./StreamStatus.tsx'));
const Settings = lazy(() => import('./Settings.tsx'));
const Evaluation = lazy(() => import('./Evaluation.tsx'));

export const surveillance: WebContext = {
  name: 'surveillance',
  routes: [
    { path: 'surveillance', page: EventList },
    { path: 'surveillance/events/:id', page: EventDetail },
    { path: 'surveillance/cases', page: CaseList },
    { path: 'surveillance/cases/new', page: CaseForm },
    { path: 'surveillance/cases/:id', page: CaseDetail },
    { path: 'surveillance/streams', page: StreamStatus },
    { path: 'surveillance/settings', page: Settings },
    { path: 'surveillance/evaluation', page: Evaluation },
  ],
  // Institution users report cases and see their own reports only (the area-level lists answer 403 for
  // them); read-only users do not report.
  menu: ({ user, lang }) => {
    const t = survText(lang);
    const institution = user.role === 'institution';
    const children: MenuEntry[] = [
      ...(institution ? [] : [{ key: '/surveillance', icon: AlertOutlined, label: t('menuEvents') }]),
      { key: '/surveillance/cases', icon: FileTextOutlined, label: t('menuCases') },
      ...(user.role === 'readonly'
        ? []
        : [{ key: '/surveillance/cases/new', icon: FileAddOutlined, label: t('menuCaseNew') }]),
      ...(institution ? [] : [{ key: '/surveillance/streams', icon: WifiOutlined, label: t('menuStreams') }]),
      { key: '/surveillance/settings', icon: SettingOutlined, label: t('menuSettings') },
      { key: '/surveillance/evaluation', icon: ExperimentOutlined, label: t('menuEvaluation') },
    ];
    return [{ key: 'surveillance', icon: NotificationOutlined, label: t('menuSurveillance'), children }];
  },
};
