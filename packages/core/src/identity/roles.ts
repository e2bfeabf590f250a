// Roles and scopes: who may read or write which part of the service system.
import type { Bilingual } from '../platform/text.ts';

export const ROLES = ['admin', 'city', 'county', 'institution', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { zh: '平台管理员', en: 'Platform administrator' },
  city: { zh: '市级用户', en: 'City user' },
  county: { zh: '县区级用户', en: 'County user' },
  institution: { zh: '机构用户', en: 'Institution user' },
  readonly: { zh: '只读用户', en: 'Read-only user' },
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

export const canWrite = (p: Principal): boolean => p.role !== 'readonly';
export const isAdmin = (p: Principal): boolean => p.role === 'admin';

/**
 * Whether the caller may see facts of the area `code`. `within(code, root)` answers subtree membership
 * (it knows about division changes); institution users see no area-level data, only their institution.
 */
export function mayReadArea(p: Principal, code: string, within: (code: string, root: string) => boolean): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'institution' || !p.scopeAreaCode) return false;
  return within(code, p.scopeAreaCode);
}

export function mayReadInstitution(
  p: Principal,
  inst: { id: number; areaCode: string },
  within: (code: string, root: string) => boolean,
): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'institution') return p.scopeInstitutionId === inst.id;
  return !!p.scopeAreaCode && within(inst.areaCode, p.scopeAreaCode);
}

export function mayWriteInstitution(
  p: Principal,
  inst: { id: number; areaCode: string },
  within: (code: string, root: string) => boolean,
): boolean {
  return canWrite(p) && mayReadInstitution(p, inst, within);
}

/** Creating institutions and editing population are area-level acts: institution users cannot. */
export function mayWriteArea(p: Principal, code: string, within: (code: string, root: string) => boolean): boolean {
  return canWrite(p) && mayReadArea(p, code, within);
}
