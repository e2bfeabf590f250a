// The context's dictionary, one file per page under i18n/ (texts shared by pages in i18n/shared.ts).

import { appText } from './i18n/app.ts';
import { appShellText } from './i18n/app-shell.ts';
import { auditLogText } from './i18n/audit-log.ts';
import { importErrorTableText } from './i18n/import-error-table.ts';
import { loginPageText } from './i18n/login-page.ts';
import { menuText } from './i18n/menu.ts';
import { rightsText } from './i18n/rights.ts';
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
  ...rightsText,
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
  action_login_lockout: true,
  action_login_throttled: true,
  action_password_change: true,
  action_password_change_failed: true,
  action_user_password_reset: true,
  action_user_activate: true,
  action_user_deactivate: true,
  action_case_create: true,
  action_case_correct: true,
  action_case_delete: true,
  action_case_read: true,
  action_case_lookup: true,
  action_disease_create: true,
  action_disease_update: true,
  action_stream_create: true,
  action_stream_update: true,
  action_stream_ingest: true,
  action_surveillance_run: true,
  action_event_assign: true,
  action_event_note: true,
  action_event_transition: true,
  action_plan_create: true,
  action_plan_revise: true,
  action_plan_target: true,
  action_standard_update: true,
  action_report_export: true,
  action_task_create: true,
  action_task_update: true,
  action_task_delete: true,
  action_task_import: true,
  action_task_progress: true,
  action_demo_reset: true,
} as const;
