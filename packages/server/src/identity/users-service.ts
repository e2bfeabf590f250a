// Managing user accounts (administrators only): the list, and creating a user with its scope checked
// against the registry, in one transaction with its audit entry.
import type { Role } from '@weijian/core/identity';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { AppError, invalid } from '../platform/errors.ts';
import type { RegistryServices } from '../registry/index.ts';
import { passwordProblems } from './passwords.ts';
import { insertUser, listUsers, type UserRow, usernameTaken } from './users-repo.ts';

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
  ) {}

  async list(policy: AccessPolicy): Promise<{ total: number; items: UserRow[] }> {
    policy.requireAdmin();
    const items = await listUsers(this.db);
    return { total: items.length, items };
  }

  async create(policy: AccessPolicy, body: NewUser): Promise<UserRow> {
    policy.requireAdmin();
    const problem = passwordProblems(body.password);
    if (problem) throw invalid([{ path: 'password', message: problem }]);
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
      const u = await insertUser(q, body);
      await audit(q, policy.actor, { action: 'user.create', entity: 'user', entityId: u.id, after: u });
      return u;
    });
  }
}
