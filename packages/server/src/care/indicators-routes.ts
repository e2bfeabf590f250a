// GET /care/indicators (the care indicators of an area-year with their definitions) and
// GET /care/indicators/map (one indicator for each child area: townships of a county, villages of a township).
import { CARE_INDICATOR_CODES } from '@weijian/core/care';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../platform/errors.ts';
import { policyOf } from '../platform/request.ts';
import { careIndicatorDefs } from './indicators.ts';
import { CareIndicatorMap, CareIndicators } from './indicators-wire.ts';
import type { CareServices } from './services.ts';

const Area = z.string().regex(/^\d{2,12}$/);
const Year = z.coerce.number().int().min(2000).max(2100);

export async function careIndicatorRoutes(app: FastifyInstance, s: CareServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/care/indicators',
    {
      schema: {
        querystring: z.object({ area: Area, year: Year }),
        response: { 200: CareIndicators },
        tags: ['care'],
        description:
          'The care indicators of an area and year computed from the records (numerator, denominator, value in %, definition); nulls where the area-year has no care records',
      },
    },
    async (req) => {
      const { area, year } = req.query;
      await policyOf(req).requireReadArea(area, year);
      const tree = await s.areas.tree();
      const node = tree.get(area);
      if (!node) throw notFound({ zh: `区划 ${area}`, en: `Area ${area}` });
      const figures = await s.indicators.figures([area], year);
      return { area, name: node.name, year, indicators: figures.get(area) ?? [] };
    },
  );

  api.get(
    '/care/indicators/map',
    {
      schema: {
        querystring: z.object({ area: Area, year: Year, code: z.enum(CARE_INDICATOR_CODES) }),
        response: { 200: CareIndicatorMap },
        tags: ['care'],
        description: 'One care indicator for every child area of `area` valid in the year (townships, villages)',
      },
    },
    async (req) => {
      const { area, year, code } = req.query;
      await policyOf(req).requireReadArea(area, year);
      const tree = await s.areas.tree();
      if (!tree.get(area)) throw notFound({ zh: `区划 ${area}`, en: `Area ${area}` });
      const def = careIndicatorDefs().find((d) => d.code === code)!;
      const children = tree.childrenIn(tree.resolveIn(area, year) ?? area, year);
      const figures = await s.indicators.figures(
        children.map((c) => c.code),
        year,
      );
      const note = 'note' in def.source && def.source.note ? def.source.note : { zh: '', en: '' };
      return {
        area,
        year,
        code,
        zh: def.zh,
        en: def.en,
        definition: note,
        areas: children.map((c) => {
          const f = figures.get(c.code)?.find((x) => x.code === code);
          return {
            code: c.code,
            name: c.name,
            level: c.level,
            numerator: f?.numerator ?? null,
            denominator: f?.denominator ?? null,
            value: f?.value ?? null,
            source: f?.source ?? null,
          };
        }),
      };
    },
  );
}
