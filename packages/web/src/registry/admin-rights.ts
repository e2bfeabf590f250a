// Which administration buttons the signed-in user sees: core's predicates, the ones the server's access policy
// asks (`@weijian/core/identity`), judged against the session's user. Codes nest by prefix, which is what
// "inside the scope" means for today's tree; the server still decides (division history, 404 for the unseen).
import { mayWriteArea, mayWriteInstitution, type Principal } from '@weijian/core/identity';
import { useMemo } from 'react';
import { useSession } from '../platform/session.tsx';
import type { User } from '../platform/types.ts';

const within = (code: string, root: string) => code.startsWith(root);

const principalOf = (u: User): Principal => ({
  userId: u.id,
  username: u.username,
  role: u.role,
  scopeAreaCode: u.scopeAreaCode,
  scopeInstitutionId: u.scopeInstitutionId,
});

export interface AdminRights {
  /** Create institutions and networks there, close and reopen institutions, manage networks registered there. */
  writeArea: (code: string) => boolean;
  /** Edit an institution's record (its own staff too, within what they may change). */
  writeInstitution: (inst: { id: number; areaCode: string }) => boolean;
  /** Whether the user may only edit its own institution's name, code and contacts. */
  ownInstitutionOnly: boolean;
}

export function rightsOf(user: User): AdminRights {
  const p = principalOf(user);
  return {
    writeArea: (code) => mayWriteArea(p, code, within),
    writeInstitution: (inst) => mayWriteInstitution(p, inst, within),
    ownInstitutionOnly: user.role === 'institution',
  };
}

export function useAdminRights(): AdminRights {
  const { user } = useSession();
  return useMemo(() => rightsOf(user), [user]);
}
