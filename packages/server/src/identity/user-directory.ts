// What identity publishes about its users to the other contexts, the CLI and the demo: look-ups by name
// and id, the platform administrator as the principal of operator commands, and the demo's users.
// Nobody else reads the users table.
import type { Principal, Role } from '@weijian/core/identity';
import type { Db, Queryable } from '../platform/db.ts';
import { insertUser, type UserRow } from './users-repo.ts';

/** A user as other contexts see it (never the password hash). */
export type DirectoryUser = Omit<UserRow, 'createdAt' | 'mustChangePassword'>;

/** A demo account, created with the demo password when missing and re-activated when present. */
export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  scopeAreaCode?: string | null;
  scopeInstitutionId?: number | null;
  /** A resident user's own record (role 'resident'): the care context's county and record id. */
  residentCountyCode?: string | null;
  residentId?: number | null;
}

const COLUMNS = `id, username, display_name as "displayName", role, scope_area_code as "scopeAreaCode",
  scope_institution_id as "scopeInstitutionId", resident_county_code as "residentCountyCode",
  resident_id::float8 as "residentId", active`;

export const ADMIN_USERNAME = 'admin';

export class UserDirectory {
  constructor(private readonly db: Db) {}

  async byUsername(username: string, q: Queryable = this.db): Promise<DirectoryUser | null> {
    const { rows } = await q.query<DirectoryUser>(`select ${COLUMNS} from users where username = $1`, [username]);
    return rows[0] ?? null;
  }

  async byId(id: number, q: Queryable = this.db): Promise<DirectoryUser | null> {
    const { rows } = await q.query<DirectoryUser>(`select ${COLUMNS} from users where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Many users in one query (e.g. the assignees named in a list), by id. */
  async byIds(ids: readonly number[], q: Queryable = this.db): Promise<Map<number, DirectoryUser>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const { rows } = await q.query<DirectoryUser>(`select ${COLUMNS} from users where id = any($1::int[])`, [unique]);
    return new Map(rows.map((u) => [u.id, u]));
  }

  /** Users holding one of `roles` (active ones only unless told otherwise), by id. */
  async withRoles(
    roles: readonly Role[],
    opts: { activeOnly?: boolean } = {},
    q: Queryable = this.db,
  ): Promise<DirectoryUser[]> {
    const { rows } = await q.query<DirectoryUser>(
      `select ${COLUMNS} from users where role = any($1::text[]) and ($2::boolean is false or active) order by id`,
      [[...roles], opts.activeOnly ?? true],
    );
    return rows;
  }

  /** The health record a resident user is linked to (care's county and record id); null for other users. */
  async residentOf(userId: number, q: Queryable = this.db): Promise<{ countyCode: string; residentId: number } | null> {
    const { rows } = await q.query<{ countyCode: string; residentId: number }>(
      `select resident_county_code as "countyCode", resident_id::float8 as "residentId"
         from users where id = $1 and role = 'resident' and active and resident_id is not null`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** The platform administrator, as whom the command line and the demo act. */
  async adminPrincipal(q: Queryable = this.db): Promise<Principal> {
    const admin = await this.byUsername(ADMIN_USERNAME, q);
    if (!admin) throw new Error('no admin user');
    return { userId: admin.id, username: admin.username, role: 'admin', scopeAreaCode: null, scopeInstitutionId: null };
  }

  /** Creates each demo user that is missing (with `password`) and re-activates those that exist. */
  async ensureDemoUsers(users: readonly DemoUser[], password: string, q: Queryable = this.db): Promise<void> {
    for (const u of users) {
      const existing = await this.byUsername(u.username, q);
      if (existing) await q.query('update users set active = true where id = $1', [existing.id]);
      else await insertUser(q, { ...u, password });
    }
  }

  /** Removes the users of these names and roles, with their sessions (a demo reset's own accounts). */
  async removeUsers(usernames: readonly string[], role: string, q: Queryable = this.db): Promise<number> {
    if (usernames.length === 0) return 0;
    const named = 'select id from users where username = any($1::text[]) and role = $2';
    await q.query(`delete from sessions where user_id in (${named})`, [[...usernames], role]);
    const { rows } = await q.query(`delete from users where id in (${named}) returning id`, [[...usernames], role]);
    return rows.length;
  }

  /**
   * Removes the users bound to these institutions, with their sessions: an institution user cannot
   * outlive its institution (the scope is a foreign key and such a user must have one).
   */
  async removeInstitutionUsers(institutionIds: readonly number[], q: Queryable = this.db): Promise<number> {
    if (institutionIds.length === 0) return 0;
    const bound = 'select id from users where scope_institution_id = any($1::int[])';
    await q.query(`delete from sessions where user_id in (${bound})`, [[...institutionIds]]);
    const { rows } = await q.query(`delete from users where id in (${bound}) returning id`, [[...institutionIds]]);
    return rows.length;
  }
}
