// Family-doctor teams, service packages, contracts and programme enrolments (/api/v1/care/…).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../platform/input.ts';
import { actorOf, policyOf } from '../platform/request.ts';
import {
  Contract,
  ContractInput,
  ContractList,
  ContractRenewal,
  Enrolment,
  EnrolmentEdit,
  EnrolmentInput,
  EnrolmentList,
  Package,
  PackageInput,
  PackageList,
  Team,
  TeamEdit,
  TeamInput,
  TeamList,
} from './care-wire.ts';
import { ENROLMENT_END_REASONS } from './programmes-service.ts';
import type { CareServices } from './services.ts';

const RowIdParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const RowIdQuery = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional();
const Flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const tags = ['care'];

export async function programmesRoutes(app: FastifyInstance, s: CareServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/care/teams',
    {
      schema: {
        querystring: z.object({
          institution: Id.optional(),
          county: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          closed: Flag,
        }),
        response: { 200: TeamList },
        tags,
        description:
          'Family-doctor teams the caller may see (institution users: their institution’s; area users: their area’s), optionally of one institution or county; closed teams only with closed=true.',
      },
    },
    (req) =>
      s.teams.list(policyOf(req), {
        institutionId: req.query.institution,
        county: req.query.county,
        includeClosed: req.query.closed,
      }),
  );

  api.post(
    '/care/teams',
    {
      schema: {
        body: TeamInput,
        response: { 201: Team },
        tags,
        description:
          'Creates a team of an institution (county/city users in their area, institution users for their own institution). Members may be platform users (userId): their work lists hold the team’s contracted residents. 409 when the county already has the code.',
      },
    },
    async (req, reply) => reply.status(201).send(await s.teams.create(policyOf(req), actorOf(req), req.body)),
  );

  api.get(
    '/care/teams/:id',
    { schema: { params: RowIdParam, response: { 200: Team }, tags, description: 'One team with its members.' } },
    (req) => s.teams.get(policyOf(req), req.params.id),
  );

  api.put(
    '/care/teams/:id',
    {
      schema: {
        params: RowIdParam,
        body: TeamEdit,
        response: { 200: Team },
        tags,
        description: 'Renames, re-leads, closes a team or replaces its members (the list given replaces the old one).',
      },
    },
    (req) => s.teams.update(policyOf(req), actorOf(req), req.params.id, req.body),
  );

  api.get(
    '/care/packages',
    {
      schema: {
        querystring: z.object({
          county: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 200: PackageList },
        tags,
        description: 'Service packages (签约服务包) of the counties the caller sees.',
      },
    },
    (req) => s.teams.packages(policyOf(req), req.query.county),
  );

  api.post(
    '/care/packages',
    {
      schema: {
        body: PackageInput,
        response: { 201: Package },
        tags,
        description: 'A county’s service package (county and city users of the county, the administrator).',
      },
    },
    async (req, reply) => reply.status(201).send(await s.teams.createPackage(policyOf(req), actorOf(req), req.body)),
  );

  api.get(
    '/care/contracts',
    {
      schema: {
        querystring: z.object({ resident: RowIdQuery, team: RowIdQuery, active: Flag }),
        response: { 200: ContractList },
        tags,
        description:
          'Contracts of a resident or a team (within the caller’s scope; at most 1,000, newest first); active=true: those covering today.',
      },
    },
    (req) =>
      s.programmes.contracts(policyOf(req), {
        residentId: req.query.resident,
        teamId: req.query.team,
        activeOnly: req.query.active,
      }),
  );

  api.post(
    '/care/contracts',
    {
      schema: {
        body: ContractInput,
        response: { 201: Contract },
        tags,
        description:
          'Signs a resident with a team of their county for [start, end]. 409 naming the existing contract when one overlaps the period (renew or cancel it first).',
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s.programmes.createContract(policyOf(req), actorOf(req), req.body)),
  );

  api.post(
    '/care/contracts/:id/renew',
    {
      schema: {
        params: RowIdParam,
        body: ContractRenewal,
        response: { 201: Contract },
        tags,
        description:
          'Renews a contract: a new contract with the same team (renewedFrom = this one), starting the day after this one ends unless `start` is given.',
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s.programmes.renewContract(policyOf(req), actorOf(req), req.params.id, req.body)),
  );

  api.post(
    '/care/contracts/:id/cancel',
    {
      schema: { params: RowIdParam, response: { 200: Contract }, tags, description: 'Cancels (解约) a contract.' },
    },
    (req) => s.programmes.cancelContract(policyOf(req), actorOf(req), req.params.id),
  );

  api.get(
    '/care/residents/:id/enrolments',
    {
      schema: {
        params: RowIdParam,
        response: { 200: EnrolmentList },
        tags,
        description:
          'A resident’s programme enrolments, newest first, and their key-population flags today (65+, children 0–6, each programme managed, pregnant, disabled, poor).',
      },
    },
    (req) => s.programmes.enrolments(policyOf(req), req.params.id),
  );

  api.post(
    '/care/residents/:id/enrolments',
    {
      schema: {
        params: RowIdParam,
        body: EnrolmentInput,
        response: { 201: Enrolment },
        tags,
        description:
          'Enrols a resident in a programme (the record’s keeper or contracted team). One open enrolment per programme (409 naming it); hypertension from 35 years of age, the child programme under 7, maternal care for women (422). The doctor whose work list holds the patient defaults to the caller when an institution user.',
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s.programmes.enrol(policyOf(req), actorOf(req), req.params.id, req.body)),
  );

  api.put(
    '/care/enrolments/:id',
    {
      schema: {
        params: RowIdParam,
        body: EnrolmentEdit.extend({
          endReason: z
            .enum(ENROLMENT_END_REASONS)
            .nullish()
            .describe('why management ended (结案), with `end`; kept in the audit trail'),
        }),
        response: { 200: Enrolment },
        tags,
        description:
          'Ends an enrolment (end date and reason: 结案) or changes its doctor, institution or delivery date.',
      },
    },
    (req) => s.programmes.editEnrolment(policyOf(req), actorOf(req), req.params.id, req.body),
  );
}
