// Scope checks shared by the registry routes: one place that turns "outside your area" into 403.
import { mayReadArea, mayWriteArea, type Principal } from '@weijian/core/identity';
import type { AppContext } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';
import { currentYear } from './areas-service.ts';

export async function withinFn(ctx: AppContext, year = currentYear()) {
  const tree = await ctx.areas.tree();
  return (code: string, root: string) => tree.isWithin(code, root, year) || tree.isWithin(code, root, currentYear());
}

export async function assertAreaReadable(ctx: AppContext, p: Principal, code: string, year?: number) {
  if (!mayReadArea(p, code, await withinFn(ctx, year))) throw forbidden();
}

export async function assertAreaWritable(ctx: AppContext, p: Principal, code: string, year?: number) {
  if (!mayWriteArea(p, code, await withinFn(ctx, year))) throw forbidden();
}
