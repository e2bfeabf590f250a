// What a web context gives the app shell: its pages (routes under the shell) and its side-menu entries. The
// shell only lists contexts (src/contexts.ts); adding one is a folder with an index.ts and a line there.
import { type ComponentType, lazy } from 'react';
import type { Lang } from './locale.tsx';
import { allows, type Need } from './rights.ts';
import type { User } from './types.ts';

export interface PageRoute {
  /** Path below the shell, without the leading slash; omitted for the index route. */
  path?: string;
  index?: true;
  /** The page, usually `lazyPage(() => import('./Page.tsx'))`. */
  page: PageComponent;
  /** Shown to platform administrators only (others see 403); the same as `needs: { right: 'administer' }`. */
  adminOnly?: true;
  /** What the page needs (a right of the role, a kind of scope); others opening it are told why not. */
  needs?: Need;
  /** The page shown alone while the user must replace a password an administrator gave them. */
  passwordChange?: true;
}

/** A page component that can be fetched ahead of rendering (see `lazyPage`). */
export type PageComponent = ComponentType & { preload?: () => Promise<unknown> };

/**
 * `React.lazy` plus `preload()`: the shell fetches the chunk of the page a reload lands on while it is still
 * asking who is signed in, instead of after (one round trip less before the page paints).
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): PageComponent {
  const Page: PageComponent = lazy(load);
  Page.preload = load;
  return Page;
}

export interface MenuEntry {
  /** The path it opens; a submenu's key is its name. */
  key: string;
  icon?: ComponentType;
  label: string;
  /** Offered only to users whose role and scope allow it (`needs` of the page it opens, usually). */
  needs?: Need;
  children?: MenuEntry[];
}

export interface WebContext {
  name: string;
  routes: PageRoute[];
  /**
   * Entries in this language; the shell drops those whose `needs` the user does not meet (and a submenu left
   * empty), so role rules are declared per entry from core's rights rather than written here.
   */
  menu: (env: { user: User; lang: Lang }) => MenuEntry[];
}

/** The menu `user` sees: every context's entries that the user's role and scope allow, empty submenus dropped. */
export function menuOf(contexts: WebContext[], env: { user: User; lang: Lang }): MenuEntry[] {
  const visible = (entries: MenuEntry[]): MenuEntry[] =>
    entries
      .filter((e) => allows(env.user, e.needs))
      .map((e) => (e.children ? { ...e, children: visible(e.children) } : e))
      .filter((e) => !e.children || e.children.length > 0);
  return visible(contexts.flatMap((c) => c.menu(env)));
}
