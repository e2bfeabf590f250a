// HTTP routes of the access context under /api/v1/access: road networks (import, list, map GeoJSON), speed
// profiles, per-village nearest facility, coverage, uncovered villages and travel-time matrices. Scope: area
// readers read; importing a city's network takes the configure right over the city; profiles are the
// administrator's.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaCode, Id, IdNumber, Str } from '../platform/input.ts';
import { uploadedFile } from '../platform/multipart.ts';
import { policyOf } from '../platform/request.ts';
import {
  CoverageResult,
  InstitutionsLayer,
  NearestResult,
  RoadImportResult,
  RoadNetworkList,
  SpeedProfileWire,
  TravelTimesResult,
  UncoveredResult,
} from './access-wire.ts';
import { accessAnalysisRoutes } from './analysis-routes.ts';
import type { AccessServices } from './services.ts';

const TAGS = ['access'];

import { FacilityQuery, Minutes, Profile } from './access-query.ts';

const Point = z.union([
  z.object({ institutionId: IdNumber }),
  z.object({ id: Str(100).optional(), lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
]);

export async function accessRoutes(app: FastifyInstance, s: AccessServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/access/networks',
    {
      schema: {
        querystring: z.object({ city: AreaCode.optional() }),
        response: { 200: RoadNetworkList },
        tags: TAGS,
        description: 'Road networks of the caller’s city (or the city asked), current and replaced',
      },
    },
    async (req) => s.networks.list(policyOf(req), req.query.city),
  );

  api.post(
    '/access/networks',
    {
      schema: {
        querystring: z.object({ city: AreaCode, name: Str(200).optional(), profile: Profile.optional() }),
        consumes: ['multipart/form-data'],
        response: { 201: RoadImportResult },
        tags: TAGS,
        description:
          'Multipart field `file`: .osm.pbf, .osm (XML) or .geojson (LineStrings with highway / speed_kmh / oneway / maxspeed). Parsed whole, then written in one transaction as the city’s current network; any error → 422 and nothing changes.',
      },
    },
    async (req, reply) => {
      const policy = policyOf(req);
      // Refused before the body is read.
      await s.networks.requireCity(policy, req.query.city);
      const file = await uploadedFile(req);
      const out = await s.networks.importFile(policy, req.query, file);
      return reply.status(201).send(out);
    },
  );

  api.get(
    '/access/networks/:id/geojson',
    {
      schema: {
        params: z.object({ id: Id }),
        querystring: z.object({
          classes: z
            .string()
            .regex(/^[a-z_]+(,[a-z_]+){0,30}$/)
            .optional()
            .transform((v) => (v ? v.split(',') : undefined))
            .describe('only these highway classes (e.g. trunk,primary,secondary for a city view)'),
        }),
        response: {
          200: z
            .object({
              type: z.literal('FeatureCollection'),
              network: z.object({ id: z.number(), synthetic: z.boolean() }),
              features: z.array(z.unknown()),
            })
            .meta({ id: 'RoadNetworkGeojson' }),
        },
        tags: TAGS,
        description:
          'The current network’s lines for the map: LineString features with highway and oneway, coordinates to 5 decimals',
      },
    },
    async (req) => s.networks.geojson(policyOf(req), req.params.id, req.query.classes),
  );

  api.get(
    '/access/profiles',
    { schema: { response: { 200: z.object({ items: z.array(SpeedProfileWire) }) }, tags: TAGS } },
    async (req) => {
      policyOf(req).requireRight('readArea');
      const all = await s.networks.profiles();
      return {
        items: (['drive', 'walk'] as const).map((name) => ({
          name,
          speeds: all[name].profile.speeds,
          defaultKmh: all[name].profile.defaultKmh,
          offroadKmh: all[name].profile.offroadKmh,
          version: all[name].version,
          edited: all[name].edited,
        })),
      };
    },
  );

  api.put(
    '/access/profiles/:name',
    {
      schema: {
        params: z.object({ name: Profile }),
        body: z.object({
          speeds: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.number().min(0).max(200)),
          defaultKmh: z.number().min(0.5).max(200),
          offroadKmh: z.number().min(0.5).max(60),
          version: z.number().int().min(0),
        }),
        response: { 200: SpeedProfileWire },
        tags: TAGS,
        description: 'Edit a speed profile (administrators): travel times of every city follow at the next request',
      },
    },
    async (req) => {
      const { version, ...edit } = req.body;
      const p = await s.networks.editProfile(policyOf(req), req.params.name, edit, version);
      return {
        name: req.params.name,
        speeds: p.profile.speeds,
        defaultKmh: p.profile.defaultKmh,
        offroadKmh: p.profile.offroadKmh,
        version: p.version,
        edited: p.edited,
      };
    },
  );

  api.get(
    '/access/nearest',
    {
      schema: {
        querystring: z.object(FacilityQuery),
        response: { 200: NearestResult },
        tags: TAGS,
        description:
          'Every village under the area with its travel minutes to the nearest institution of the categories',
      },
    },
    async (req) => s.analysis.nearest(policyOf(req), req.query.area, req.query),
  );

  api.get(
    '/access/institutions',
    {
      schema: {
        querystring: z.object({ area: AreaCode.optional(), categories: FacilityQuery.categories }),
        response: { 200: InstitutionsLayer },
        tags: TAGS,
        description:
          'Every located institution of the categories under the area, for the map layer (no page limit: compact rows, the facilities coverage counts)',
      },
    },
    async (req) => s.analysis.institutionsLayer(policyOf(req), req.query.area, req.query.categories),
  );

  api.get(
    '/access/coverage',
    {
      schema: {
        querystring: z.object({ ...FacilityQuery, minutes: Minutes.default(15) }),
        response: { 200: CoverageResult },
        tags: TAGS,
        description:
          'Share of households (residents ÷ 2.62 per village) and residents within the minutes of the nearest institution, for the area and each child area',
      },
    },
    async (req) => s.analysis.coverage(policyOf(req), req.query.area, req.query.minutes, req.query),
  );

  api.get(
    '/access/uncovered',
    {
      schema: {
        querystring: z.object({ ...FacilityQuery, minutes: Minutes.default(15) }),
        response: { 200: UncoveredResult },
        tags: TAGS,
        description: 'Villages beyond the minutes (or off the network), most households first (at most 500)',
      },
    },
    async (req) => s.analysis.uncovered(policyOf(req), req.query.area, req.query.minutes, req.query),
  );

  api.post(
    '/access/travel-times',
    {
      schema: {
        body: z.object({
          area: AreaCode,
          origins: z.array(Point).min(1).max(1000),
          destinations: z.array(Point).min(1).max(1000),
          profile: Profile.optional(),
          offroadKmh: z.number().min(0.5).max(60).optional(),
        }),
        response: { 200: TravelTimesResult },
        tags: TAGS,
        description: 'Travel minutes origins × destinations on the city’s network (coordinates or institution ids)',
      },
    },
    async (req) => s.analysis.travelTimes(policyOf(req), req.body),
  );

  await accessAnalysisRoutes(app, s);
}
