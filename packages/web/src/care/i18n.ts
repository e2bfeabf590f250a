// The care context's dictionary, one file per page group under i18n/ (texts shared by pages in i18n/shared.ts).
import { defineMessages, type Lang, translate, useMessages } from '../platform/locale.tsx';
import { followupFormText } from './i18n/followup-form.ts';
import { managementText } from './i18n/management.ts';
import { menuText } from './i18n/menu.ts';
import { recordActionsText } from './i18n/record-actions.ts';
import { residentsText } from './i18n/residents.ts';
import { sharedText } from './i18n/shared.ts';
import { worklistText } from './i18n/worklist.ts';

const careMessages = defineMessages({
  ...sharedText,
  ...followupFormText,
  ...managementText,
  ...menuText,
  ...recordActionsText,
  ...residentsText,
  ...worklistText,
});

export type CareKey = keyof typeof careMessages;

/** The dictionary outside components (menus). */
export function careText(lang: Lang) {
  return translate(careMessages, lang);
}

export function useCareT() {
  return useMessages(careMessages);
}

/** Keys looked up by a code: `program_hypertension`, `check_elderly_annual`, `basis_team`. */
export const codeKey = (prefix: string, code: string) => `${prefix}_${code.replace(/-/g, '_')}` as CareKey;
