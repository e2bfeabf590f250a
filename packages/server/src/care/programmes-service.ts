// Contracts (签约: start/end, renewal as a new contract, cancellation; one live contract per resident at a time)
// and programme enrolments (纳入管理: one open enrolment per programme and resident, the programmes' entry rules),
// with the key-population flags the records give. Follow-ups and checks are followups-service.ts.
import { addDays, enrolmentRefusal, type KeyFlag, keyPopulation, type Program } from '@weijian/core/care';
import { chinaToday } from '@weijian/core/platform';
import type { z } from 'zod';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import { AppError, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import type { CareBase } from './base.ts';
import type { ContractInput, ContractRenewal, EnrolmentEdit, EnrolmentInput } from './care-wire.ts';
import {
  RESIDENT,
  requireContractWriter,
  requireProgrammeReader,
  requireProgrammeWriter,
} from './programmes-access.ts';
import {
  type ContractRow,
  cancelContract,
  contractById,
  type EnrolmentRow,
  enrolmentById,
  enrolmentsOf,
  insertContract,
  insertEnrolment,
  listContracts,
  overlappingContracts,
  type ResidentRef,
  residentRef,
  updateEnrolment,
} from './programmes-repo.ts';
import { packageById, teamById } from './teams-repo.ts';
import type { TeamsService } from './teams-service.ts';

const CONTRACT = { zh: '签约', en: 'Contract' };
const ENROLMENT = { zh: '管理登记', en: 'Enrolment' };

/** Dates of a resident's life the records must lie within: not in the future, not before birth, not after death. */
export function lifeDateProblems(r: ResidentRef, path: string, date: string, today: string): ErrorDetail[] {
  if (date > today) {
    return [{ path, message: { zh: `日期 ${date} 晚于今天`, en: `Date ${date} is in the future` } }];
  }
  if (date < r.birthDate) {
    return [
      {
        path,
        message: {
          zh: `日期 ${date} 早于出生日期 ${r.birthDate}`,
          en: `Date ${date} is before birth (${r.birthDate})`,
        },
      },
    ];
  }
  if (r.deathDate && date > r.deathDate) {
    return [
      {
        path,
        message: { zh: `日期 ${date} 晚于死亡日期 ${r.deathDate}`, en: `Date ${date} is after death (${r.deathDate})` },
      },
    ];
  }
  return [];
}

export async function liveResident(base: CareBase, id: number): Promise<ResidentRef> {
  const r = await residentRef(base.db, id);
  if (!r) throw notFound(RESIDENT);
  if (r.mergedInto !== null) {
    throw new AppError('CONFLICT', {
      zh: `该档案已合并到居民 ${r.mergedInto}，请在该档案上录入`,
      en: `This record was merged into resident ${r.mergedInto}; enter data there`,
    });
  }
  return r;
}

/** Why a programme's management ended (结案/退出管理), as the 基本公卫 systems record it. */
export const ENROLMENT_END_REASONS = [
  'death',
  'moved-out',
  'lost',
  'refused',
  'excluded',
  'completed',
  'other',
] as const;
export type EnrolmentEndReason = (typeof ENROLMENT_END_REASONS)[number];

export class ProgrammesService {
  constructor(
    readonly base: CareBase,
    readonly teams: TeamsService,
  ) {}

  today(): string {
    return chinaToday();
  }

  // --- contracts ----------------------------------------------------------------------------------------------

  async contracts(
    policy: AccessPolicy,
    q: { residentId?: number; teamId?: number; activeOnly?: boolean },
  ): Promise<{ total: number; items: ContractRow[] }> {
    const today = this.today();
    if (q.residentId !== undefined) {
      const r = await liveOrMerged(this.base, q.residentId);
      await requireProgrammeReader(this.base, policy, r);
      const items = await listContracts(this.base.db, today, { residentId: r.id, activeOnly: q.activeOnly });
      return { total: items.length, items };
    }
    if (q.teamId !== undefined) await this.teams.readable(policy, q.teamId);
    const bounds: { areaPrefix?: string; institutionId?: number } = {};
    if (!policy.isAdmin) {
      policy.requireRight('readInstitution');
      if (policy.scopeAreaCode) bounds.areaPrefix = policy.scopeAreaCode;
      else if (policy.scopeInstitutionId !== null) bounds.institutionId = policy.scopeInstitutionId;
      else policy.require(false);
    }
    // The administrator has no area to bound the list: its contracts are listed per team (the page's filter).
    if (q.teamId === undefined && policy.isAdmin) return { total: 0, items: [] };
    const items = await listContracts(this.base.db, today, { teamId: q.teamId, activeOnly: q.activeOnly, ...bounds });
    return { total: items.length, items };
  }

  async createContract(policy: AccessPolicy, actor: Actor, body: z.infer<typeof ContractInput>): Promise<ContractRow> {
    const r = await liveResident(this.base, body.residentId);
    return this.writeContract(policy, actor, r, {
      teamId: body.teamId,
      packageId: body.packageId ?? null,
      start: body.start,
      end: body.end,
      renewedFrom: null,
    });
  }

  /** A renewal is a new contract with the same team, starting the day after the old one ends unless told. */
  async renewContract(
    policy: AccessPolicy,
    actor: Actor,
    id: number,
    body: z.infer<typeof ContractRenewal>,
  ): Promise<ContractRow> {
    const old = await contractById(this.base.db, this.today(), id);
    if (!old) throw notFound(CONTRACT);
    const r = await liveResident(this.base, old.residentId);
    await requireContractWriter(this.base, policy, r, old.teamInstitutionId);
    if (old.cancelled) {
      throw invalid([
        { path: 'id', message: { zh: '已解约的签约不能续签', en: 'A cancelled contract cannot be renewed' } },
      ]);
    }
    const start = body.start ?? addDays(old.end, 1);
    return this.writeContract(policy, actor, r, {
      teamId: old.teamId,
      packageId: body.packageId === undefined ? old.packageId : body.packageId,
      start,
      end: body.end,
      renewedFrom: old.id,
    });
  }

  async cancelContract(policy: AccessPolicy, actor: Actor, id: number): Promise<ContractRow> {
    const today = this.today();
    const c = await contractById(this.base.db, today, id);
    if (!c) throw notFound(CONTRACT);
    const r = await liveResident(this.base, c.residentId);
    await requireContractWriter(this.base, policy, r, c.teamInstitutionId);
    if (c.cancelled) {
      throw new AppError('CONFLICT', { zh: `签约 ${c.id} 已解约`, en: `Contract ${c.id} is already cancelled` });
    }
    await this.base.db.tx(async (q) => {
      await cancelContract(q, c.countyCode, c.id);
      await audit(q, actor, {
        action: 'care.contract.cancel',
        entity: 'care_contract',
        entityId: c.id,
        areaCode: r.areaCode,
        before: { cancelled: false },
        after: { cancelled: true },
      });
    });
    return (await contractById(this.base.db, today, id))!;
  }

  private async writeContract(
    policy: AccessPolicy,
    actor: Actor,
    r: ResidentRef,
    c: { teamId: number; packageId: number | null; start: string; end: string; renewedFrom: number | null },
  ): Promise<ContractRow> {
    const today = this.today();
    const team = await teamById(this.base.db, c.teamId);
    if (!team || team.countyCode !== r.countyCode) {
      throw invalid([
        {
          path: 'teamId',
          message: {
            zh: `团队 ${c.teamId} 不存在或不在该居民所在县`,
            en: `Team ${c.teamId} does not exist in the resident's county`,
          },
        },
      ]);
    }
    await requireContractWriter(this.base, policy, r, team.institutionId);
    const details: ErrorDetail[] = [];
    if (team.closed) details.push({ path: 'teamId', message: { zh: '该团队已撤销', en: 'The team is closed' } });
    if (c.packageId !== null) {
      const p = await packageById(this.base.db, c.packageId);
      if (!p || p.countyCode !== r.countyCode) {
        details.push({
          path: 'packageId',
          message: { zh: `服务包 ${c.packageId} 不属于该县`, en: `Package ${c.packageId} is not the county's` },
        });
      }
    }
    if (c.end < c.start) {
      details.push({ path: 'end', message: { zh: '结束日期早于开始日期', en: 'The end is before the start' } });
    }
    if (c.start < r.birthDate) {
      details.push({ path: 'start', message: { zh: '开始日期早于出生日期', en: 'The start is before birth' } });
    }
    if (r.deathDate && c.start > r.deathDate) {
      details.push({ path: 'start', message: { zh: '开始日期晚于死亡日期', en: 'The start is after death' } });
    }
    if (details.length) throw invalid(details);
    const id = await this.base.db.tx(async (q) => {
      const clash = await overlappingContracts(q, today, r.countyCode, r.id, c.start, c.end, null);
      if (clash.length) {
        const x = clash[0]!;
        throw new AppError(
          'CONFLICT',
          {
            zh: `该居民已有与此期间重叠的签约（编号 ${x.id}，${x.teamName}，${x.start} 至 ${x.end}）`,
            en: `The resident already has a contract overlapping this period (id ${x.id}, ${x.teamName}, ${x.start} to ${x.end})`,
          },
          [{ path: 'start', message: { zh: `与签约 ${x.id} 重叠`, en: `Overlaps contract ${x.id}` } }],
        );
      }
      const newId = await insertContract(q, { countyCode: r.countyCode, residentId: r.id, ...c });
      await audit(q, actor, {
        action: c.renewedFrom ? 'care.contract.renew' : 'care.contract.create',
        entity: 'care_contract',
        entityId: newId,
        areaCode: r.areaCode,
        after: { residentId: r.id, ...c },
      });
      return newId;
    });
    return (await contractById(this.base.db, today, id))!;
  }

  // --- enrolments ---------------------------------------------------------------------------------------------

  async enrolments(
    policy: AccessPolicy,
    residentId: number,
  ): Promise<{ total: number; items: EnrolmentRow[]; keyFlags: KeyFlag[] }> {
    const today = this.today();
    const r = await liveOrMerged(this.base, residentId);
    const items = await enrolmentsOf(this.base.db, r.countyCode, r.id);
    await requireProgrammeReader(
      this.base,
      policy,
      r,
      items.map((e) => e.institutionId),
    );
    const keyFlags = keyPopulation(
      { id: String(r.id), birthDate: r.birthDate, disabled: r.disabled, poor: r.poor },
      items.map((e) => ({ resident: String(r.id), program: e.program as Program, start: e.start, end: e.end })),
      today,
    );
    return { total: items.length, items, keyFlags };
  }

  async enrol(
    policy: AccessPolicy,
    actor: Actor,
    residentId: number,
    body: z.infer<typeof EnrolmentInput>,
  ): Promise<EnrolmentRow> {
    const today = this.today();
    const r = await liveResident(this.base, residentId);
    await requireProgrammeWriter(this.base, policy, r);
    const details = lifeDateProblems(r, 'start', body.start, today);
    const refusal = enrolmentRefusal({ program: body.program, sex: r.sex, birthDate: r.birthDate, start: body.start });
    if (refusal) details.push({ path: 'program', message: refusal });
    if (body.program !== 'maternal' && (body.lmp || body.deliveryDate)) {
      details.push({
        path: 'lmp',
        message: { zh: '末次月经和分娩日期仅用于孕产妇管理', en: 'LMP and delivery date are for maternal care only' },
      });
    }
    if (body.lmp && body.lmp > body.start) {
      details.push({ path: 'lmp', message: { zh: '末次月经晚于登记日期', en: 'The LMP is after the enrolment' } });
    }
    if (body.deliveryDate) details.push(...lifeDateProblems(r, 'deliveryDate', body.deliveryDate, today));
    await this.checkPeople(body.institutionId ?? null, body.doctorUserId ?? null, details);
    if (details.length) throw invalid(details);
    const institutionId = body.institutionId ?? policy.scopeInstitutionId ?? r.keeperInstitutionId;
    const doctorUserId =
      body.doctorUserId !== undefined
        ? body.doctorUserId
        : policy.role === 'institution'
          ? policy.principal.userId
          : null;
    const id = await this.base.db.tx(async (q) => {
      // One open enrolment per programme: the row lock on the resident's record serialises two clicks of "save".
      await q.query('select 1 from care_residents where county_code = $1 and id = $2 for update', [r.countyCode, r.id]);
      const open = (await enrolmentsOf(q, r.countyCode, r.id)).find(
        (e) => e.program === body.program && (e.end === null || e.end >= body.start),
      );
      if (open) {
        throw new AppError(
          'CONFLICT',
          {
            zh: `该居民已在此项目管理中（登记 ${open.id}，${open.start} 起）`,
            en: `The resident is already enrolled in this programme (enrolment ${open.id}, from ${open.start})`,
          },
          [{ path: 'program', message: { zh: `已有登记 ${open.id}`, en: `Enrolment ${open.id} is open` } }],
        );
      }
      const newId = await insertEnrolment(q, {
        countyCode: r.countyCode,
        residentId: r.id,
        program: body.program,
        start: body.start,
        institutionId,
        doctorUserId,
        lmp: body.lmp ?? null,
        deliveryDate: body.deliveryDate ?? null,
      });
      await audit(q, actor, {
        action: 'care.enrolment.create',
        entity: 'care_enrolment',
        entityId: newId,
        areaCode: r.areaCode,
        after: { residentId: r.id, program: body.program, start: body.start, institutionId, doctorUserId },
      });
      return newId;
    });
    return (await enrolmentById(this.base.db, id))!;
  }

  /** Ends an enrolment (or changes its doctor, institution, delivery date). */
  async editEnrolment(
    policy: AccessPolicy,
    actor: Actor,
    id: number,
    body: z.infer<typeof EnrolmentEdit> & { endReason?: EnrolmentEndReason | null },
  ): Promise<EnrolmentRow> {
    const today = this.today();
    const e = await enrolmentById(this.base.db, id);
    if (!e) throw notFound(ENROLMENT);
    const r = await liveResident(this.base, e.residentId);
    await requireProgrammeWriter(this.base, policy, r, [e.institutionId]);
    const next = {
      countyCode: e.countyCode,
      id: e.id,
      end: body.end === undefined ? e.end : body.end,
      institutionId: body.institutionId === undefined ? e.institutionId : body.institutionId,
      doctorUserId: body.doctorUserId === undefined ? e.doctorUserId : body.doctorUserId,
      deliveryDate: body.deliveryDate === undefined ? e.deliveryDate : body.deliveryDate,
    };
    const details: ErrorDetail[] = [];
    if (next.end !== null) {
      if (next.end < e.start) {
        details.push({
          path: 'end',
          message: { zh: `结束日期早于登记日期 ${e.start}`, en: `The end is before the start (${e.start})` },
        });
      } else details.push(...lifeDateProblems(r, 'end', next.end, today));
    }
    if (body.endReason && next.end === null) {
      details.push({
        path: 'endReason',
        message: { zh: '结案原因须与结束日期一起填写', en: 'An end reason goes with an end date' },
      });
    }
    if (next.deliveryDate && e.program !== 'maternal') {
      details.push({
        path: 'deliveryDate',
        message: { zh: '分娩日期仅用于孕产妇管理', en: 'A delivery date is for maternal care only' },
      });
    }
    await this.checkPeople(
      body.institutionId === undefined ? null : body.institutionId,
      body.doctorUserId === undefined ? null : body.doctorUserId,
      details,
    );
    if (details.length) throw invalid(details);
    await this.base.db.tx(async (q) => {
      await updateEnrolment(q, next);
      await audit(q, actor, {
        action: 'care.enrolment.update',
        entity: 'care_enrolment',
        entityId: e.id,
        areaCode: r.areaCode,
        before: {
          end: e.end,
          institutionId: e.institutionId,
          doctorUserId: e.doctorUserId,
          deliveryDate: e.deliveryDate,
        },
        after: {
          end: next.end,
          institutionId: next.institutionId,
          doctorUserId: next.doctorUserId,
          deliveryDate: next.deliveryDate,
          // the reason of a 结案 lives in the audit trail: the enrolment row keeps only its end date
          ...(body.endReason ? { endReason: body.endReason } : {}),
        },
      });
    });
    return (await enrolmentById(this.base.db, id))!;
  }

  private async checkPeople(institutionId: number | null, doctorUserId: number | null, details: ErrorDetail[]) {
    if (institutionId !== null && !(await this.base.institutions.byIds([institutionId])).has(institutionId)) {
      details.push({
        path: 'institutionId',
        message: { zh: `机构 ${institutionId} 不存在`, en: `Institution ${institutionId} does not exist` },
      });
    }
    if (doctorUserId !== null && !(await this.base.users.byId(doctorUserId))) {
      details.push({
        path: 'doctorUserId',
        message: { zh: `用户 ${doctorUserId} 不存在`, en: `User ${doctorUserId} does not exist` },
      });
    }
  }
}

async function liveOrMerged(base: CareBase, id: number): Promise<ResidentRef> {
  const r = await residentRef(base.db, id);
  if (!r) throw notFound(RESIDENT);
  return r;
}
