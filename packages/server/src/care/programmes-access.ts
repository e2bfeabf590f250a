// Who may write a resident's programme data (enrolments, follow-ups, checks) and contracts. The record rules are
// record-access.ts's (the keeper institution, the contracted team, the area's officials, the administrator; other
// clinicians only with a stated reason): programme writes are clinical writes; two additions belong to
// programmes — the institution managing an enrolment writes its follow-ups as the keeper does, and a team's own
// institution signs residents with its team.
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { CareBase } from './base.ts';
import type { ResidentRef } from './programmes-repo.ts';
import { accessFor, type RecordRef, requireRecordManage, requireRecordWrite } from './record-access.ts';

export const RESIDENT = { zh: '居民', en: 'Resident' };

const recordOf = (r: ResidentRef): RecordRef => ({
  countyCode: r.countyCode,
  id: r.id,
  areaCode: r.areaCode,
  keeperInstitutionId: r.keeperInstitutionId,
});

/** An institution user of one of these institutions (an enrolment's managing institution, a team's). */
const ofInstitution = (policy: AccessPolicy, institutions: readonly (number | null)[]) =>
  policy.role === 'institution' &&
  policy.scopeInstitutionId !== null &&
  institutions.includes(policy.scopeInstitutionId);

/** Enrolments, follow-ups and checks: clinical writes (keeper, contracted team, administrator; 404 without standing). */
export async function requireProgrammeWriter(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  r: ResidentRef,
  managing: readonly (number | null)[] = [],
): Promise<void> {
  if (ofInstitution(policy, managing)) {
    policy.requireWrite();
    return;
  }
  await requireRecordWrite(base, policy, recordOf(r));
}

/**
 * Reading programme data (enrolments, the follow-up preview): anyone with standing on the record; a clinician
 * elsewhere is asked for a reason (403 REASON_REQUIRED: the record page opens it with one).
 */
export async function requireProgrammeReader(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  r: ResidentRef,
  managing: readonly (number | null)[] = [],
): Promise<void> {
  if (ofInstitution(policy, managing)) return;
  await accessFor(base, policy, recordOf(r), null);
}

/** Contracts: the record's managers (keeper, contracted team, the area's writers) and the team's own institution. */
export async function requireContractWriter(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  r: ResidentRef,
  teamInstitutionId: number,
): Promise<void> {
  if (ofInstitution(policy, [teamInstitutionId])) {
    policy.requireWrite();
    return;
  }
  await requireRecordManage(base, policy, recordOf(r));
}
