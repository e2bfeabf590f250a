// The context's dictionary, one file per page under i18n/ (texts shared by pages in i18n/shared.ts).
import { defineMessages, type Lang, translate, useMessages } from '../platform/locale.tsx';
import { areaTreePageText } from './i18n/area-tree-page.ts';
import { dashboardText } from './i18n/dashboard.ts';
import { exportPageText } from './i18n/export-page.ts';
import { importWizardText } from './i18n/import-wizard.ts';
import { institutionAdminText } from './i18n/institution-admin.ts';
import { institutionDetailText } from './i18n/institution-detail.ts';
import { institutionHomeText } from './i18n/institution-home.ts';
import { institutionListText } from './i18n/institution-list.ts';
import { menuText } from './i18n/menu.ts';
import { networksText } from './i18n/networks.ts';
import { populationEntryText } from './i18n/population-entry.ts';
import { reportEntryText } from './i18n/report-entry.ts';
import { sharedText } from './i18n/shared.ts';

const registryMessages = defineMessages({
  ...sharedText,
  ...menuText,
  ...areaTreePageText,
  ...dashboardText,
  ...exportPageText,
  ...importWizardText,
  ...institutionAdminText,
  ...institutionDetailText,
  ...institutionHomeText,
  ...institutionListText,
  ...networksText,
  ...populationEntryText,
  ...reportEntryText,
});

/** The dictionary outside components (menus). */
export function registryText(lang: Lang) {
  return translate(registryMessages, lang);
}

export function useRegistryT() {
  return useMessages(registryMessages);
}
