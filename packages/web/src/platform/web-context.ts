// What a web context gives the app shell: its pages (routes under the shell) and its side-menu entries. The
// shell only lists contexts (src/contexts.ts); adding one is a folder with an index.ts and a line there.
import type { ComponentType } from 'react';
import type { Lang } from './locale.tsx';
import type { User } from './types.ts';

export interface PageRoute {
  /** Path below the shell, without the leading slash; omitted for the index route. */
  path?: string;
  index?: true;
  /** The page, usually `lazy(() => import('./Page.tsx'))`. */
  page: ComponentType;
  /** Shown to platform administrators only (others see 403). */
  adminOnly?: true;
  /** The page shown alone while the user must replace a password an administrator gave them. */
  passwordChange?: true;
}

export interface MenuEntry {
  /** The path it opens; a submenu's key is its name. */
  key: string;
  icon?: ComponentType;
  label: string;
  children?: MenuEntry[];
}

export interface WebContext {
  name: string;
  routes: PageRoute[];
  /** Entries for this user in this language (role rules live here, not in the shell). */
  menu: (env: { user: User; lang: Lang }) => MenuEntry[];
}
