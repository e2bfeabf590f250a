// What the identity routes answer: the signed-in user (auth) and the accounts an administrator manages.
import { z } from 'zod';
import { BilingualText, pageOf, Timestamp } from '../platform/openapi-wire.ts';

const Role = z.enum(['admin', 'city', 'county', 'institution', 'readonly', 'resident']);

/** An account as stored (never its password hash). */
export const User = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    scopeAreaCode: z.string().nullable(),
    scopeInstitutionId: z.number().nullable(),
    scopeAreaName: z.string().nullable().describe('the name of the scope area'),
    scopeInstitutionName: z.string().nullable().describe('the name of the scope institution'),
    residentCountyCode: z.string().nullable().describe("a resident user's own record: its county"),
    residentId: z.number().nullable().describe("a resident user's own record: its id in the care context"),
    active: z.boolean(),
    mustChangePassword: z.boolean().describe('must choose a new password at the next sign-in'),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });

/** The signed-in user as the web shell shows it. */
export const Me = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    roleLabel: BilingualText,
    scopeAreaCode: z.string().nullable(),
    scopeAreaName: z.string().nullable(),
    scopeInstitutionId: z.number().nullable(),
    mustChangePassword: z
      .boolean()
      .describe('until the user chooses a new password, other routes answer 403 PASSWORD_CHANGE_REQUIRED'),
  })
  .meta({ id: 'Me' });

/** Sign-in answers the user as GET /auth/me does, so the shell can show them without asking again. */
export const LoginResult = z.object({ user: Me });
export const MeResult = z.object({ user: Me });
export const Ok = z.object({ ok: z.boolean() });
export const UserList = pageOf(User);
export const UserCreated = z.object({ user: User });
export const UserResult = z.object({ user: User });
