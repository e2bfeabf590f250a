// Roles and scopes: who may read or write which part of the service system.
import type { Bilingual } from '../platform/text.ts';

export const ROLES = ['admin', 'city', 'county', 'institution', 'readonly', 'resident'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { zh: '平台管理员', en: 'Platform administrator' },
  city: { zh: '市级用户', en: 'City user' },
  county: { zh: '县区级用户', en: 'County user' },
  institution: { zh: '机构用户', en: 'Institution user' },
  readonly: { zh: '只读用户', en: 'Read-only user' },
  resident: { zh: '居民', en: 'Resident' },
};

/** The signed-in caller as every service sees it. */
export interface Principal {
  userId: number;
  username: string;
  role: Role;
  /** Root of the area subtree the caller may see; null for admin and institution users. */
  scopeAreaCode: string | null;
  /** The one institution an institution user may see. */
  scopeInstitutionId: number | null;
  /** Set until the user replaces a password an administrator gave them: the API then answers little else. */
  mustChangePassword?: boolean;
}

/**
 * What each role may do, before its scope narrows it: the one table the server's access policy and the web's
 * menus and controls both read (the web hides what a role lacks; the server refuses it).
 * - `readArea` / `writeArea`: area-level data (the tree, summaries, population, plans, signals) of the scope;
 * - `readInstitution` / `writeInstitution`: institution records and their yearly reports within the scope
 *   (an institution user's scope is their one institution);
 * - `configure`: the city's detector settings, data streams and on-demand runs;
 * - `administer`: accounts, the audit log and platform-wide settings.
 */
export const RIGHTS = [
  'readArea',
  'writeArea',
  'readInstitution',
  'writeInstitution',
  'configure',
  'administer',
] as const;
export type Right = (typeof RIGHTS)[number];

export const ROLE_RIGHTS: Record<Role, readonly Right[]> = {
  admin: RIGHTS,
  city: ['readArea', 'writeArea', 'readInstitution', 'writeInstitution', 'configure'],
  county: ['readArea', 'writeArea', 'readInstitution', 'writeInstitution'],
  institution: ['readInstitution', 'writeInstitution'],
  readonly: ['readArea', 'readInstitution'],
  // A resident sees their own health record and who opened it (the care context's /care/me), nothing else.
  resident: [],
};

export const hasRight = (role: Role, right: Right): boolean => ROLE_RIGHTS[role].includes(right);

/** The kind of scope a role works in: everything, an area subtree, one institution, or one's own record. */
export type ScopeKind = 'platform' | 'area' | 'institution' | 'self';
export const scopeKindOf = (role: Role): ScopeKind =>
  role === 'admin' ? 'platform' : role === 'institution' ? 'institution' : role === 'resident' ? 'self' : 'area';

/** Any write at all (read-only users have none). */
export const canWrite = (p: Principal): boolean =>
  hasRight(p.role, 'writeArea') || hasRight(p.role, 'writeInstitution');
export const isAdmin = (p: Principal): boolean => hasRight(p.role, 'administer');

/**
 * Whether the caller may see facts of the area `code`. `within(code, root)` answers subtree membership
 * (it knows about division changes); institution users see no area-level data, only their institution.
 */
export function mayReadArea(p: Principal, code: string, within: (code: string, root: string) => boolean): boolean {
  if (!hasRight(p.role, 'readArea')) return false;
  if (scopeKindOf(p.role) === 'platform') return true;
  return !!p.scopeAreaCode && within(code, p.scopeAreaCode);
}

export function mayReadInstitution(
  p: Principal,
  inst: { id: number; areaCode: string },
  within: (code: string, root: string) => boolean,
): boolean {
  if (!hasRight(p.role, 'readInstitution')) return false;
  const kind = scopeKindOf(p.role);
  if (kind === 'platform') return true;
  if (kind === 'institution') return p.scopeInstitutionId === inst.id;
  return !!p.scopeAreaCode && within(inst.areaCode, p.scopeAreaCode);
}

export function mayWriteInstitution(
  p: Principal,
  inst: { id: number; areaCode: string },
  within: (code: string, root: string) => boolean,
): boolean {
  return hasRight(p.role, 'writeInstitution') && mayReadInstitution(p, inst, within);
}

/** Creating institutions and editing population are area-level acts: institution users cannot. */
export function mayWriteArea(p: Principal, code: string, within: (code: string, root: string) => boolean): boolean {
  return hasRight(p.role, 'writeArea') && mayReadArea(p, code, within);
}
