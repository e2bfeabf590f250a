// The Fastify application: one error shape, session auth on every /api/v1 route, OpenAPI, the web UI.
import fs from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Principal } from '@weijian/core/identity';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { authRoutes } from '../identity/auth-routes.ts';
import { SESSION_COOKIE } from '../identity/sessions.ts';
import { usersRoutes } from '../identity/users-routes.ts';
import { planningRoutes } from '../planning/planning-routes.ts';
import { reportsRoutes } from '../planning/reports-routes.ts';
import { standardsRoutes } from '../planning/standards-routes.ts';
import { tasksRoutes } from '../planning/tasks-routes.ts';
import { areasRoutes } from '../registry/areas-routes.ts';
import { exchangeRoutes } from '../registry/exchange-routes.ts';
import { factsRoutes } from '../registry/facts-routes.ts';
import { institutionsRoutes } from '../registry/institutions-routes.ts';
import { metaRoutes } from '../registry/meta-routes.ts';
import { surveillanceRoutes } from '../surveillance/routes.ts';
import { auditRoutes } from './audit-routes.ts';
import type { AppContext } from './context.ts';
import { AppError, unauthenticated } from './errors.ts';
import { langOf } from './i18n.ts';
import { validatorCompiler } from './validation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The signed-in caller; handlers behind the auth hook can rely on it. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

const PUBLIC = new Set(['/api/v1/auth/login']);

function routePath(req: FastifyRequest): string {
  const raw = req.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: ctx.config.logLevel },
    // Import files can be large; the multipart plugin limits them separately.
    bodyLimit: 20 * 1024 * 1024,
    // Only behind a reverse proxy that sets X-Forwarded-For may the header be believed (sign-in
    // throttling and the audit log key on the client address).
    trustProxy: ctx.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Weijian (卫健) API', version: '1', description: '区域医疗卫生服务体系平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.setErrorHandler((err, req, reply) => {
    const lang = langOf(req);
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error(err);
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.text[lang],
          details: err.details.map((d) => ({ ...d, message: d.message[lang] })),
        },
      });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode && e.statusCode < 500) {
      // Framework-level client errors (bad JSON, payload too large, unsupported media type).
      return reply.status(e.statusCode).send({
        error: {
          code: e.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
          message: lang === 'zh' ? `请求无效：${e.message}` : `Bad request: ${e.message}`,
          details: [],
        },
      });
    }
    req.log.error(err);
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: lang === 'zh' ? '服务器内部错误' : 'Internal server error', details: [] },
    });
  });

  app.addHook('onRequest', async (req) => {
    // Judge the path as the router does (percent-decoded), so /api/%761/… cannot slip past.
    const path = routePath(req);
    if (!path.startsWith('/api/v1/')) return;
    req.principal = await ctx.sessions.resolve(req.cookies[SESSION_COOKIE]);
    if (!req.principal && !PUBLIC.has(path)) throw unauthenticated();
  });

  // Baseline browser hardening for every response (等保 2.0 reviews ask for these headers).
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (routePath(req).startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.get('/api/health', { schema: { hide: true } }, () => ({ status: 'ok' }));

  await app.register(
    async (api) => {
      await authRoutes(api, ctx);
      await usersRoutes(api, ctx);
      await metaRoutes(api, ctx);
      await areasRoutes(api, ctx);
      await institutionsRoutes(api, ctx);
      await factsRoutes(api, ctx);
      await exchangeRoutes(api, ctx);
      await auditRoutes(api, ctx);
      await planningRoutes(api, ctx);
      await standardsRoutes(api, ctx);
      await tasksRoutes(api, ctx);
      await reportsRoutes(api, ctx);
      await surveillanceRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  const web = ctx.config.webDir;
  if (web && fs.existsSync(`${web}/index.html`)) {
    await app.register(fastifyStatic, { root: web, wildcard: false });
    // Client-side routes: any non-API GET that is not a file gets the SPA.
    app.setNotFoundHandler((req, reply) => {
      // Client-side routes get the SPA; a missing asset (a path with a file extension) is a plain 404.
      const last = (req.url.split('?')[0] ?? '').split('/').pop() ?? '';
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !last.includes('.'))
        return reply.sendFile('index.html');
      throw new AppError('NOT_FOUND', { zh: '接口不存在', en: 'No such endpoint' });
    });
  } else {
    app.setNotFoundHandler(() => {
      throw new AppError('NOT_FOUND', { zh: '接口不存在', en: 'No such endpoint' });
    });
  }
  return app;
}
