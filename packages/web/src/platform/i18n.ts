// The context's dictionary, one file per page under i18n/ (texts shared by pages in i18n/shared.ts).

import { appText } from './i18n/app.ts';
import { appShellText } from './i18n/app-shell.ts';
import { auditLogText } from './i18n/audit-log.ts';
import { importErrorTableText } from './i18n/import-error-table.ts';
import { loginPageText } from './i18n/login-page.ts';
import { menuText } from './i18n/menu.ts';
import { sharedText } from './i18n/shared.ts';
import { defineMessages, type Lang, translate, useMessages } from './locale.tsx';

const platformMessages = defineMessages({
  ...sharedText,
  ...menuText,
  ...appText,
  ...appShellText,
  ...auditLogText,
  ...importErrorTableText,
  ...loginPageText,
});

/** The dictionary outside components (menus). */
export function platformText(lang: Lang) {
  return translate(platformMessages, lang);
}

export function usePlatformT() {
  return useMessages(platformMessages);
}

/** Audit actions with a label in the dictionary; others show their code. */
export const ACTION_KEYS = {
  action_login: true,
  action_login_failed: true,
  action_logout: true,
  action_institution_create: true,
  action_institution_update: true,
  action_resources_save: true,
  action_population_save: true,
  action_user_create: true,
  action_user_update: true,
  action_import_institutions: true,
  action_import_resources: true,
  action_import_population: true,
  action_demo_create: true,
} as const;
