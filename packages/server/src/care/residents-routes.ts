// /care/residents…: the person index and health records (search, create, edit, merge, conditions, the audited
// full read with a stated reason where one is needed, openings) and /care/me, the resident's own view.
import { OPENING_REASONS } from '@weijian/core/care';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BigId, Cursor, limit, Str } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import {
  CareMe,
  Condition,
  ConditionInput,
  MergeInput,
  OpeningList,
  ResidentDetail,
  ResidentEdit,
  ResidentInput,
  ResidentList,
} from './residents-wire.ts';
import type { CareServices } from './services.ts';

const IdParam = z.object({ id: BigId });
const tags = ['care'];

export async function residentsRoutes(app: FastifyInstance, s: CareServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/care/residents',
    {
      schema: {
        querystring: z.object({
          q: Str(50).optional().describe('a whole 身份证号 or phone number (exact), else a name prefix'),
          area: z
            .string()
            .regex(/^\d{6,12}$/)
            .optional(),
          cursor: Cursor,
          limit: limit(200, 50),
        }),
        response: { 200: ResidentList },
        tags,
        description:
          'Masked list. By 身份证号 or phone: an exact look-up in every county (a clinician elsewhere finds the record, `standing` null: open it with ?reason=); by name prefix and area: the records the caller keeps, is contracted for, or governs.',
      },
    },
    async (req) => s.residents.search(policyOf(req), req.query),
  );

  api.post(
    '/care/residents',
    {
      schema: {
        body: ResidentInput,
        response: { 201: ResidentDetail },
        tags,
        description:
          '建档. 422 naming each bad field (ID check character, sex/birth date against the ID, phone, area a village of the scope); 409 naming the record that already holds this 身份证号.',
      },
    },
    async (req, reply) => reply.status(201).send(await s.residents.create(policyOf(req), req.body)),
  );

  api.get(
    '/care/residents/:id',
    {
      schema: {
        params: IdParam,
        querystring: z.object({ reason: z.enum(OPENING_REASONS).optional() }),
        response: { 200: ResidentDetail },
        tags,
        description:
          'The full record and its timeline; the opening is logged (the resident sees it). Keeper, contracted team, area officials (identifiers masked) and admin need no reason; another clinician gets 403 REASON_REQUIRED until they send ?reason=treatment|referral|consultation.',
      },
    },
    async (req) => s.residents.open(policyOf(req), req.params.id, req.query.reason),
  );

  api.put(
    '/care/residents/:id',
    {
      schema: {
        params: IdParam,
        body: ResidentEdit,
        response: { 200: ResidentDetail },
        tags,
        description: 'Changes the fields sent (deathDate and movedOut included); keeper, team or the county.',
      },
    },
    async (req) => s.residents.update(policyOf(req), req.params.id, req.body),
  );

  api.post(
    '/care/residents/:id/merge',
    {
      schema: {
        params: IdParam,
        body: MergeInput,
        response: { 200: ResidentDetail },
        tags,
        description:
          'Merges this record into `into` (one person, one county): children re-pointed, this record marked merged; audited. Answers the survivor.',
      },
    },
    async (req) => s.residents.merge(policyOf(req), req.params.id, req.body.into),
  );

  api.get(
    '/care/residents/:id/openings',
    {
      schema: {
        params: IdParam,
        querystring: z.object({ cursor: Cursor, limit: limit(200, 50) }),
        response: { 200: OpeningList },
        tags,
        description: 'Who opened the record, when and on what basis, newest first.',
      },
    },
    async (req) => s.residents.openings(policyOf(req), req.params.id, req.query),
  );

  api.post(
    '/care/residents/:id/conditions',
    {
      schema: {
        params: IdParam,
        body: ConditionInput,
        response: { 200: z.object({ conditions: z.array(Condition) }) },
        tags,
        description: 'Adds (or replaces) a chronic condition by ICD-10 code; answers the record’s conditions.',
      },
    },
    async (req) => ({ conditions: await s.residents.addCondition(policyOf(req), req.params.id, req.body) }),
  );

  api.delete(
    '/care/residents/:id/conditions/:icd10',
    {
      schema: {
        params: z.object({ id: BigId, icd10: Str(10) }),
        response: { 200: z.object({ conditions: z.array(Condition) }) },
        tags,
      },
    },
    async (req) => ({
      conditions: await s.residents.removeCondition(policyOf(req), req.params.id, req.params.icd10),
    }),
  );

  api.get(
    '/care/me',
    {
      schema: {
        response: { 200: CareMe },
        tags,
        description:
          'A resident account’s own record, contracts, programmes, follow-ups and checks, and who opened the record and why (个人信息保护法).',
      },
    },
    async (req) => s.residents.me(policyOf(req)),
  );
}
