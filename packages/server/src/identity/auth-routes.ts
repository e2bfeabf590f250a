import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, principalOf } from '../platform/request.ts';
import { LoginResult, MeResult, Ok } from './identity-wire.ts';
import type { IdentityServices } from './services.ts';
import { SESSION_COOKIE } from './sessions.ts';

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const login = { schema: { body: LoginBody, response: { 200: LoginResult }, tags: ['auth'] } };

export async function authRoutes(app: FastifyInstance, ctx: IdentityServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/auth/login', login, async (req, reply) => {
    const { user, session } = await ctx.auth.login(req.body.username, req.body.password, req.ip);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      expires: session.expiresAt,
    });
    // The signed-in user as the shell shows it (scope name, role label), the same shape as GET /auth/me.
    const principal = {
      userId: user.id,
      username: user.username,
      role: user.role,
      scopeAreaCode: user.scopeAreaCode,
      scopeInstitutionId: user.scopeInstitutionId,
    };
    return { user: await ctx.auth.me(principal) };
  });

  api.post('/auth/logout', { schema: { response: { 200: Ok }, tags: ['auth'] } }, async (req, reply) => {
    await ctx.auth.logout(req.cookies[SESSION_COOKIE], actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.get('/auth/me', { schema: { response: { 200: MeResult }, tags: ['auth'] } }, async (req) => {
    return { user: await ctx.auth.me(principalOf(req)) };
  });
}
