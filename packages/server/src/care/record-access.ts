// Who may open and who may write a health record (issue 15 §2, CARE-CONTRACT "Access rules"), in one place:
// the residents slice opens records with it, the programmes slice (follow-ups, checks, enrolments) writes with it.
// - the keeper institution's users and the members of a team whose contract covers today: full record, writes;
// - county/city (and read-only) users of the record's area: the record with identifiers masked, no clinical writes;
// - the platform administrator: everything;
// - any other clinician (an institution user, or a member of another team): only by stating a reason
//   (接诊/转诊/会诊), refused with REASON_REQUIRED otherwise, so the web can ask for one and retry;
// - a resident user: none here (their own record comes through /care/me).
// Every opening of a full record is written to care_record_openings and the platform audit log together.
import { OPENING_REASONS, type OpeningReason } from '@weijian/core/care';
import { chinaToday } from '@weijian/core/platform';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Queryable } from '../platform/db.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import type { CareBase } from './base.ts';

/** Why a caller may open a record: their relation to it, or the reason they stated. */
export type OpeningBasis = 'keeper' | 'team' | 'area' | 'admin' | OpeningReason;

/** What record-access needs to know of a record. */
export interface RecordRef {
  countyCode: string;
  id: number;
  areaCode: string;
  keeperInstitutionId: number | null;
}

export interface RecordAccess {
  basis: OpeningBasis;
  /** Clinical writes (follow-ups, checks, enrolments, record content): keeper, contracted team, admin. */
  write: boolean;
  /** The person-index side (demographics, death, move-out, merge): clinical writers and the area's writers. */
  manage: boolean;
  /** 身份证号 and phone decrypted on the single-record read: everyone but area officials. */
  identifiers: boolean;
}

export const RECORD = { zh: '健康档案', en: 'Health record' };

export const REASON_LABELS: Record<OpeningReason, { zh: string; en: string }> = {
  treatment: { zh: '接诊', en: 'treatment' },
  referral: { zh: '转诊', en: 'referral' },
  consultation: { zh: '会诊', en: 'consultation' },
};

export const isOpeningReason = (v: unknown): v is OpeningReason =>
  typeof v === 'string' && (OPENING_REASONS as readonly string[]).includes(v);

/** 403 REASON_REQUIRED: the caller may open the record once they say why (the web asks, then retries). */
export const reasonRequired = () =>
  new AppError('REASON_REQUIRED', {
    zh: '您不是该档案的建档机构或签约团队成员，查看前请说明理由（接诊、转诊或会诊），查看将被记录',
    en: "You are not this record's keeper or contracted team: state a reason (treatment, referral or consultation) to open it; the opening is logged",
  });

/** Ids of the teams `userId` belongs to (lead or member) whose contract with the resident covers `today`. */
export async function contractedTeamOf(
  q: Queryable,
  rec: Pick<RecordRef, 'countyCode' | 'id'>,
  userId: number,
  today: string,
): Promise<number | null> {
  const { rows } = await q.query<{ id: number }>(
    `select t.id::float8 as id
       from care_contracts c join care_teams t on t.county_code = c.county_code and t.id = c.team_id
      where c.county_code = $1 and c.resident_id = $2 and not c.cancelled and not t.closed
        and c.start_date <= $4::date and c.end_date >= $4::date
        and (t.lead_user_id = $3 or exists (select 1 from care_team_members m
              where m.county_code = t.county_code and m.team_id = t.id and m.user_id = $3))
      limit 1`,
    [rec.countyCode, rec.id, userId, today],
  );
  return rows[0]?.id ?? null;
}

/**
 * The caller's standing on the record, without any stated reason: null when they have none (a clinician
 * elsewhere, who must state a reason) — a resident user and callers outside every rule are refused.
 */
export async function standingOn(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  rec: RecordRef,
  q: Queryable = base.db,
): Promise<RecordAccess | null> {
  const p = policy.principal;
  if (policy.isAdmin) return { basis: 'admin', write: true, manage: true, identifiers: true };
  if (p.role === 'resident') throw notFound(RECORD);
  const writer = policy.canWrite;
  if (p.role === 'institution' && p.scopeInstitutionId !== null && p.scopeInstitutionId === rec.keeperInstitutionId) {
    return { basis: 'keeper', write: writer, manage: writer, identifiers: true };
  }
  if ((await contractedTeamOf(q, rec, p.userId, chinaToday())) !== null) {
    return { basis: 'team', write: writer, manage: writer, identifiers: true };
  }
  if (p.scopeAreaCode && (await policy.mayReadArea(rec.areaCode))) {
    return { basis: 'area', write: false, manage: await policy.mayWriteArea(rec.areaCode), identifiers: false };
  }
  return null;
}

/** May this caller state a reason at all: clinicians (institution users) only; area officials elsewhere may not. */
const mayStateReason = (policy: AccessPolicy) => policy.principal.role === 'institution';

/**
 * The access with which the caller opens the full record: their standing, or the reason they stated (a
 * clinician elsewhere). Throws REASON_REQUIRED when a reason is needed and missing; 404 when no reason
 * would do (an area official of another county, a resident): the record's existence does not leak.
 */
export async function accessFor(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  rec: RecordRef,
  reason: OpeningReason | null | undefined,
  q: Queryable = base.db,
): Promise<RecordAccess> {
  const standing = await standingOn(base, policy, rec, q);
  if (standing) return standing;
  if (!mayStateReason(policy)) throw notFound(RECORD);
  if (!reason) throw reasonRequired();
  return { basis: reason, write: false, manage: false, identifiers: true };
}

/** Refuses a clinical write (follow-up, check, enrolment, record content) unless keeper, team or admin. */
export async function requireRecordWrite(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  rec: RecordRef,
  q: Queryable = base.db,
): Promise<RecordAccess> {
  policy.requireWrite();
  const standing = await standingOn(base, policy, rec, q);
  if (!standing) throw notFound(RECORD);
  if (!standing.write) {
    throw forbidden({
      zh: '只有建档机构或签约团队可以修改该档案的随访、体检和管理信息',
      en: "Only the record's keeper institution or contracted team may write its follow-ups, checks and enrolments",
    });
  }
  return standing;
}

/** Refuses a person-index change (demographics, death, move-out, merge) unless a writer of the record's side. */
export async function requireRecordManage(
  base: Pick<CareBase, 'db'>,
  policy: AccessPolicy,
  rec: RecordRef,
  q: Queryable = base.db,
): Promise<RecordAccess> {
  policy.requireWrite();
  const standing = await standingOn(base, policy, rec, q);
  if (!standing) throw notFound(RECORD);
  if (!standing.manage) {
    throw forbidden({
      zh: '只有建档机构、签约团队或所在县区可以修改该档案',
      en: "Only the record's keeper, contracted team or county may change it",
    });
  }
  return standing;
}

/**
 * Logs one opening of the full record: the openings list the resident sees and the platform audit log, in the
 * caller's transaction. Neither holds personal data beyond the record id.
 */
export async function logOpening(
  q: Queryable,
  policy: AccessPolicy,
  rec: Pick<RecordRef, 'countyCode' | 'id' | 'areaCode'>,
  basis: OpeningBasis,
): Promise<void> {
  const p = policy.principal;
  await q.query(
    `insert into care_record_openings (county_code, resident_id, user_id, username, institution_id, basis)
     values ($1, $2, $3, $4, $5, $6)`,
    [rec.countyCode, rec.id, p.userId, p.username, p.scopeInstitutionId, basis],
  );
  await audit(q, policy.actor, {
    action: 'care.record.open',
    entity: 'care_resident',
    entityId: rec.id,
    areaCode: rec.countyCode,
    after: { basis },
  });
}
