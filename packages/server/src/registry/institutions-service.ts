// Institutions and networks: listing within the caller's scope, the detail, creating and editing (one
// transaction with its audit entry), and the look-ups other contexts and the demo need.
import { type AreaTree, type InstitutionInput, validateInstitution } from '@weijian/core/registry';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db, Queryable } from '../platform/db.ts';
import { conflict, type ErrorDetail, invalid } from '../platform/errors.ts';
import type { ReadCache } from '../platform/read-cache.ts';
import { type AreasService, currentYear, normaliseAreaCode } from './areas-service.ts';
import { moveResourcesToCounty } from './facts-repo.ts';
import { clearClosedReason, closedReasonOf, closingProblem } from './institutions-closing.ts';
import {
  countInstitutions,
  firstSyntheticInstitution,
  getInstitution,
  type InstitutionRow,
  insertInstitution,
  institutionExists,
  institutionIdByUscc,
  type ListFilter,
  listInstitutions,
  syntheticInstitutionIds,
  updateInstitution,
} from './institutions-repo.ts';
import { listNetworks, type NetworkRow, networkCounty } from './networks-repo.ts';
import { joiningProblem, membershipIssues } from './networks-service.ts';

export interface InstitutionListQuery extends Omit<ListFilter, 'area' | 'gradeLevel' | 'gradeClass'> {
  area?: string;
  /** 1–3 and/or 甲乙丙, e.g. '3甲', '2', '乙'. */
  grade?: string;
}

const institutionText = (id: number) => ({ zh: `机构 #${id} `, en: `Institution #${id}` });
const issuesToDetails = (issues: { field: string; message: { zh: string; en: string } }[]) =>
  issues.map((i) => ({ path: i.field, message: i.message }));

/** What an institution's own staff may not change: its place, kind, grade, owner, network, and whether it is closed. */
const INSTITUTION_ROLE_FIXED = [
  'areaCode',
  'category',
  'gradeLevel',
  'gradeClass',
  'ownership',
  'networkId',
  'closedOn',
] as const;

/**
 * Checks an institution's place and references; returns its county code. Takes the area tree rather
 * than loading it: inside a PGlite transaction a query on another handle would wait forever.
 */
export async function checkInstitution(
  tree: AreaTree,
  q: Queryable,
  input: InstitutionInput,
  /** Problems the caller found beside these (network membership, closing), reported together. */
  extra: ErrorDetail[] = [],
): Promise<string> {
  const details = [...issuesToDetails(validateInstitution(input)), ...extra];
  input.areaCode = normaliseAreaCode(input.areaCode);
  const area = tree.get(input.areaCode) as { level: number; code: string; parentCode: string | null } | undefined;
  let county: string | null = null;
  if (!area || area.level < 3) {
    details.push({
      path: 'areaCode',
      message: {
        zh: `所在区划 ${input.areaCode} 不存在或不是县级及以下区划`,
        en: `Area ${input.areaCode} does not exist or is above county level`,
      },
    });
  } else {
    county = area.level === 3 ? area.code : input.areaCode.slice(0, 6);
  }
  if (input.networkId !== null && (await networkCounty(q, input.networkId)) === null) {
    details.push({ path: 'networkId', message: { zh: '所属医联体不存在', en: 'No such network' } });
  }
  if (input.uscc) {
    const holder = await institutionIdByUscc(q, input.uscc);
    const self = (input as { id?: number }).id;
    if (holder !== null && holder !== self) {
      details.push({
        path: 'uscc',
        message: {
          zh: `统一社会信用代码已被机构 #${holder} 使用`,
          en: `Code already used by institution #${holder}`,
        },
      });
    }
  }
  if (details.length) throw invalid(details);
  return county!;
}

export class InstitutionsService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly cache: ReadCache,
  ) {}

  async list(policy: AccessPolicy, query: InstitutionListQuery) {
    const p = policy.principal;
    const { grade, area, ...rest } = query;
    const gradeLevel = grade && /^[123]/.test(grade) ? Number(grade[0]) : undefined;
    const gradeClass = grade?.match(/[甲乙丙]/)?.[0];
    const tree = await this.areas.tree();
    // A retired area code lists the institutions of its successor.
    const areaCode = area
      ? (tree.resolveIn(normaliseAreaCode(area), currentYear()) ?? normaliseAreaCode(area))
      : undefined;
    // Asking for an area outside one's scope is refused, not answered with an empty list that looks like data.
    if (areaCode && !policy.isAdmin) {
      const scope = p.role === 'institution' ? null : p.scopeAreaCode;
      policy.require(!!scope && (areaCode.startsWith(scope) || scope.startsWith(areaCode)));
    }
    // So is a network of a county outside the scope (a network belongs to its county).
    if (rest.network && !policy.isAdmin && p.role !== 'institution') {
      const county = await networkCounty(this.db, Number(rest.network));
      const scope = p.scopeAreaCode;
      policy.require(county === null || (!!scope && (county.startsWith(scope) || scope.startsWith(county))));
    }
    const filter = { ...rest, area: areaCode, gradeLevel, gradeClass };
    const key = `institutions:${p.role}:${p.scopeAreaCode}:${p.scopeInstitutionId}:${JSON.stringify(filter)}`;
    const result = await this.cache.get(key, () => listInstitutions(this.db, p, filter));
    const items = result.items.map((i) => ({
      ...i,
      areaName: tree.get(i.areaCode)?.name ?? null,
      countyName: tree.get(i.countyCode)?.name ?? null,
    }));
    return { total: result.total, totalExact: result.totalExact, nextCursor: result.nextCursor, items };
  }

  /** One institution the caller may read; outside the scope it answers 404 like a missing one. */
  async readable(policy: AccessPolicy, id: number) {
    const inst = await getInstitution(this.db, id);
    await policy.requireReadInstitution(inst, institutionText(id));
    return inst!;
  }

  /** The detail page's record: the institution with its area's name and path. */
  async detail(policy: AccessPolicy, id: number) {
    const inst = await this.readable(policy, id);
    const tree = await this.areas.tree();
    const path = [...tree.ancestorsIn(inst.areaCode, currentYear())].reverse().map((a) => a.name);
    return {
      ...inst,
      closedReason: inst.closedOn === null ? null : await closedReasonOf(this.db, id),
      areaName: tree.get(inst.areaCode)?.name ?? null,
      areaPath: [...path, tree.get(inst.areaCode)?.name],
    };
  }

  async create(policy: AccessPolicy, input: InstitutionInput) {
    await policy.requireWriteArea(normaliseAreaCode(input.areaCode));
    // Loaded before the transaction: PGlite's one connection cannot serve a query from outside it.
    const tree = await this.areas.tree();
    const id = await this.db.tx(async (q) => {
      await this.requireNetworkWritable(q, policy, input.networkId, null);
      const candidate = {
        id: 0,
        name: input.name,
        areaCode: normaliseAreaCode(input.areaCode),
        closedOn: input.closedOn,
      };
      const joining = input.networkId === null ? null : await joiningProblem(q, input.networkId, candidate);
      const county = await checkInstitution(tree, q, input, joining ? [{ path: 'networkId', message: joining }] : []);
      const newId = await insertInstitution(q, county, input);
      await audit(q, policy.actor, {
        action: 'institution.create',
        entity: 'institution',
        entityId: newId,
        areaCode: input.areaCode,
        after: input,
      });
      return newId;
    });
    return (await getInstitution(this.db, id))!;
  }

  async update(policy: AccessPolicy, id: number, input: InstitutionInput, version: number) {
    const tree = await this.areas.tree();
    await this.db.tx(async (q) => {
      const before = await getInstitution(q, id);
      await policy.requireReadInstitution(before, institutionText(id));
      const was = before!;
      await policy.requireWriteInstitution(was);
      if (policy.role === 'institution' && INSTITUTION_ROLE_FIXED.some((k) => input[k] !== was[k])) {
        policy.require(false, {
          zh: '机构用户不能修改所在区划、类别、等级、举办主体或所属医联体',
          en: 'Institution users cannot change the area, category, grade, ownership or network',
        });
      }
      await this.requireNetworkWritable(q, policy, input.networkId, was.networkId);
      // Moving an institution is an area-level act in both the old and the new place.
      if (input.areaCode !== was.areaCode) await policy.requireWriteArea(normaliseAreaCode(input.areaCode));
      const county = await checkInstitution(
        tree,
        q,
        Object.assign(input, { id }),
        await this.editIssues(q, was, input),
      );
      if (!(await updateInstitution(q, id, county, input, version))) throw conflict();
      if (input.closedOn === null && was.closedOn !== null) await clearClosedReason(q, id);
      if (county !== was.countyCode) await moveResourcesToCounty(q, id, county);
      await audit(q, policy.actor, {
        action: 'institution.update',
        entity: 'institution',
        entityId: id,
        areaCode: input.areaCode,
        before: was,
        after: input,
      });
    });
    return (await getInstitution(this.db, id))!;
  }

  /** Networks within the caller's scope (an institution user: its own), optionally of one area. */
  async networks(
    policy: AccessPolicy,
    area: string | undefined,
  ): Promise<{ total: number; items: (NetworkRow & { countyName: string | null })[] }> {
    let rows: NetworkRow[];
    if (policy.role === 'institution') {
      // Institution users have no area: an area filter is outside their scope (403), not an empty list.
      policy.require(!area);
      rows = await listNetworks(this.db, { institutionId: policy.scopeInstitutionId });
    } else {
      const scope = policy.isAdmin ? '' : (policy.scopeAreaCode ?? '\u0000');
      const requested = area ? normaliseAreaCode(area) : null;
      policy.require(!requested || requested.startsWith(scope) || scope.startsWith(requested));
      // Networks belong to counties: the narrower of scope and request, cut to county length.
      const narrower = requested && requested.length > scope.length ? requested : scope;
      rows = await listNetworks(this.db, { countyPrefix: narrower.slice(0, 6) });
    }
    const tree = await this.areas.tree();
    const items = rows.map((n) => ({ ...n, countyName: tree.get(n.countyCode)?.name ?? null }));
    return { total: items.length, items };
  }

  /** An institution by id, unscoped (for other contexts' own checks, e.g. a user's institution exists). */
  get(id: number, q: Queryable = this.db): Promise<InstitutionRow | null> {
    return getInstitution(q, id);
  }

  exists(id: number, q: Queryable = this.db): Promise<boolean> {
    return institutionExists(q, id);
  }

  count(): Promise<number> {
    return countInstitutions(this.db);
  }

  /** The demo city's institutions (generated, not registered). */
  syntheticIds(): Promise<number[]> {
    return syntheticInstitutionIds(this.db);
  }

  /** The demo's showcase institution (its 机构填报员 user is scoped to it). */
  demoShowcase(): Promise<number | null> {
    return firstSyntheticInstitution(this.db);
  }

  /**
   * What an edit may not do to the institution's network: take its lead away from it, bring it into a
   * network whose kind does not reach its place, move it out of its network's reach, or close the lead.
   */
  private async editIssues(q: Queryable, was: InstitutionRow, input: InstitutionInput): Promise<ErrorDetail[]> {
    const now = { id: was.id, name: input.name, areaCode: normaliseAreaCode(input.areaCode), closedOn: input.closedOn };
    const issues = await membershipIssues(q, { ...now, networkId: was.networkId }, input.networkId, 'networkId');
    if (input.networkId !== null && input.networkId === was.networkId && now.areaCode !== was.areaCode) {
      // Staying in the network while moving: only the reach matters (a closed member stays as history).
      const problem = await joiningProblem(q, input.networkId, { ...now, closedOn: null });
      if (problem) issues.push({ path: 'areaCode', message: problem });
    }
    if (input.closedOn !== null && was.closedOn === null) {
      const lead = await closingProblem(q, was);
      if (lead) issues.push(lead);
    }
    return issues;
  }

  /**
   * Joining or leaving a network is the network's county's decision: the caller must be able to write
   * in the county the network belongs to.
   */
  private async requireNetworkWritable(
    q: Queryable,
    policy: AccessPolicy,
    networkId: number | null,
    previous: number | null,
  ): Promise<void> {
    if (networkId === previous) return;
    for (const id of [networkId, previous]) {
      if (id === null) continue;
      const county = await networkCounty(q, id);
      if (county !== null && !(await policy.mayWriteArea(county))) {
        policy.require(false, { zh: '无权调整该医联体的成员', en: 'You may not change the members of that network' });
      }
    }
  }
}
