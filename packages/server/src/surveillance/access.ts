// Surveillance's own access rules, judged by the request's access policy (platform/access-policy.ts).
import { hasRight } from '@weijian/core/identity';
import type { AccessPolicy } from '../platform/access-policy.ts';

/** Area-level surveillance data (signals, events, KPIs, sources): admins and users with an area; not institutions. */
export function requireAreaReader(policy: AccessPolicy): void {
  policy.requireRight('readArea');
  policy.require(policy.isAdmin || !!policy.scopeAreaCode);
}

/** Working an event (steps, assignment, notes): a user who may write, not an institution user. */
export function requireEventWriter(policy: AccessPolicy): void {
  policy.requireWrite();
  policy.requireRight('writeArea');
}

/** Detector settings, streams and on-demand runs: platform and city administrators. */
export function mayConfigure(policy: AccessPolicy): boolean {
  return hasRight(policy.role, 'configure');
}

export function requireConfigure(policy: AccessPolicy): void {
  policy.requireWrite();
  policy.requireRight('configure');
}
