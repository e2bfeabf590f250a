// What the network administration routes answer: a network with its members (closed ones included, as
// history) and the name of the county it belongs to.
import { z } from 'zod';
import { Timestamp } from '../platform/openapi-wire.ts';
import { Network } from './registry-wire.ts';

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

export const NetworkDetail = Network.extend({
  version: z.number(),
  updatedAt: Timestamp,
  memberList: z.array(NetworkMember),
}).meta({ id: 'NetworkDetail' });
