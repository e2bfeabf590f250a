// Shapes of the platform endpoints, named from the generated wire contract (./wire.ts): a server schema change
// breaks the web's typecheck instead of its users.
import type { Wire } from './wire.ts';

/** The signed-in user as GET /auth/me (and POST /auth/login) answer it. */
export type User = Wire<'Me'>;

export type Role = User['role'];

/** A fact field (resource or population) as declared in core/registry/fields.ts. */
export type FieldDef = Wire<'FieldDef'>;

/** A coded value (category, ownership, grade…) with labels; categories link to their family by `parent`. */
export type CodeDef = Wire<'CodeDef'>;

/** GET /meta: what the UI needs to draw its forms and filters. */
export type Meta = Wire<'Meta'>;
