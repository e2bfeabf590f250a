// Superseded by the request's AccessPolicy (policyOf(req).requireReadArea/requireWriteArea) and
// AreasService.withinFn; kept only while surveillance's analysis routes still import it (the lead removes it).
import { mayReadArea, mayWriteArea, type Principal } from '@weijian/core/identity';
import type { AreasService } from './areas-service.ts';

type HasAreas = { areas: AreasService };

import { forbidden } from '../platform/errors.ts';
import { currentYear } from './areas-service.ts';

export async function withinFn(ctx: HasAreas, year = currentYear()) {
  return ctx.areas.withinFn(year);
}

export async function assertAreaReadable(ctx: HasAreas, p: Principal, code: string, year?: number) {
  if (!mayReadArea(p, code, await withinFn(ctx, year))) throw forbidden();
}

export async function assertAreaWritable(ctx: HasAreas, p: Principal, code: string, year?: number) {
  if (!mayWriteArea(p, code, await withinFn(ctx, year))) throw forbidden();
}
