// The Fastify application: one error shape, session auth on every /api/v1 route, OpenAPI, the web UI.
// It knows no context: the app (src/app.ts) hands it the modules' route registrations, the session
// resolver (identity) and the area scope (registry) that access policies are built with.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Principal } from '@weijian/core/identity';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { AccessPolicy, type AreaScope } from './access-policy.ts';
import type { Config } from './config.ts';
import { AppError, unauthenticated } from './errors.ts';
import { langOf } from './i18n.ts';
import { loggerOptions } from './logging.ts';
import { documentRoute, pruneComponents } from './openapi-wire.ts';
import { actorOf, routePath } from './request.ts';
import { ParsePool } from './sheet-worker.ts';
import { rejectMalformedText, validatorCompiler } from './validation.ts';
import { registerWebSecurity } from './web-security.ts';

/** Turns a session cookie into the signed-in principal (identity implements it). */
export interface SessionResolver {
  cookieName: string;
  /** Paths under /api/v1 reachable without a session (sign-in). */
  publicPaths: readonly string[];
  /** Paths a user who must change their password may still reach (web-security.ts refuses the rest). */
  passwordChangePaths?: readonly string[];
  resolve(token: string | undefined): Promise<Principal | null>;
}

export interface HttpAppParts {
  config: Pick<Config, 'logLevel' | 'trustProxy' | 'webDir' | 'mode' | 'allowedOrigins' | 'uploads'>;
  sessions: SessionResolver;
  areaScope: AreaScope;
  /** Each registers one module's routes; called inside the /api/v1 prefix, each in a scope of its own. */
  routes: readonly ((api: FastifyInstance) => Promise<void>)[];
  /** Where the log goes (tests capture it); standard output when absent. */
  logStream?: DestinationStream;
}

export async function buildHttpApp(parts: HttpAppParts): Promise<FastifyInstance> {
  const { config } = parts;
  const PUBLIC = new Set(parts.sessions.publicPaths);
  const app = Fastify({
    // No bodies, query values, cookies, SQL parameters or row values in the log (logging.ts).
    logger: loggerOptions(config.logLevel, parts.logStream),
    // Import files can be large; the multipart plugin limits them separately.
    bodyLimit: 20 * 1024 * 1024,
    // Only behind a reverse proxy that sets X-Forwarded-For may the header be believed (sign-in
    // throttling and the audit log key on the client address).
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  app.decorateRequest('policy', null);
  // NUL and lone surrogates in params, query or a JSON body: 400 naming the field, before any route runs.
  app.addHook('preValidation', rejectMalformedText);

  await app.register(cookie);
  // Import files: the size limit as the bytes arrive (multipart.ts), then read and parsed in this server's
  // small worker pool under the configured limits, off the event loop (sheet-worker.ts).
  await app.register(multipart, { limits: { fileSize: config.uploads.maxFileBytes, files: 1 } });
  const uploads = new ParsePool(config.uploads);
  app.decorate('uploads', uploads);
  app.addHook('onClose', () => uploads.close());
  await app.register(swagger, {
    openapi: {
      info: { title: 'Weijian (卫健) API', version: '1', description: '区域医疗卫生服务体系平台接口' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: parts.sessions.cookieName } } },
      security: [{ session: [] }],
    },
    // Zod schemas to JSON Schema; those named with .meta({ id }) become components.schemas (named web types).
    transform: (route) => documentRoute(jsonSchemaTransform(route)),
    transformObject: (doc) => pruneComponents(jsonSchemaTransformObject(doc)),
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
    req.principal = await parts.sessions.resolve(req.cookies[parts.sessions.cookieName]);
    if (req.principal) req.policy = new AccessPolicy(req.principal, parts.areaScope, actorOf(req));
    else if (!PUBLIC.has(path)) throw unauthenticated();
  });
  await registerWebSecurity(app, { config, passwordChangePaths: parts.sessions.passwordChangePaths }); // CSRF, CSP, HSTS

  app.get('/api/health', { schema: { hide: true } }, () => ({ status: 'ok' }));

  await app.register(
    async (api) => {
      for (const register of parts.routes) await api.register(register);
    },
    { prefix: '/api/v1' },
  );

  const web = config.webDir;
  if (web && fs.existsSync(`${web}/index.html`)) {
    await app.register(fastifyStatic, {
      root: web,
      wildcard: false,
      // Build assets are named by their content hash: a year in the browser's cache, never revalidated, so a
      // reload asks for index.html alone; index.html itself is revalidated every time (a new build shows at once).
      setHeaders: (reply, file) => {
        const immutable = path.relative(web, file).startsWith(`assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
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
