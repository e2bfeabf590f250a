// Browser-facing defences of the HTTP app (等保 2.0 level 3, and what a hostile page could try):
// - CSRF: a state-changing API request (POST/PUT/PATCH/DELETE, multipart imports included) is refused when the
//   browser says it comes from another site: an `Origin` that is neither the server's own nor configured in
//   WEIJIAN_ALLOWED_ORIGINS, or `Sec-Fetch-Site: cross-site`. Requests without either header (curl, the CLI,
//   server-to-server) are not browsers' and go through. SameSite=Strict on the session cookie is the other half.
//   The check runs at onRequest, before any body is read, so a refused import writes nothing.
// - A user an administrator gave a password to reaches only the routes that let them replace it.
// - Headers: a Content-Security-Policy that allows scripts only from the server itself (the built web has no
//   inline script; Ant Design injects its styles at run time, hence style-src 'unsafe-inline'), no framing,
//   and HSTS whenever the request came over HTTPS or the server runs in production.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { routePath } from './request.ts';

export interface WebSecurityOptions {
  config: Pick<Config, 'mode' | 'allowedOrigins'>;
  /** Paths a principal flagged `mustChangePassword` may still reach (identity names them). */
  passwordChangePaths?: readonly string[];
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000; includeSubDomains';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin this request was addressed to, as the browser would write it (`req.protocol` honours a trusted proxy). */
export function ownOrigin(req: FastifyRequest): string | null {
  try {
    return new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    return null;
  }
}

/** Whether a browser's `Origin` may send state-changing requests here. */
export function originAllowed(raw: string, req: FastifyRequest, allowed: readonly string[]): boolean {
  let origin: string;
  try {
    origin = new URL(raw).origin; // normalised: lower-case host, default port dropped
  } catch {
    return false;
  }
  if (origin === 'null') return false;
  if (allowed.includes(origin)) return true;
  const own = ownOrigin(req);
  if (own === null) return false;
  if (origin === own) return true;
  // Behind a TLS-terminating proxy that is not trusted the server sees http while the page is https on the
  // same host: the stronger scheme of the same host is the server's own page. The reverse (an http page
  // posting to an https server) is not accepted.
  return req.protocol === 'http' && origin === new URL(own.replace(/^http:/, 'https:')).origin;
}

const crossSite = () =>
  new AppError('FORBIDDEN', {
    zh: '拒绝来自其他网站的写请求（跨站请求伪造防护）',
    en: 'Refused a state-changing request from another site (CSRF protection)',
  });

export const passwordChangeRequired = () =>
  new AppError('PASSWORD_CHANGE_REQUIRED', {
    zh: '请先修改管理员设置的初始密码',
    en: 'Change the password an administrator gave you before going on',
  });

export async function registerWebSecurity(app: FastifyInstance, o: WebSecurityOptions): Promise<void> {
  const gateOpen = new Set(o.passwordChangePaths ?? []);

  app.addHook('onRequest', async (req) => {
    if (!UNSAFE_METHODS.has(req.method) || !routePath(req).startsWith('/api/')) return;
    if (req.headers['sec-fetch-site'] === 'cross-site') throw crossSite();
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, req, o.config.allowedOrigins)) throw crossSite();
  });

  // After every onRequest hook (the session is resolved by then) and before the body is parsed.
  app.addHook('preParsing', async (req) => {
    if (!req.principal?.mustChangePassword) return;
    const path = routePath(req);
    if (path.startsWith('/api/v1/') && !gateOpen.has(path)) throw passwordChangeRequired();
  });

  // Every response's browser hardening in one hook (等保 2.0 reviews ask for these headers).
  app.addHook('onSend', async (req, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (routePath(req).startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (req.protocol === 'https' || o.config.mode === 'production') reply.header('strict-transport-security', HSTS);
  });
}
