// What GET /audit answers: audit_log rows, newest first.
import { z } from 'zod';
import { cursorPageOf, Timestamp } from './openapi-wire.ts';

export const AuditEntry = z
  .object({
    id: z.number(),
    at: Timestamp,
    userId: z.number().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    areaCode: z.string().nullable(),
    ip: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditList = cursorPageOf(AuditEntry);
