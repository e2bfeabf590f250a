// Language of the UI: Chinese by default, English on request, remembered in localStorage. Each context keeps
// its strings in its own dictionary (i18n.ts in its folder, one file per page under i18n/) built with
// defineMessages, each key with its Chinese and English side by side.
import type { Bilingual } from '@weijian/core/platform';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'weijian.lang';

/** Read by the API client to send Accept-Language, so server messages come in the same language. */
let currentLang: Lang = readStoredLang();

export function getLang(): Lang {
  return currentLang;
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface LocaleState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LocaleContext = createContext<LocaleState>({ lang: 'zh', setLang: () => {} });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const setLang = useCallback((next: Lang) => {
    currentLang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export type Vars = Record<string, string | number>;

function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A context's dictionary: each key with its two languages side by side. */
export type Messages<K extends string> = Record<K, Bilingual>;

export function defineMessages<K extends string>(dict: Messages<K>): Messages<K> {
  return dict;
}

/** `t(key, vars)` in a given language, for code outside components (menus built from the session). */
export function translate<K extends string>(dict: Messages<K>, lang: Lang) {
  return (key: K, vars?: Vars) => fill(dict[key][lang], vars);
}

/** `t(key, vars)` in the current language, for one context's dictionary. */
export function useMessages<K extends string>(dict: Messages<K>) {
  const { lang } = useLocale();
  return useCallback((key: K, vars?: Vars) => fill(dict[key][lang], vars), [dict, lang]);
}

/** Label of a field or code the API describes as `{zh, en}` (or `{name}` / `{label}`). */
export function useLabel() {
  const { lang } = useLocale();
  return useCallback(
    (item: { zh?: string; en?: string; name?: string; label?: string } | null | undefined): string => {
      if (!item) return '';
      return (lang === 'en' ? item.en : item.zh) ?? item.zh ?? item.name ?? item.label ?? '';
    },
    [lang],
  );
}
