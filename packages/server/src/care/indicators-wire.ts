// What the care indicator routes answer (GET /care/indicators, /care/indicators/map).
import { z } from 'zod';
import { BilingualText } from '../platform/openapi-wire.ts';

const num = z.number().nullable();

/** One care indicator of an area-year, with its definition (shown next to the figure). */
export const CareIndicatorFigure = z
  .object({
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    numerator: num,
    denominator: num,
    value: num.describe('in %; null without care records or with a zero denominator'),
    source: z
      .enum(['care'])
      .nullable()
      .describe('care: computed from the records; null: no care records for the area-year'),
    denominatorSource: z.enum(['care', 'registry']).describe('registry: 常住人口 by age of the registry'),
    definition: BilingualText,
    asOf: z.string().nullable(),
  })
  .meta({ id: 'CareIndicatorFigure' });

export const CareIndicators = z
  .object({ area: z.string(), name: z.string().nullable(), year: z.number(), indicators: z.array(CareIndicatorFigure) })
  .meta({ id: 'CareIndicators' });

/** One indicator for every child area (townships of a county, villages of a township). */
export const CareIndicatorMap = z
  .object({
    area: z.string(),
    year: z.number(),
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    definition: BilingualText,
    areas: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.number(),
        numerator: num,
        denominator: num,
        value: num,
        source: z.enum(['care']).nullable(),
      }),
    ),
  })
  .meta({ id: 'CareIndicatorMap' });
