// Family-doctor teams (institution, lead doctor, members who may be platform users) and the counties' service
// packages. County (and city) users manage them in their area, institution users their own institution's teams;
// read-only users see them and change nothing.
import type { z } from 'zod';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import type { CareBase } from './base.ts';
import type { PackageInput, TeamEdit, TeamInput, TeamMemberInput } from './care-wire.ts';
import {
  insertPackage,
  insertTeam,
  listPackages,
  listTeams,
  type PackageRow,
  packageByCode,
  replaceMembers,
  type TeamRow,
  teamByCode,
  teamById,
  updateTeam,
} from './teams-repo.ts';

export type TeamView = TeamRow & { institutionName: string | null };

const TEAM: { zh: string; en: string } = { zh: '家庭医生团队', en: 'Family-doctor team' };

export class TeamsService {
  constructor(readonly base: CareBase) {}

  /** The area prefix a caller's lists are bounded by: null = everything (admin); institution users by id. */
  private listScope(policy: AccessPolicy): { areaPrefix?: string; institutionId?: number } {
    if (policy.isAdmin) return {};
    policy.requireRight('readInstitution');
    if (policy.scopeInstitutionId !== null && !policy.scopeAreaCode)
      return { institutionId: policy.scopeInstitutionId };
    policy.require(!!policy.scopeAreaCode);
    return { areaPrefix: policy.scopeAreaCode! };
  }

  async list(
    policy: AccessPolicy,
    q: { institutionId?: number; county?: string; includeClosed?: boolean },
  ): Promise<{ total: number; items: TeamView[] }> {
    const scope = this.listScope(policy);
    // A filter outside the caller's scope is refused, not answered with an empty list.
    if (q.institutionId !== undefined && scope.institutionId === undefined && !policy.isAdmin) {
      const inst = (await this.base.institutions.byIds([q.institutionId])).get(q.institutionId);
      policy.require(!!inst && (await policy.mayReadInstitution(inst)));
    }
    policy.require(
      q.institutionId === undefined || scope.institutionId === undefined || q.institutionId === scope.institutionId,
    );
    let areaPrefix = scope.areaPrefix;
    if (q.county) {
      policy.require(!areaPrefix || q.county.startsWith(areaPrefix));
      areaPrefix = q.county;
    }
    const rows = await listTeams(this.base.db, {
      institutionId: q.institutionId ?? scope.institutionId,
      areaPrefix,
      includeClosed: q.includeClosed,
    });
    const items = await this.named(rows);
    return { total: items.length, items };
  }

  async get(policy: AccessPolicy, id: number): Promise<TeamView> {
    const team = await this.readable(policy, id);
    return (await this.named([team]))[0]!;
  }

  /** A team the caller may see; out of scope answers 404 like a missing one. */
  async readable(policy: AccessPolicy, id: number): Promise<TeamRow> {
    const team = await teamById(this.base.db, id);
    if (!team) throw notFound(TEAM);
    const inst = (await this.base.institutions.byIds([team.institutionId])).get(team.institutionId);
    await policy.requireReadInstitution(inst ?? { id: team.institutionId, areaCode: team.countyCode }, TEAM);
    return team;
  }

  async create(policy: AccessPolicy, actor: Actor, body: z.infer<typeof TeamInput>): Promise<TeamView> {
    policy.requireWrite();
    const inst = (await this.base.institutions.byIds([body.institutionId])).get(body.institutionId);
    const what = { zh: `机构 ${body.institutionId} `, en: `Institution ${body.institutionId}` };
    await policy.requireReadInstitution(inst, what);
    await policy.requireWriteInstitution(inst!);
    await this.checkUsers(body.leadUserId ?? null, body.members);
    const id = await this.base.db.tx(async (q) => {
      const existing = await teamByCode(q, inst!.countyCode, body.code);
      if (existing) {
        throw new AppError(
          'CONFLICT',
          {
            zh: `本县已有编码为 ${body.code} 的团队（编号 ${existing.id}）`,
            en: `The county already has a team with code ${body.code} (id ${existing.id})`,
          },
          [{ path: 'code', message: { zh: '团队编码已存在', en: 'Team code already in use' } }],
        );
      }
      const teamId = await insertTeam(q, {
        countyCode: inst!.countyCode,
        code: body.code,
        institutionId: inst!.id,
        name: body.name,
        leadName: body.leadName,
        leadUserId: body.leadUserId ?? null,
      });
      await replaceMembers(q, inst!.countyCode, teamId, body.members.map(member));
      await audit(q, actor, {
        action: 'care.team.create',
        entity: 'care_team',
        entityId: teamId,
        areaCode: inst!.countyCode,
        after: { code: body.code, name: body.name, institutionId: inst!.id, members: body.members.length },
      });
      return teamId;
    });
    return this.get(policy, id);
  }

  async update(policy: AccessPolicy, actor: Actor, id: number, body: z.infer<typeof TeamEdit>): Promise<TeamView> {
    const team = await this.readable(policy, id);
    const inst = (await this.base.institutions.byIds([team.institutionId])).get(team.institutionId);
    await policy.requireWriteInstitution(inst ?? { id: team.institutionId, areaCode: team.countyCode });
    const next = {
      name: body.name ?? team.name,
      leadName: body.leadName ?? team.leadName,
      leadUserId: body.leadUserId === undefined ? team.leadUserId : body.leadUserId,
      closed: body.closed ?? team.closed,
    };
    await this.checkUsers(next.leadUserId, body.members ?? []);
    await this.base.db.tx(async (q) => {
      await updateTeam(q, team.countyCode, id, next);
      if (body.members) await replaceMembers(q, team.countyCode, id, body.members.map(member));
      await audit(q, actor, {
        action: 'care.team.update',
        entity: 'care_team',
        entityId: id,
        areaCode: team.countyCode,
        before: { name: team.name, leadName: team.leadName, closed: team.closed, members: team.members.length },
        after: { ...next, members: body.members?.length ?? team.members.length },
      });
    });
    return this.get(policy, id);
  }

  async packages(policy: AccessPolicy, county?: string): Promise<{ total: number; items: PackageRow[] }> {
    let prefix: string | null = null;
    if (!policy.isAdmin) {
      policy.requireRight('readInstitution');
      if (policy.scopeAreaCode) prefix = policy.scopeAreaCode;
      else if (policy.scopeInstitutionId !== null) {
        const inst = (await this.base.institutions.byIds([policy.scopeInstitutionId])).get(policy.scopeInstitutionId);
        prefix = inst?.countyCode ?? '-';
      } else policy.require(false);
    }
    if (county) {
      policy.require(!prefix || county.startsWith(prefix));
      prefix = county;
    }
    const items = await listPackages(this.base.db, prefix);
    return { total: items.length, items };
  }

  /** A county's packages are an area-level offering: county and city users (and the administrator) create them. */
  async createPackage(policy: AccessPolicy, actor: Actor, body: z.infer<typeof PackageInput>): Promise<PackageRow> {
    await policy.requireWriteArea(body.countyCode);
    const area = await this.base.areas.get(body.countyCode);
    if (area.level !== 3) {
      throw invalid([
        {
          path: 'countyCode',
          message: { zh: `${body.countyCode} 不是县级区划`, en: `${body.countyCode} is not a county` },
        },
      ]);
    }
    return this.base.db.tx(async (q) => {
      const existing = await packageByCode(q, body.countyCode, body.code);
      if (existing) {
        throw new AppError('CONFLICT', {
          zh: `本县已有编码为 ${body.code} 的服务包（编号 ${existing.id}）`,
          en: `The county already has a service package with code ${body.code} (id ${existing.id})`,
        });
      }
      const row = {
        countyCode: body.countyCode,
        code: body.code,
        name: body.name,
        feeYuan: body.feeYuan ?? null,
        description: body.description ?? null,
      };
      const id = await insertPackage(q, row);
      await audit(q, actor, {
        action: 'care.package.create',
        entity: 'care_package',
        entityId: id,
        areaCode: body.countyCode,
        after: row,
      });
      return { id, ...row };
    });
  }

  private async named(rows: TeamRow[]): Promise<TeamView[]> {
    const insts = await this.base.institutions.byIds(rows.map((r) => r.institutionId));
    return rows.map((r) => ({ ...r, institutionName: insts.get(r.institutionId)?.name ?? null }));
  }

  /** Members picked by user id must be existing platform users (their work lists follow from it). */
  private async checkUsers(lead: number | null, members: readonly z.infer<typeof TeamMemberInput>[]): Promise<void> {
    const ids = [lead, ...members.map((m) => m.userId ?? null)].filter((x): x is number => x !== null);
    if (!ids.length) return;
    const found = await this.base.users.byIds(ids);
    const details = [];
    if (lead !== null && !found.has(lead)) {
      details.push({ path: 'leadUserId', message: { zh: `用户 ${lead} 不存在`, en: `User ${lead} does not exist` } });
    }
    members.forEach((m, i) => {
      if (m.userId != null && !found.has(m.userId)) {
        details.push({
          path: `members.${i}.userId`,
          message: { zh: `用户 ${m.userId} 不存在`, en: `User ${m.userId} does not exist` },
        });
      }
    });
    if (details.length) throw invalid(details);
  }
}

const member = (m: z.infer<typeof TeamMemberInput>) => ({ name: m.name, userId: m.userId ?? null, duty: m.duty });
