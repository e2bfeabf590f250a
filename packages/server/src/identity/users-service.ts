// Managing user accounts (administrators only): the list, creating a user with its scope checked against
// the registry, editing name, role and scope, resetting a password, deactivating and reactivating; each in
// one transaction with its audit entry. In production a password an administrator chose must be replaced
// at the next sign-in. Users are shown with the names of their scope's area or institution.
import { passwordProblems, ROLE_LABELS, type Role } from '@weijian/core/identity';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import { AppError, type ErrorDetail, invalid, notFound } from '../platform/errors.ts';
import type { RegistryServices } from '../registry/index.ts';
import type { Sessions } from './sessions.ts';
import {
  deleteSessionsOf,
  insertUser,
  listUsers,
  setActive,
  setPassword,
  type UserRow,
  updateUser,
  userById,
  userByUsername,
  usernameTaken,
} from './users-repo.ts';

const USER = { zh: '用户', en: 'User' };

export interface UserScope {
  role: Role;
  scopeAreaCode?: string | null;
  scopeInstitutionId?: number | null;
  /** A resident user's record in the care context's person index (county code and record id). */
  residentCountyCode?: string | null;
  residentId?: number | null;
}

export interface NewUser extends UserScope {
  username: string;
  displayName: string;
  password: string;
}

export interface UserEdit extends UserScope {
  displayName: string;
}

/** A user as the administrator's list shows them: with the name of the area or institution they are scoped to. */
export interface NamedUser extends UserRow {
  scopeAreaName: string | null;
  scopeInstitutionName: string | null;
}

/** The area level each area role is scoped at (levels: 1 province, 2 city, 3 county); read-only users at any. */
const SCOPE_LEVEL: Partial<Record<Role, number>> = { city: 2, county: 3 };

/** Every broken password rule, at `path`. */
function passwordIssues(password: string, username: string, path: string): ErrorDetail[] {
  return passwordProblems(password, username).map((p) => ({ path, message: p.message }));
}

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly registry: Pick<RegistryServices, 'areas' | 'institutions'>,
    private readonly config: Pick<Config, 'mode'>,
    private readonly sessions: Sessions,
  ) {}

  /** Production: whoever receives a password from an administrator must choose their own (not for oneself). */
  private mustChange(policy: AccessPolicy, userId: number | null): boolean {
    return this.config.mode === 'production' && policy.principal.userId !== userId;
  }

  async list(policy: AccessPolicy): Promise<{ total: number; items: NamedUser[] }> {
    policy.requireAdmin();
    const items = await this.named(await listUsers(this.db));
    return { total: items.length, items };
  }

  async create(policy: AccessPolicy, body: NewUser): Promise<NamedUser> {
    policy.requireAdmin();
    const scope = this.normaliseScope(body);
    const issues = [...passwordIssues(body.password, body.username, 'password'), ...(await this.scopeIssues(scope))];
    if (issues.length) throw invalid(issues);
    const user = await this.db.tx(async (q) => {
      if (await usernameTaken(q, body.username)) {
        throw new AppError('CONFLICT', {
          zh: `用户名 ${body.username} 已存在`,
          en: `Username ${body.username} is taken`,
        });
      }
      const u = await insertUser(q, { ...body, ...scope, mustChangePassword: this.mustChange(policy, null) });
      await audit(q, policy.actor, { action: 'user.create', entity: 'user', entityId: u.id, after: u });
      return u;
    });
    return (await this.named([user]))[0]!;
  }

  /**
   * Name, role and scope. A change of role or scope ends the user's sessions (what they were shown no
   * longer holds); an administrator cannot change their own role, so the platform always keeps one.
   */
  async update(policy: AccessPolicy, id: number, body: UserEdit): Promise<NamedUser> {
    policy.requireAdmin();
    const scope = this.normaliseScope(body);
    const issues = await this.scopeIssues(scope);
    if (id === policy.principal.userId && scope.role !== policy.role) {
      issues.push({
        path: 'role',
        message: { zh: '不能修改自己的角色', en: 'You cannot change your own role' },
      });
    }
    const displayName = body.displayName.trim();
    if (!displayName) issues.push({ path: 'displayName', message: { zh: '请填写姓名', en: 'Give a name' } });
    const before = await userById(this.db, id);
    if (!before) throw notFound(USER);
    if (issues.length) throw invalid(issues);
    const moved =
      before.role !== scope.role ||
      before.scopeAreaCode !== scope.scopeAreaCode ||
      before.scopeInstitutionId !== scope.scopeInstitutionId ||
      before.residentId !== scope.residentId;
    const after = await this.db.tx(async (q) => {
      const u = (await updateUser(q, id, { displayName, ...scope }))!;
      if (moved) await deleteSessionsOf(q, id);
      await audit(q, policy.actor, {
        action: 'user.update',
        entity: 'user',
        entityId: id,
        before: {
          displayName: before.displayName,
          role: before.role,
          scopeAreaCode: before.scopeAreaCode,
          scopeInstitutionId: before.scopeInstitutionId,
          residentId: before.residentId,
        },
        after: { displayName, ...scope },
      });
      return u;
    });
    if (moved) this.sessions.forgetCached();
    return (await this.named([after]))[0]!;
  }

  /**
   * The scope a role keeps: an area for area roles, an institution for institution users, one health record
   * for residents, none for admins.
   */
  private normaliseScope(body: UserScope): Required<UserScope> {
    const resident = body.role === 'resident';
    const area = body.role === 'admin' || body.role === 'institution' || resident ? null : (body.scopeAreaCode ?? null);
    return {
      role: body.role,
      scopeAreaCode: area,
      scopeInstitutionId: body.role === 'institution' ? (body.scopeInstitutionId ?? null) : null,
      residentCountyCode: resident ? (body.residentCountyCode ?? null) : null,
      residentId: resident ? (body.residentId ?? null) : null,
    };
  }

  /** Everything wrong with a role's scope, at once: missing, unknown, or at the wrong level for the role. */
  private async scopeIssues(scope: Required<UserScope>): Promise<ErrorDetail[]> {
    const issues: ErrorDetail[] = [];
    const role = ROLE_LABELS[scope.role];
    if (scope.role === 'resident') {
      // The record itself is the care context's: identity checks the link's form; care answers /care/me.
      const county = scope.residentCountyCode;
      if (!scope.residentId) {
        issues.push({
          path: 'residentId',
          message: { zh: '居民账号必须指定其健康档案', en: 'A resident user needs their health record' },
        });
      }
      if (!county || (await this.registry.areas.tree()).get(county)?.level !== 3) {
        issues.push({
          path: 'residentCountyCode',
          message: { zh: '请指定档案所在的县区（6位代码）', en: "Give the record's county (6-digit code)" },
        });
      }
    } else if (scope.role !== 'admin' && scope.role !== 'institution') {
      const code = scope.scopeAreaCode;
      const area = code ? (await this.registry.areas.tree()).get(code) : undefined;
      const level = SCOPE_LEVEL[scope.role];
      if (!code) {
        issues.push({
          path: 'scopeAreaCode',
          message: { zh: `${role.zh}必须指定管辖区域`, en: `A ${role.en.toLowerCase()} needs a scope area` },
        });
      } else if (!area) {
        issues.push({
          path: 'scopeAreaCode',
          message: { zh: `管辖区域 ${code} 不存在`, en: `No area ${code}` },
        });
      } else if (level !== undefined && area.level !== level) {
        const zh = level === 2 ? '市级' : '县级';
        const en = level === 2 ? 'a city' : 'a county';
        issues.push({
          path: 'scopeAreaCode',
          message: {
            zh: `${role.zh}的管辖区域须是${zh}区划，${area.name}不是`,
            en: `A ${role.en.toLowerCase()} is scoped to ${en}; ${area.name} is not one`,
          },
        });
      }
    }
    if (scope.role === 'institution') {
      const id = scope.scopeInstitutionId;
      if (!id) {
        issues.push({
          path: 'scopeInstitutionId',
          message: { zh: '机构用户必须指定所属机构', en: 'An institution user needs an institution' },
        });
      } else if (!(await this.registry.institutions.exists(id))) {
        issues.push({ path: 'scopeInstitutionId', message: { zh: '所属机构不存在', en: 'No such institution' } });
      }
    }
    return issues;
  }

  /** The users with the names of their scope's area and institution (users are few: one look-up each). */
  private async named(users: UserRow[]): Promise<NamedUser[]> {
    const tree = await this.registry.areas.tree();
    const names = new Map<number, string | null>();
    for (const u of users) {
      const id = u.scopeInstitutionId;
      if (id !== null && !names.has(id)) names.set(id, (await this.registry.institutions.get(id))?.name ?? null);
    }
    return users.map((u) => ({
      ...u,
      scopeAreaName: u.scopeAreaCode ? (tree.get(u.scopeAreaCode)?.name ?? null) : null,
      scopeInstitutionName: u.scopeInstitutionId === null ? null : (names.get(u.scopeInstitutionId) ?? null),
    }));
  }

  /** An administrator sets a user's password (a forgotten one): the rules apply, the user's sessions end. */
  async resetPassword(policy: AccessPolicy, id: number, password: string): Promise<NamedUser> {
    policy.requireAdmin();
    const user = await userById(this.db, id);
    if (!user) throw notFound(USER);
    const issues = passwordIssues(password, user.username, 'password');
    if (issues.length) throw invalid(issues);
    const mustChange = this.mustChange(policy, id);
    const after = await this.db.tx(async (q) => {
      await setPassword(q, id, password, mustChange);
      await deleteSessionsOf(q, id);
      await audit(q, policy.actor, {
        action: 'user.password-reset',
        entity: 'user',
        entityId: id,
        after: { mustChangePassword: mustChange },
      });
      return (await userById(q, id))!;
    });
    this.sessions.forgetCached();
    return (await this.named([after]))[0]!;
  }

  /** Deactivation ends the user's sessions at once; reactivation lets them sign in again. */
  async setActive(policy: AccessPolicy, id: number, active: boolean): Promise<NamedUser> {
    policy.requireAdmin();
    if (!active && id === policy.principal.userId) {
      throw invalid([
        {
          path: 'id',
          message: { zh: '不能停用自己的账号', en: 'You cannot deactivate your own account' },
        },
      ]);
    }
    const after = await this.db.tx(async (q) => {
      const before = await userById(q, id);
      if (!before) throw notFound(USER);
      const u = (await setActive(q, id, active))!;
      if (!active) await deleteSessionsOf(q, id);
      await audit(q, policy.actor, {
        action: active ? 'user.activate' : 'user.deactivate',
        entity: 'user',
        entityId: id,
        before: { active: before.active },
        after: { active },
      });
      return u;
    });
    this.sessions.forgetCached();
    return (await this.named([after]))[0]!;
  }

  async byUsername(policy: AccessPolicy, username: string): Promise<UserRow> {
    policy.requireAdmin();
    const user = await userByUsername(this.db, username);
    if (!user) throw notFound({ zh: `用户 ${username}`, en: `User ${username}` });
    return user;
  }
}
