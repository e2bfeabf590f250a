// Follow-ups and checks (/api/v1/care/followups, /care/checks): saved with the rules' assessment, or the
// assessment previewed for the form.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, policyOf } from '../platform/request.ts';
import { CheckInput, CheckSaved, FollowupAssessment, FollowupInput, FollowupSaved } from './care-wire.ts';
import type { CareServices } from './services.ts';

const tags = ['care'];

export async function followupsRoutes(app: FastifyInstance, s: CareServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/care/followups',
    {
      schema: {
        body: FollowupInput,
        response: { 201: FollowupSaved },
        tags,
        description:
          'Saves a follow-up of an enrolled resident (the record’s keeper or contracted team) and answers the 规范’s assessment stored with it: classification (from the readings unless an adverse reaction or complication is given), nextDue, urgent (SBP ≥180 or DBP ≥110, FBG ≥16.7 or ≤3.9), referralSuggested (two consecutive uncontrolled). Dates not in the future, before birth or after death (422 per field).',
      },
    },
    async (req, reply) => reply.status(201).send(await s.followups.save(policyOf(req), actorOf(req), req.body)),
  );

  api.post(
    '/care/followups/assess',
    {
      schema: {
        body: FollowupInput,
        response: { 200: FollowupAssessment },
        tags,
        description:
          'The same assessment as POST /care/followups, nothing saved: the form shows the proposed next date live.',
      },
    },
    (req) => s.followups.assess(policyOf(req), req.body),
  );

  api.post(
    '/care/checks',
    {
      schema: {
        body: CheckInput,
        response: { 201: CheckSaved },
        tags,
        description:
          'Saves a check: elderly-annual (residents turning 65+ that year), child (under 7), prenatal, postpartum, postpartum-42 (women).',
      },
    },
    async (req, reply) => reply.status(201).send(await s.followups.saveCheck(policyOf(req), actorOf(req), req.body)),
  );
}
