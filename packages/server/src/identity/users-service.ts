// Managing user accounts (administrators only): the list, creating a user with its scope checked against
// the registry, resetting a password, deactivating and reactivating; each in one transaction with its
// audit entry. In production a password an administrator chose must be replaced at the next sign-in.
import type { Role } from '@weijian/core/identity';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import type { RegistryServices } from '../registry/index.ts';
import { requireAcceptablePassword } from './passwords.ts';
import type { Sessions } from './sessions.ts';
import {
  deleteSessionsOf,
  insertUser,
  listUsers,
  setActive,
  setPassword,
  type UserRow,
  userById,
  userByUsername,
  usernameTaken,
} from './users-repo.ts';

const USER = { zh: '用户', en: 'User' };

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeAreaCode?: string | null;
  scopeInstitutionId?: number | null;
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

  async list(policy: AccessPolicy): Promise<{ total: number; items: UserRow[] }> {
    policy.requireAdmin();
    const items = await listUsers(this.db);
    return { total: items.length, items };
  }

  async create(policy: AccessPolicy, body: NewUser): Promise<UserRow> {
    policy.requireAdmin();
    requireAcceptablePassword(body.password, body.username, 'password');
    if (body.role !== 'admin' && body.role !== 'institution' && !body.scopeAreaCode) {
      throw invalid([
        { path: 'scopeAreaCode', message: { zh: '该角色必须指定管辖区域', en: 'This role needs a scope area' } },
      ]);
    }
    if (body.role === 'institution' && !body.scopeInstitutionId) {
      throw invalid([
        {
          path: 'scopeInstitutionId',
          message: { zh: '机构用户必须指定所属机构', en: 'An institution user needs an institution' },
        },
      ]);
    }
    if (body.scopeAreaCode) await this.registry.areas.get(body.scopeAreaCode);
    if (body.scopeInstitutionId && !(await this.registry.institutions.exists(body.scopeInstitutionId))) {
      throw invalid([{ path: 'scopeInstitutionId', message: { zh: '所属机构不存在', en: 'No such institution' } }]);
    }
    return this.db.tx(async (q) => {
      if (await usernameTaken(q, body.username)) {
        throw new AppError('CONFLICT', {
          zh: `用户名 ${body.username} 已存在`,
          en: `Username ${body.username} is taken`,
        });
      }
      const u = await insertUser(q, { ...body, mustChangePassword: this.mustChange(policy, null) });
      await audit(q, policy.actor, { action: 'user.create', entity: 'user', entityId: u.id, after: u });
      return u;
    });
  }

  /** An administrator sets a user's password (a forgotten one): the rules apply, the user's sessions end. */
  async resetPassword(policy: AccessPolicy, id: number, password: string): Promise<UserRow> {
    policy.requireAdmin();
    const user = await userById(this.db, id);
    if (!user) throw notFound(USER);
    requireAcceptablePassword(password, user.username, 'password');
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
    return after;
  }

  /** Deactivation ends the user's sessions at once; reactivation lets them sign in again. */
  async setActive(policy: AccessPolicy, id: number, active: boolean): Promise<UserRow> {
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
    return after;
  }

  async byUsername(policy: AccessPolicy, username: string): Promise<UserRow> {
    policy.requireAdmin();
    const user = await userByUsername(this.db, username);
    if (!user) throw notFound({ zh: `用户 ${username}`, en: `User ${username}` });
    return user;
  }
}
