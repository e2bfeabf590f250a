import { ROLES } from '@weijian/core/identity';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policyOf } from '../platform/request.ts';
import { UserCreated, UserList, UserResult } from './identity-wire.ts';
import type { IdentityServices } from './services.ts';

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
  residentCountyCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullish()
    .describe("role 'resident': the county of the user's own health record"),
  residentId: z.number().int().positive().nullish().describe("role 'resident': the id of the user's own health record"),
});
const EditUser = z.object({
  displayName: z.string().max(64),
  role: z.enum(ROLES),
  scopeAreaCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .nullish(),
  scopeInstitutionId: z.number().int().positive().max(2147483647).nullish(),
  residentCountyCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullish(),
  residentId: z.number().int().positive().nullish(),
});
const UserId = z.object({ id: z.coerce.number().int().positive().max(2147483647) });
const NewPassword = z.object({ password: z.string().min(1).max(256) });

export async function usersRoutes(app: FastifyInstance, ctx: IdentityServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/users', { schema: { response: { 200: UserList }, tags: ['identity'] } }, async (req) =>
    ctx.accounts.list(policyOf(req)),
  );

  api.post(
    '/users',
    { schema: { body: NewUser, response: { 201: UserCreated }, tags: ['identity'] } },
    async (req, reply) => {
      const user = await ctx.accounts.create(policyOf(req), req.body);
      reply.status(201);
      return { user };
    },
  );

  api.put(
    '/users/:id',
    { schema: { params: UserId, body: EditUser, response: { 200: UserResult }, tags: ['identity'] } },
    async (req) => ({ user: await ctx.accounts.update(policyOf(req), req.params.id, req.body) }),
  );

  api.post(
    '/users/:id/password',
    { schema: { params: UserId, body: NewPassword, response: { 200: UserResult }, tags: ['identity'] } },
    async (req) => ({ user: await ctx.accounts.resetPassword(policyOf(req), req.params.id, req.body.password) }),
  );

  api.post(
    '/users/:id/deactivate',
    { schema: { params: UserId, response: { 200: UserResult }, tags: ['identity'] } },
    async (req) => ({ user: await ctx.accounts.setActive(policyOf(req), req.params.id, false) }),
  );

  api.post(
    '/users/:id/activate',
    { schema: { params: UserId, response: { 200: UserResult }, tags: ['identity'] } },
    async (req) => ({ user: await ctx.accounts.setActive(policyOf(req), req.params.id, true) }),
  );
}
