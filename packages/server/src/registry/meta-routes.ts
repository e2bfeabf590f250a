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
import type { RegistryServices } from './services.ts';
import { principalOf } from '../platform/request.ts';
import { getInstitution } from './institutions-repo.ts';

export async function metaRoutes(app: FastifyInstance, ctx: RegistryServices) {
  app.get('/meta', { schema: { tags: ['registry'] } }, async (req) => {
    const p = principalOf(req);
    const { rows } = await ctx.db.query<{ key: string; value: unknown }>(
      `select key, value from settings where key in ('demo', 'years')`,
    );
    const settings = Object.fromEntries(rows.map((r) => [r.key, r.value])) as {
      demo?: { cityCode: string; fromYear: number; toYear: number; seed: number; scale: number };
    };
    const { rows: span } = await ctx.db.query<{ min: number | null; max: number | null }>(
      'select min(year)::int as min, max(year)::int as max from institution_resources',
    );
    const thisYear = new Date().getFullYear();
    const min = span[0]?.min ?? thisYear - 1;
    const max = span[0]?.max ?? thisYear - 1;
    const years: number[] = [];
    for (let y = min; y <= max; y++) years.push(y);
    let rootAreaCode = p.scopeAreaCode ?? settings.demo?.cityCode ?? (await busiestCity(ctx));
    if (p.role === 'institution' && p.scopeInstitutionId) {
      rootAreaCode = (await getInstitution(ctx.db, p.scopeInstitutionId))?.areaCode ?? null;
    }
    return {
      years,
      defaultYear: max,
      rootAreaCode,
      synthetic: Boolean(settings.demo),
      demo: settings.demo ?? null,
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

/** Without a demo city, an administrator starts at the city holding most institutions (the commission's own). */
async function busiestCity(ctx: RegistryServices): Promise<string | null> {
  const { rows } = await ctx.db.query<{ code: string }>(
    'select substr(county_code, 1, 4) as code from institutions group by 1 order by count(*) desc limit 1',
  );
  return rows[0]?.code ?? null;
}
