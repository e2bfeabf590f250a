// The context's dictionary, one file per page under i18n/.
import { defineMessages, type Lang, translate, useMessages } from '../platform/locale.tsx';
import { accountPageText } from './i18n/account-page.ts';
import { menuText } from './i18n/menu.ts';
import { sharedText } from './i18n/shared.ts';
import { userFormText, usersPageText } from './i18n/users-page.ts';

const identityMessages = defineMessages({
  ...sharedText,
  ...menuText,
  ...accountPageText,
  ...usersPageText,
  ...userFormText,
});

export type IdentityKey = keyof typeof identityMessages;

/** The dictionary outside components (menus). */
export function identityText(lang: Lang) {
  return translate(identityMessages, lang);
}

export function useIdentityT() {
  return useMessages(identityMessages);
}
