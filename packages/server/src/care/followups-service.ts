// Follow-ups (随访) and checks (体检/访视): saved by the record's owner side, the follow-up run through core's
// rules of the 规范 (classification when not given, next due date, urgent referral, referral suggested), which
// are stored with it so work lists and indicators read them without re-running anything. The save is a handful
// of indexed statements: the dashboard's "saved → shown within 1 s" budget is spent elsewhere.
import {
  assessFollowup,
  type Classification,
  checkRefusal,
  type FollowupAssessment,
  type Program,
} from '@weijian/core/care';
import type { z } from 'zod';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import { type ErrorDetail, invalid } from '../platform/errors.ts';
import type { CareBase } from './base.ts';
import type { CheckInput, FollowupInput } from './care-wire.ts';
import { requireProgrammeReader, requireProgrammeWriter } from './programmes-access.ts';
import {
  type EnrolmentRow,
  enrolmentsOf,
  insertCheck,
  insertFollowup,
  previousFollowups,
  type ResidentRef,
} from './programmes-repo.ts';
import { lifeDateProblems, liveResident } from './programmes-service.ts';

type Followup = z.infer<typeof FollowupInput>;

export interface SavedFollowup extends FollowupAssessment {
  id: number;
  residentId: number;
  program: Program;
}

export class FollowupsService {
  constructor(
    readonly base: CareBase,
    private readonly today: () => string,
  ) {}

  /** The rules' answer for a follow-up as the form holds it, nothing saved. */
  async assess(policy: AccessPolicy, body: Followup): Promise<FollowupAssessment> {
    const { r, enrolment } = await this.prepare(policy, body, requireProgrammeReader);
    return this.rules(r, enrolment, body);
  }

  /** The resident, the caller's standing (read or write) and the enrolment the follow-up belongs to. */
  private async prepare(
    policy: AccessPolicy,
    body: Followup,
    require: typeof requireProgrammeReader | typeof requireProgrammeWriter,
  ) {
    const today = this.today();
    const r = await liveResident(this.base, body.residentId);
    const enrolments = await enrolmentsOf(this.base.db, r.countyCode, r.id);
    await require(this.base, policy, r, enrolments.map((e) => e.institutionId));
    return { r, enrolment: this.check(r, enrolments, body, today) };
  }

  async save(policy: AccessPolicy, actor: Actor, body: Followup): Promise<SavedFollowup> {
    const { r, enrolment } = await this.prepare(policy, body, requireProgrammeWriter);
    const a = await this.rules(r, enrolment, body);
    const id = await this.base.db.tx(async (q) => {
      const newId = await insertFollowup(q, {
        countyCode: r.countyCode,
        residentId: r.id,
        program: body.program,
        date: body.date,
        mode: body.mode,
        sbp: body.sbp ?? null,
        dbp: body.dbp ?? null,
        fbg: body.fbg ?? null,
        weightKg: body.weightKg ?? null,
        heightCm: body.heightCm ?? null,
        medication: body.medication ?? null,
        classification: a.classification,
        nextDue: a.nextDue,
        urgent: a.urgent,
        referralSuggested: a.referralSuggested,
        institutionId: policy.scopeInstitutionId ?? enrolment.institutionId,
        doctorUserId: policy.principal.userId,
        note: body.note ?? null,
      });
      // The audit names the visit, not its readings: health data stays in its own table.
      await audit(q, actor, {
        action: 'care.followup.create',
        entity: 'care_followup',
        entityId: newId,
        areaCode: r.areaCode,
        after: { residentId: r.id, program: body.program, date: body.date, mode: body.mode, urgent: a.urgent },
      });
      return newId;
    });
    return { id, residentId: r.id, program: body.program, ...a };
  }

  async saveCheck(
    policy: AccessPolicy,
    actor: Actor,
    body: z.infer<typeof CheckInput>,
  ): Promise<{ id: number; residentId: number; type: string; date: string; complete: boolean }> {
    const today = this.today();
    const r = await liveResident(this.base, body.residentId);
    const enrolments = await enrolmentsOf(this.base.db, r.countyCode, r.id);
    await requireProgrammeWriter(
      this.base,
      policy,
      r,
      enrolments.map((e) => e.institutionId),
    );
    const details = lifeDateProblems(r, 'date', body.date, today);
    const refusal = checkRefusal({ type: body.type, sex: r.sex, birthDate: r.birthDate, date: body.date });
    if (refusal) details.push({ path: 'type', message: refusal });
    if (details.length) throw invalid(details);
    const institutionId = policy.scopeInstitutionId ?? r.keeperInstitutionId;
    const id = await this.base.db.tx(async (q) => {
      const newId = await insertCheck(q, {
        countyCode: r.countyCode,
        residentId: r.id,
        type: body.type,
        date: body.date,
        complete: body.complete,
        institutionId,
        doctorUserId: policy.principal.userId,
        note: body.note ?? null,
      });
      await audit(q, actor, {
        action: 'care.check.create',
        entity: 'care_check',
        entityId: newId,
        areaCode: r.areaCode,
        after: { residentId: r.id, type: body.type, date: body.date, complete: body.complete },
      });
      return newId;
    });
    return { id, residentId: r.id, type: body.type, date: body.date, complete: body.complete };
  }

  /** The enrolment the follow-up belongs to; every problem of the form named by its field. */
  private check(r: ResidentRef, enrolments: EnrolmentRow[], body: Followup, today: string): EnrolmentRow {
    const details: ErrorDetail[] = lifeDateProblems(r, 'date', body.date, today);
    const enrolment = enrolments.find(
      (e) => e.program === body.program && e.start <= body.date && (e.end === null || e.end >= body.date),
    );
    if (!enrolment && !details.length) {
      details.push({
        path: 'program',
        message: {
          zh: `该居民在 ${body.date} 不在此项目管理中，请先登记`,
          en: `The resident is not enrolled in this programme on ${body.date}; enrol them first`,
        },
      });
    }
    if ((body.sbp == null) !== (body.dbp == null)) {
      details.push({
        path: body.sbp == null ? 'sbp' : 'dbp',
        message: { zh: '收缩压和舒张压需同时填写', en: 'Enter both systolic and diastolic pressure' },
      });
    }
    if (body.sbp != null && body.dbp != null && body.sbp <= body.dbp) {
      details.push({ path: 'dbp', message: { zh: '舒张压应低于收缩压', en: 'Diastolic must be below systolic' } });
    }
    if (body.program === 'hypertension' && body.sbp == null && body.mode !== 'phone' && !body.classification) {
      details.push({
        path: 'sbp',
        message: { zh: '面访需填写血压', en: 'A face-to-face visit records the blood pressure' },
      });
    }
    if (body.program === 'diabetes' && body.fbg == null && body.mode !== 'phone' && !body.classification) {
      details.push({
        path: 'fbg',
        message: { zh: '面访需填写空腹血糖', en: 'A face-to-face visit records the fasting glucose' },
      });
    }
    if (details.length) throw invalid(details);
    return enrolment!;
  }

  private async rules(r: ResidentRef, enrolment: EnrolmentRow, body: Followup): Promise<FollowupAssessment> {
    const previous = await previousFollowups(this.base.db, r.countyCode, r.id, body.program, body.date);
    return assessFollowup({
      program: body.program,
      date: body.date,
      mode: body.mode,
      sbp: body.sbp ?? null,
      dbp: body.dbp ?? null,
      fbg: body.fbg ?? null,
      classification: body.classification ?? null,
      previous: previous.map((p) => ({ date: p.date, classification: p.classification as Classification | null })),
      enrolmentStart: enrolment.start,
    });
  }
}
