// Administering networks (医联体): creating one in a county, editing its name, kind and lead, adding and
// removing members, deleting an empty one. A network belongs to the county it is registered in, so
// managing it is an area-level act there (a county user manages its county's networks, a city user its
// city's); each member must also be within the caller's write scope. Every change runs in one transaction
// with its audit entry; every refusal of the input is a 422 naming the field, all of them at once.
import { leadProblem, memberProblem, memberReach, type NetworkType, validateNetwork } from '@weijian/core/registry';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { conflict, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import { type AreasService, normaliseAreaCode } from './areas-service.ts';
import { getInstitution, type InstitutionRow } from './institutions-repo.ts';
import {
  deleteEmptyNetwork,
  getNetwork,
  insertNetwork,
  type NetworkRow,
  networkCounty,
  networkIdByName,
  networkLedBy,
  networkMembers,
  setMembership,
  setNetworkLead,
  touchNetwork,
  updateNetwork,
} from './networks-repo.ts';

export interface NewNetwork {
  countyCode: string;
  name: string;
  type: NetworkType;
  leadInstitutionId: number | null;
  memberIds: number[];
}

export interface NetworkEdit {
  name: string;
  type: NetworkType;
  leadInstitutionId: number | null;
}

const networkText = (id: number) => ({ zh: `医联体 #${id} `, en: `Network #${id}` });
const institutionText = (id: number) => ({ zh: `机构 #${id} `, en: `Institution #${id}` });
const MAY_NOT_MOVE = { zh: '无权调整该医联体的成员', en: 'You may not change the members of that network' };

/**
 * Why `inst` cannot leave the network it is in: it leads it (a network is never left without its lead
 * silently). Null when it may leave, or is in none.
 */
export async function leavingProblem(
  q: Queryable,
  inst: { id: number; name: string; networkId: number | null },
): Promise<{ zh: string; en: string } | null> {
  if (inst.networkId === null) return null;
  const led = await networkLedBy(q, inst.id);
  if (!led || led.id !== inst.networkId) return null;
  return {
    zh: `${inst.name}是${led.name}的牵头单位，须先为该医联体更换牵头单位`,
    en: `${inst.name} leads ${led.name}; give that network another lead first`,
  };
}

/**
 * What keeps `inst` from moving from its network to `to` (null: leaving all): the lead of its current
 * network stays, and the new network's kind decides where its members may lie and that none is closed.
 */
export async function membershipIssues(
  q: Queryable,
  inst: { id: number; name: string; areaCode: string; closedOn: string | null; networkId: number | null },
  to: number | null,
  path: string,
): Promise<ErrorDetail[]> {
  if (inst.networkId === to) return [];
  const issues: ErrorDetail[] = [];
  const leaving = await leavingProblem(q, inst);
  if (leaving) issues.push({ path, message: leaving });
  if (to !== null) {
    const problem = await joiningProblem(q, to, inst);
    if (problem) issues.push({ path, message: problem });
  }
  return issues;
}

/** Why `inst` cannot be a member of network `id` (outside its kind's reach, or closed); null when it can. */
export async function joiningProblem(
  q: Queryable,
  id: number,
  inst: { id: number; name: string; areaCode: string; closedOn: string | null },
): Promise<{ zh: string; en: string } | null> {
  const network = await getNetwork(q, id);
  return network && memberProblem(network.type as NetworkType, network.countyCode, inst);
}

export class NetworksService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
  ) {}

  /** One network with its members (closed ones as history) and its county's name. */
  async detail(policy: AccessPolicy, id: number) {
    const network = await this.readable(policy, id, this.db);
    return this.withMembers(network, this.db);
  }

  async create(policy: AccessPolicy, input: NewNetwork) {
    const countyCode = normaliseAreaCode(input.countyCode);
    const tree = await this.areas.tree();
    if (tree.get(countyCode)?.level !== 3) {
      throw invalid([
        {
          path: 'countyCode',
          message: {
            zh: `所属县（市、区）${countyCode} 不存在或不是县级区划`,
            en: `County ${countyCode} does not exist or is not a county`,
          },
        },
      ]);
    }
    await policy.requireWriteArea(countyCode);
    const memberIds = [...new Set(input.memberIds)];
    const id = await this.db.tx(async (q) => {
      const issues = this.recordIssues(input, memberIds);
      if (await networkIdByName(q, countyCode, input.name.trim())) issues.push(this.nameTaken());
      const members = await this.joinable(q, policy, memberIds, null);
      for (const [i, m] of members.entries()) {
        const problem = memberProblem(input.type, countyCode, m);
        if (problem) issues.push({ path: `memberIds.${i}`, message: problem });
        const leaving = await leavingProblem(q, m);
        if (leaving) issues.push({ path: `memberIds.${i}`, message: leaving });
      }
      if (issues.length) throw invalid(issues);
      const newId = await insertNetwork(q, { countyCode, name: input.name.trim(), type: input.type });
      for (const m of members) {
        await setMembership(q, m.id, newId);
        if (m.networkId !== null) await touchNetwork(q, m.networkId);
      }
      await setNetworkLead(q, newId, input.leadInstitutionId);
      await audit(q, policy.actor, {
        action: 'network.create',
        entity: 'network',
        entityId: newId,
        areaCode: countyCode,
        after: { ...input, countyCode, memberIds },
      });
      return newId;
    });
    return this.withMembers((await getNetwork(this.db, id))!, this.db);
  }

  /** Name, kind and lead; the county stays (a network of another county is a new network). */
  async update(policy: AccessPolicy, id: number, input: NetworkEdit, version: number) {
    await this.areas.tree();
    await this.db.tx(async (q) => {
      const before = await this.writable(policy, id, q);
      const members = await networkMembers(q, id);
      const current = members.filter((m) => m.closedOn === null);
      const issues = this.recordIssues(
        input,
        current.map((m) => m.id),
      );
      const holder = await networkIdByName(q, before.countyCode, input.name.trim());
      if (holder !== null && holder !== id) issues.push(this.nameTaken());
      // A new kind must still hold every current member.
      const reach = memberReach(input.type, before.countyCode);
      const outside = current.filter((m) => !m.areaCode.startsWith(reach));
      if (outside.length) {
        const names = outside.map((m) => m.name).join('、');
        issues.push({
          path: 'type',
          message: {
            zh: `改为该类型后，以下成员不在其范围内：${names}`,
            en: `Of that kind, these members would lie outside its reach: ${names}`,
          },
        });
      }
      if (issues.length) throw invalid(issues);
      const edit = { ...input, name: input.name.trim() };
      if (!(await updateNetwork(q, id, edit, version))) throw conflict();
      await audit(q, policy.actor, {
        action: 'network.update',
        entity: 'network',
        entityId: id,
        areaCode: before.countyCode,
        before: { name: before.name, type: before.type, leadInstitutionId: before.leadInstitutionId },
        after: edit,
      });
    });
    return this.withMembers((await getNetwork(this.db, id))!, this.db);
  }

  /** Adds an institution, taking it out of the network it was in (whose county must be the caller's too). */
  async addMember(policy: AccessPolicy, id: number, institutionId: number) {
    await this.areas.tree();
    await this.db.tx(async (q) => {
      const network = await this.writable(policy, id, q);
      const [inst] = await this.joinable(q, policy, [institutionId], id);
      if (inst!.networkId === id) return;
      const issues = await membershipIssues(q, inst!, id, 'institutionId');
      if (issues.length) throw invalid(issues);
      await setMembership(q, inst!.id, id);
      await touchNetwork(q, id);
      if (inst!.networkId !== null) await touchNetwork(q, inst!.networkId);
      await audit(q, policy.actor, {
        action: 'network.member-add',
        entity: 'network',
        entityId: id,
        areaCode: network.countyCode,
        before: { institutionId: inst!.id, networkId: inst!.networkId },
        after: { institutionId: inst!.id, networkId: id },
      });
    });
    return this.withMembers((await getNetwork(this.db, id))!, this.db);
  }

  async removeMember(policy: AccessPolicy, id: number, institutionId: number) {
    await this.areas.tree();
    await this.db.tx(async (q) => {
      const network = await this.writable(policy, id, q);
      const inst = await getInstitution(q, institutionId);
      if (!inst || inst.networkId !== id) {
        throw notFound({ zh: `该医联体的成员机构 #${institutionId} `, en: `Member institution #${institutionId}` });
      }
      await policy.requireReadInstitution(inst, institutionText(institutionId));
      await policy.requireWriteInstitution(inst, MAY_NOT_MOVE);
      const leaving = await leavingProblem(q, inst);
      if (leaving) throw invalid([{ path: 'institutionId', message: leaving }]);
      await setMembership(q, institutionId, null);
      await touchNetwork(q, id);
      await audit(q, policy.actor, {
        action: 'network.member-remove',
        entity: 'network',
        entityId: id,
        areaCode: network.countyCode,
        before: { institutionId, networkId: id },
        after: { institutionId, networkId: null },
      });
    });
    return this.withMembers((await getNetwork(this.db, id))!, this.db);
  }

  /** Only an empty network goes: one with members (closed ones too, its history) is edited instead. */
  async remove(policy: AccessPolicy, id: number, version: number): Promise<void> {
    await this.areas.tree();
    await this.db.tx(async (q) => {
      const before = await this.writable(policy, id, q);
      const members = await networkMembers(q, id);
      if (members.length) {
        throw invalid([
          {
            path: 'id',
            message: {
              zh: `${before.name}还有 ${members.length} 家成员机构（含已撤销的），移出全部成员后才能删除`,
              en: `${before.name} still has ${members.length} member institutions (closed ones included); remove them first`,
            },
          },
        ]);
      }
      await setNetworkLead(q, id, null);
      if (!(await deleteEmptyNetwork(q, id, version))) throw conflict();
      await audit(q, policy.actor, {
        action: 'network.delete',
        entity: 'network',
        entityId: id,
        areaCode: before.countyCode,
        before,
      });
    });
  }

  /** A network the caller may see: an institution user its own institution's; outside the scope 404. */
  private async readable(policy: AccessPolicy, id: number, q: Queryable): Promise<NetworkRow> {
    const network = await getNetwork(q, id);
    let visible = !!network;
    if (network && !policy.isAdmin) {
      visible =
        policy.role === 'institution'
          ? (await getInstitution(q, policy.scopeInstitutionId ?? 0))?.networkId === id
          : await policy.mayReadArea(network.countyCode);
    }
    if (!visible) throw notFound(networkText(id));
    return network!;
  }

  /** A network the caller may administer: visible (else 404) and within its write scope (else 403). */
  private async writable(policy: AccessPolicy, id: number, q: Queryable): Promise<NetworkRow> {
    const network = await this.readable(policy, id, q);
    await policy.requireWriteArea(network.countyCode);
    return network;
  }

  /**
   * The institutions to bring into a network, each visible (else 404) and writable by the caller; one
   * in another network must come from a network the caller may also change (else 403).
   */
  private async joinable(
    q: Queryable,
    policy: AccessPolicy,
    ids: number[],
    into: number | null,
  ): Promise<InstitutionRow[]> {
    const out: InstitutionRow[] = [];
    for (const id of ids) {
      const inst = await getInstitution(q, id);
      await policy.requireReadInstitution(inst, institutionText(id));
      await policy.requireWriteInstitution(inst!, MAY_NOT_MOVE);
      if (inst!.networkId !== null && inst!.networkId !== into) {
        const county = await networkCounty(q, inst!.networkId);
        if (county !== null) await policy.requireWriteArea(county, undefined, MAY_NOT_MOVE);
      }
      out.push(inst!);
    }
    return out;
  }

  private recordIssues(input: NetworkEdit, memberIds: number[]): ErrorDetail[] {
    const issues: ErrorDetail[] = validateNetwork(input).map((i) => ({ path: i.field, message: i.message }));
    const lead = leadProblem(input.leadInstitutionId, memberIds);
    if (lead) issues.push({ path: 'leadInstitutionId', message: lead });
    return issues;
  }

  private nameTaken(): ErrorDetail {
    return {
      path: 'name',
      message: { zh: '本县（市、区）已有同名医联体', en: 'The county already has a network of that name' },
    };
  }

  private async withMembers(network: NetworkRow, q: Queryable) {
    const tree = await this.areas.tree();
    const members = (await networkMembers(q, network.id)).map((m) => ({
      ...m,
      areaName: tree.get(m.areaCode)?.name ?? null,
    }));
    return { ...network, countyName: tree.get(network.countyCode)?.name ?? null, memberList: members };
  }
}
