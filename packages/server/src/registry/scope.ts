// Scope checks shared by the registry routes: one place that turns "outside your area" into 403.
import { mayReadArea, mayWriteArea, type Principal } from '@weijian/core/identity';
import type { AreasService } from './areas-service.ts';

type HasAreas = { areas: AreasService };

import { forbidden } from '../platform/errors.ts';
import { currentYear } from './areas-service.ts';

export async function withinFn(ctx: HasAreas, year = currentYear()) {
  const tree = await ctx.areas.tree();
  return (code: string, root: string) => tree.isWithin(code, root, year) || tree.isWithin(code, root, currentYear());
}

export async function assertAreaReadable(ctx: HasAreas, p: Principal, code: string, year?: number) {
  if (!mayReadArea(p, code, await withinFn(ctx, year))) throw forbidden();
}

export async function assertAreaWritable(ctx: HasAreas, p: Principal, code: string, year?: number) {
  if (!mayWriteArea(p, code, await withinFn(ctx, year))) throw forbidden();
}
