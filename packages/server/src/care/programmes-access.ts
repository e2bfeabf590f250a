// Who may write a resident's programme data (enrolments, follow-ups, checks) and contracts, as the care contract
// states it: the record's owner side — the keeper institution and the contracted team (its lead and members who
// are platform users) — and the administrator; county users manage contracts in their area; read-only users never
// write. Readers are those plus the area's officials.
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Queryable } from '../platform/db.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import type { ResidentRef } from './programmes-repo.ts';
import { userContractedWith } from './teams-repo.ts';

export type RecordSide = 'admin' | 'keeper' | 'team' | 'area';

export const RESIDENT = { zh: '居民', en: 'Resident' };

/** How the caller stands to the record: null when they are none of admin, keeper, contracted team or area official. */
export async function recordSide(
  q: Queryable,
  policy: AccessPolicy,
  r: ResidentRef,
  today: string,
  extraInstitutions: readonly (number | null)[] = [],
): Promise<RecordSide | null> {
  if (policy.isAdmin) return 'admin';
  const inst = policy.scopeInstitutionId;
  if (inst !== null && (inst === r.keeperInstitutionId || extraInstitutions.includes(inst))) return 'keeper';
  if (await userContractedWith(q, policy.principal.userId, r.countyCode, r.id, today)) return 'team';
  if (policy.scopeAreaCode && policy.role !== 'institution' && (await policy.mayReadArea(r.areaCode))) return 'area';
  return null;
}

const notOwner = {
  zh: '只有建档机构、签约团队成员或管理员可以录入该居民的随访、体检和管理信息',
  en: "Only the record's keeper institution, a member of the contracted team or an administrator may enter this resident's follow-ups, checks and enrolments",
};

/**
 * Writes of programme data: the owner side. An area official outside the resident's area learns nothing (404);
 * one inside, or another institution's clinician, is told who may write (403).
 */
export async function requireProgrammeWriter(
  q: Queryable,
  policy: AccessPolicy,
  r: ResidentRef,
  today: string,
  extraInstitutions: readonly (number | null)[] = [],
): Promise<RecordSide> {
  policy.requireWrite();
  const side = await recordSide(q, policy, r, today, extraInstitutions);
  if (side === null && policy.scopeAreaCode && policy.role !== 'institution') throw notFound(RESIDENT);
  if (side === null || side === 'area') throw forbidden(notOwner);
  return side;
}

/** Reading programme data (enrolments, contracts of a resident): the owner side and the area's officials. */
export async function requireProgrammeReader(
  q: Queryable,
  policy: AccessPolicy,
  r: ResidentRef,
  today: string,
  extraInstitutions: readonly (number | null)[] = [],
): Promise<RecordSide> {
  const side = await recordSide(q, policy, r, today, extraInstitutions);
  if (side === null && policy.scopeAreaCode && policy.role !== 'institution') throw notFound(RESIDENT);
  if (side === null) {
    throw forbidden({
      zh: '该居民不由您的机构建档，也不是您团队的签约居民；请通过档案页说明调阅理由',
      en: "This resident's record is neither kept by your institution nor contracted with your team; open the record stating a reason",
    });
  }
  return side;
}

/** Contracts: the owner side, the team's own institution, and area (county/city) users inside the resident's area. */
export async function requireContractWriter(
  q: Queryable,
  policy: AccessPolicy,
  r: ResidentRef,
  today: string,
  teamInstitutionId: number,
): Promise<void> {
  policy.requireWrite();
  const side = await recordSide(q, policy, r, today, [teamInstitutionId]);
  if (side === 'area') {
    policy.requireRight('writeArea');
    return;
  }
  if (side === null && policy.scopeAreaCode && policy.role !== 'institution') throw notFound(RESIDENT);
  if (side === null) {
    throw forbidden({
      zh: '只有建档机构、签约团队所在机构、本区县用户或管理员可以办理该居民的签约',
      en: "Only the record's keeper, the team's institution, the county's users or an administrator may manage this resident's contracts",
    });
  }
}
