import { isAdmin, ROLES } from '@weijian/core/identity';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import { AppError, forbidden, invalid } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { passwordProblems } from './passwords.ts';
import type { IdentityServices } from './services.ts';
import { insertUser, listUsers } from './users-repo.ts';

const NewUser = z.object({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,32}$/),
  displayName: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  role: z.enum(ROLES),
  scopeAreaCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .nullish(),
  scopeInstitutionId: z.number().int().positive().max(2147483647).nullish(),
});

export async function usersRoutes(app: FastifyInstance, ctx: IdentityServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/users', { schema: { tags: ['identity'] } }, async (req) => {
    if (!isAdmin(principalOf(req))) throw forbidden();
    const items = await listUsers(ctx.db);
    return { total: items.length, items };
  });

  api.post('/users', { schema: { body: NewUser, tags: ['identity'] } }, async (req, reply) => {
    const p = principalOf(req);
    if (!isAdmin(p)) throw forbidden();
    const body = req.body;
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
    if (body.scopeAreaCode) await ctx.areas.get(body.scopeAreaCode);
    if (body.scopeInstitutionId) {
      const { rows } = await ctx.db.query('select 1 from institutions where id = $1', [body.scopeInstitutionId]);
      if (!rows.length) {
        throw invalid([{ path: 'scopeInstitutionId', message: { zh: '所属机构不存在', en: 'No such institution' } }]);
      }
    }
    const user = await ctx.db.tx(async (q) => {
      const exists = await q.query('select 1 from users where username = $1', [body.username]);
      if (exists.rows.length) {
        throw new AppError('CONFLICT', {
          zh: `用户名 ${body.username} 已存在`,
          en: `Username ${body.username} is taken`,
        });
      }
      const u = await insertUser(q, body);
      await audit(q, { principal: p, ip: req.ip }, { action: 'user.create', entity: 'user', entityId: u.id, after: u });
      return u;
    });
    reply.status(201);
    return { user };
  });
}
