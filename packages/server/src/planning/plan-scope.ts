// Who may see and change a plan. A plan belongs to its region: users scoped to the region (or an area
// containing it) may read it, and so may users of an area inside it (a county works under the city plan and
// sees it, evaluated for its own county). Changing a plan needs a write role scoped to the region or above.
import { canWrite, mayReadArea, mayWriteArea, type Principal } from '@weijian/core/identity';
import type { PlanningServices } from './services.ts';
import { forbidden } from '../platform/errors.ts';
import { withinFn } from '../registry/scope.ts';

export async function mayReadPlan(ctx: PlanningServices, p: Principal, plan: { regionCode: string }): Promise<boolean> {
  if (p.role === 'admin') return true;
  if (p.role === 'institution' || !p.scopeAreaCode) return false;
  const within = await withinFn(ctx);
  return mayReadArea(p, plan.regionCode, within) || within(p.scopeAreaCode, plan.regionCode);
}

export async function assertPlanReadable(ctx: PlanningServices, p: Principal, plan: { regionCode: string }) {
  if (!(await mayReadPlan(ctx, p, plan))) throw forbidden();
}

export async function assertRegionWritable(ctx: PlanningServices, p: Principal, regionCode: string) {
  if (!canWrite(p) || !mayWriteArea(p, regionCode, await withinFn(ctx))) throw forbidden();
}

export async function assertPlanWritable(ctx: PlanningServices, p: Principal, plan: { regionCode: string }) {
  await assertRegionWritable(ctx, p, plan.regionCode);
}

/** The area a caller sees a plan evaluated for by default: the region, or the caller's own area inside it. */
export async function defaultArea(ctx: PlanningServices, p: Principal, plan: { regionCode: string }): Promise<string> {
  if (p.role === 'admin' || !p.scopeAreaCode) return plan.regionCode;
  const within = await withinFn(ctx);
  return mayReadArea(p, plan.regionCode, within) ? plan.regionCode : p.scopeAreaCode;
}
