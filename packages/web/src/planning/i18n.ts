// The context's dictionary, one file per page under i18n/ (texts shared by pages in i18n/shared.ts).
import { defineMessages, type Lang, translate, useMessages } from '../platform/locale.tsx';
import { displayText } from './i18n/display.ts';
import { indicatorPageText } from './i18n/indicator-page.ts';
import { menuText } from './i18n/menu.ts';
import { planDashboardText } from './i18n/plan-dashboard.ts';
import { planImportText } from './i18n/plan-import.ts';
import { planListText } from './i18n/plan-list.ts';
import { reportExportText } from './i18n/report-export.ts';
import { sharedText } from './i18n/shared.ts';
import { standardsPageText } from './i18n/standards-page.ts';
import { targetEditorText } from './i18n/target-editor.ts';
import { tasksPageText } from './i18n/tasks-page.ts';

const planningMessages = defineMessages({
  ...sharedText,
  ...displayText,
  ...indicatorPageText,
  ...menuText,
  ...planDashboardText,
  ...planImportText,
  ...planListText,
  ...reportExportText,
  ...standardsPageText,
  ...targetEditorText,
  ...tasksPageText,
});

export type PlanningKey = keyof typeof planningMessages;

/** The dictionary outside components (menus). */
export function planningText(lang: Lang) {
  return translate(planningMessages, lang);
}

export function usePlanningT() {
  return useMessages(planningMessages);
}
