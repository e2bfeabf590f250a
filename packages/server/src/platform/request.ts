// What a route handler learns about its caller: the principal resolved by the auth hook, the access policy
// built from it, and the actor the audit log names.
import type { Principal } from '@weijian/core/identity';
import type { FastifyRequest } from 'fastify';
import type { AccessPolicy } from './access-policy.ts';
import type { Actor } from './audit.ts';
import { unauthenticated } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    policy: AccessPolicy | null;
  }
}

/** The signed-in caller; handlers behind the auth hook can rely on it. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

/** The caller's access policy (built once per request by the auth hook). */
export function policyOf(req: FastifyRequest): AccessPolicy {
  if (!req.policy) throw unauthenticated();
  return req.policy;
}

export const actorOf = (req: FastifyRequest): Actor => ({ principal: req.principal, ip: req.ip });

/** The request's path as the router matches it (percent-decoded), so `/api/%761/…` cannot slip past a check. */
export function routePath(req: FastifyRequest): string {
  const raw = req.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
