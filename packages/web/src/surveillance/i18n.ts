// The context's dictionary, one file per page under i18n/ (texts shared by pages in i18n/shared.ts).
import { defineMessages, type Lang, translate, useMessages } from '../platform/locale.tsx';
import { caseDetailText } from './i18n/case-detail.ts';
import { caseFormText } from './i18n/case-form.ts';
import { caseListText } from './i18n/case-list.ts';
import { evaluationText } from './i18n/evaluation.ts';
import { eventDetailText } from './i18n/event-detail.ts';
import { eventListText } from './i18n/event-list.ts';
import { eventMapText } from './i18n/event-map.ts';
import { kpiBarText } from './i18n/kpi-bar.ts';
import { menuText } from './i18n/menu.ts';
import { settingsText } from './i18n/settings.ts';
import { sharedText } from './i18n/shared.ts';
import { sheetImportText } from './i18n/sheet-import.ts';
import { streamStatusText } from './i18n/stream-status.ts';
import { tagsText } from './i18n/tags.ts';

const survMessages = defineMessages({
  ...sharedText,
  ...caseDetailText,
  ...caseFormText,
  ...caseListText,
  ...evaluationText,
  ...eventDetailText,
  ...eventListText,
  ...eventMapText,
  ...kpiBarText,
  ...menuText,
  ...settingsText,
  ...sheetImportText,
  ...streamStatusText,
  ...tagsText,
});

/** The dictionary outside components (menus). */
export function survText(lang: Lang) {
  return translate(survMessages, lang);
}

export function useSurvT() {
  return useMessages(survMessages);
}
