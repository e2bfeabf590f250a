// What a page or menu entry needs, judged against the signed-in user's role with core's one table of rights
// (`@weijian/core/identity` ROLE_RIGHTS, the table the server's access policy reads): the shell offers only
// what the user can use, and a page opened by address that the role cannot use says so instead of failing.
import { hasRight, type Right, type ScopeKind, scopeKindOf } from '@weijian/core/identity';
import type { User } from './types.ts';

export type { Right, ScopeKind };

export interface Need {
  /** A right the role must hold (core's ROLE_RIGHTS). */
  right?: Right;
  /** The kinds of scope the page works in (omitted: any). */
  scope?: readonly ScopeKind[];
}

export const scopeKindOfUser = (user: Pick<User, 'role'>): ScopeKind => scopeKindOf(user.role);

export const can = (user: Pick<User, 'role'>, right: Right): boolean => hasRight(user.role, right);

/** Whether `user` may use what needs `need` (nothing needed: everyone). */
export function allows(user: Pick<User, 'role'>, need: Need | undefined): boolean {
  if (!need) return true;
  if (need.right && !can(user, need.right)) return false;
  if (need.scope && !need.scope.includes(scopeKindOfUser(user))) return false;
  return true;
}
