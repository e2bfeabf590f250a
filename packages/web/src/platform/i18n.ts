// The context's dictionary, one file per page under i18n/ (texts shared by pages in i18n/shared.ts).

import { appText } from './i18n/app.ts';
import { appShellText } from './i18n/app-shell.ts';
import { auditLogText } from './i18n/audit-log.ts';
import { importErrorTableText } from './i18n/import-error-table.ts';
import { loginPageText } from './i18n/login-page.ts';
import { menuText } from './i18n/menu.ts';
import { pagerText } from './i18n/pager.ts';
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
  ...pagerText,
  ...rightsText,
});

/** The dictionary outside components (menus). */
export function platformText(lang: Lang) {
  return translate(platformMessages, lang);
}

export function usePlatformT() {
  return useMessages(platformMessages);
}
