// The access context's dictionary, one file per page under i18n/.
import { defineMessages, type Lang, translate, useMessages } from '../platform/locale.tsx';
import { mapText } from './i18n/map.ts';
import { placementText } from './i18n/placement.ts';

const accessMessages = defineMessages({ ...mapText, ...placementText });

/** The dictionary outside components (menus). */
export function accessText(lang: Lang) {
  return translate(accessMessages, lang);
}

export function useAccessT() {
  return useMessages(accessMessages);
}
