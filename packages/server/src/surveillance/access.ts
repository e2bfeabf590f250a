// Surveillance's own access rules, judged by the request's access policy (platform/access-policy.ts).
import type { AccessPolicy } from '../platform/access-policy.ts';

/** Area-level surveillance data (signals, events, KPIs, sources): admins and users with an area; not institutions. */
export function requireAreaReader(policy: AccessPolicy): void {
  policy.require(policy.isAdmin || (policy.role !== 'institution' && !!policy.scopeAreaCode));
}

/** Working an event (steps, assignment, notes): a user who may write, not an institution user. */
export function requireEventWriter(policy: AccessPolicy): void {
  policy.require(policy.canWrite && policy.role !== 'institution');
}

/** Detector settings, streams and on-demand runs: platform and city administrators. */
export function mayConfigure(policy: AccessPolicy): boolean {
  return policy.canWrite && (policy.role === 'admin' || policy.role === 'city');
}

export function requireConfigure(policy: AccessPolicy): void {
  policy.require(mayConfigure(policy));
}
