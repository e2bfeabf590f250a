// What the network administration routes answer: a network with its members (closed ones included, as
// history) and the name of the county it belongs to.
import { z } from 'zod';
import { Timestamp } from '../platform/openapi-wire.ts';

export const NetworkMember = z
  .object({
    id: z.number(),
    name: z.string(),
    category: z.string(),
    areaCode: z.string(),
    areaName: z.string().nullable(),
    countyCode: z.string(),
    closedOn: z.string().nullable().describe('the member was closed (撤销) on this day; it stays as history'),
    isLead: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'NetworkMember' });

export const NetworkDetail = z
  .object({
    id: z.number(),
    name: z.string(),
    type: z.string(),
    countyCode: z.string(),
    countyName: z.string().nullable(),
    leadInstitutionId: z.number().nullable(),
    leadName: z.string().nullable(),
    members: z.number().describe('current members (closed ones not counted)'),
    version: z.number(),
    updatedAt: Timestamp,
    memberList: z.array(NetworkMember),
  })
  .meta({ id: 'NetworkDetail' });
