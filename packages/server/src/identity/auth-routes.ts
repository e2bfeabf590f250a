import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, principalOf } from '../platform/request.ts';
import { LoginResult, MeResult, Ok } from './identity-wire.ts';
import type { IdentityServices } from './services.ts';
import { SESSION_COOKIE } from './sessions.ts';

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
const login = { schema: { body: LoginBody, response: { 200: LoginResult }, tags: ['auth'] } };

/**
 * The session cookie: httpOnly; SameSite=Strict (the web is served from the same origin, and a cross-site
 * request then carries no session at all: the CSRF check in platform/web-security.ts is the second line);
 * Secure whenever the request came over HTTPS (as a trusted proxy reports it) or the server runs in production.
 */
function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: IdentityServices,
  session: { token: string; expiresAt: Date },
) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https' || ctx.config.mode === 'production',
    expires: session.expiresAt,
  });
}

export async function authRoutes(app: FastifyInstance, ctx: IdentityServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/auth/login', login, async (req, reply) => {
    const { user, session } = await ctx.auth.login(req.body.username, req.body.password, req.ip);
    setSessionCookie(req, reply, ctx, session);
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

  // Changing one's own password ends every session of the user; the caller continues on a fresh one.
  api.post(
    '/auth/password',
    { schema: { body: PasswordBody, response: { 200: MeResult }, tags: ['auth'] } },
    async (req, reply) => {
      const p = principalOf(req);
      const session = await ctx.auth.changePassword(p, req.body.currentPassword, req.body.newPassword, actorOf(req));
      setSessionCookie(req, reply, ctx, session);
      return { user: await ctx.auth.me(p) };
    },
  );
}

/** What a user who must change their password may still reach (the web-security gate lets nothing else by). */
export const PASSWORD_CHANGE_PATHS = ['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout'];
