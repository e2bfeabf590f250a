import { ROLE_LABELS } from '@weijian/core/identity';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../platform/audit.ts';
import { AppError } from '../platform/errors.ts';
import { principalOf } from '../platform/request.ts';
import { LoginResult, MeResult, Ok } from './identity-wire.ts';
import { verifyPassword } from './passwords.ts';
import type { IdentityServices } from './services.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { findUserForLogin } from './users-repo.ts';

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const login = { schema: { body: LoginBody, response: { 200: LoginResult }, tags: ['auth'] } };

// A hash of a random password: unknown usernames cost as much time as wrong passwords.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$7m7P8Hq8C8oJ0dK2x7T3fV2m8wz0bBvY1Q9kq1x9d8M=';

export async function authRoutes(app: FastifyInstance, ctx: IdentityServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/auth/login', login, async (req, reply) => {
    const { username, password } = req.body;
    const ip = req.ip;
    const { config, db } = ctx;
    // Throttle the pair (username, address), and an address guessing across many usernames; never a
    // username alone, or anyone could lock any account out from anywhere.
    const { rows } = await db.query<{ pair: number; addr: number }>(
      `select count(*) filter (where username = $1)::int as pair, count(*)::int as addr from login_failures
        where ip = $2 and at > now() - make_interval(mins => $3)`,
      [username, ip, config.loginWindowMinutes],
    );
    const counts = rows[0] ?? { pair: 0, addr: 0 };
    if (counts.pair >= config.loginMaxFailures || counts.addr >= config.loginMaxFailures * 4) {
      await audit(db, { principal: null, username, ip }, { action: 'login-throttled' });
      throw new AppError('RATE_LIMITED', {
        zh: `登录失败次数过多，请 ${config.loginWindowMinutes} 分钟后再试`,
        en: `Too many failed sign-ins; try again in ${config.loginWindowMinutes} minutes`,
      });
    }
    const user = await findUserForLogin(db, username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await db.query('insert into login_failures (username, ip) values ($1, $2)', [username, ip]);
      await db.query('delete from login_failures where at < now() - make_interval(mins => $1)', [
        config.loginWindowMinutes,
      ]);
      await audit(db, { principal: null, username, ip }, { action: 'login-failed' });
      throw new AppError('UNAUTHENTICATED', { zh: '用户名或密码错误', en: 'Wrong username or password' });
    }
    await db.query('delete from login_failures where username = $1 and ip = $2', [username, ip]);
    const session = await ctx.sessions.create(user.id);
    await audit(db, { principal: null, username, ip }, { action: 'login', entity: 'user', entityId: user.id });
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      expires: session.expiresAt,
    });
    const { passwordHash: _omit, ...publicUser } = user;
    return { user: publicUser };
  });

  api.post('/auth/logout', { schema: { response: { 200: Ok }, tags: ['auth'] } }, async (req, reply) => {
    await ctx.sessions.destroy(req.cookies[SESSION_COOKIE]);
    await audit(ctx.db, { principal: req.principal, ip: req.ip }, { action: 'logout' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  api.get('/auth/me', { schema: { response: { 200: MeResult }, tags: ['auth'] } }
, async (req) => {
    const p = principalOf(req);
    const user = await findUserForLogin(ctx.db, p.username);
    const area = p.scopeAreaCode ? (await ctx.areas.tree()).get(p.scopeAreaCode) : undefined;
    return {
      user: {
        id: p.userId,
        username: p.username,
        displayName: user?.displayName ?? p.username,
        role: p.role,
        roleLabel: ROLE_LABELS[p.role],
        scopeAreaCode: p.scopeAreaCode,
        scopeAreaName: area?.name ?? null,
        scopeInstitutionId: p.scopeInstitutionId,
      },
    };
  });
}
