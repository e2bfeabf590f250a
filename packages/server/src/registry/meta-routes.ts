// What the UI needs to draw its forms and filters, so no domain lists are hard-coded in the web code.

import { ROLE_LABELS, ROLES } from '@weijian/core/identity';
import {
  GRADE_CLASSES,
  GRADE_LEVELS,
  INSTITUTION_CATEGORIES,
  NETWORK_TYPES,
  OWNERSHIPS,
  POPULATION_FIELDS,
  RESOURCE_FIELDS,
  SUMMARY_RATIOS,
} from '@weijian/core/registry';
import type { FastifyInstance } from 'fastify';
import { policyOf } from '../platform/request.ts';
import { Meta } from './registry-wire.ts';
import type { RegistryServices } from './services.ts';

export async function metaRoutes(app: FastifyInstance, ctx: RegistryServices) {
  app.get('/meta', { schema: { response: { 200: Meta }, tags: ['registry'] } }, async (req) => {
    const { years, defaultYear, rootAreaCode, demo } = await ctx.meta.start(policyOf(req));
    return {
      years,
      defaultYear,
      rootAreaCode,
      synthetic: Boolean(demo),
      demo,
      resourceFields: RESOURCE_FIELDS,
      populationFields: POPULATION_FIELDS,
      summaryRatios: SUMMARY_RATIOS,
      institutionCategories: INSTITUTION_CATEGORIES,
      ownerships: OWNERSHIPS,
      gradeLevels: GRADE_LEVELS,
      gradeClasses: GRADE_CLASSES,
      networkTypes: NETWORK_TYPES,
      roles: ROLES.map((r) => ({ code: r, ...ROLE_LABELS[r] })),
    };
  });
}
