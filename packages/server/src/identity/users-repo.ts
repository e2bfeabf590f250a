import type { Role } from '@weijian/core/identity';
import type { Db, Queryable } from '../platform/db.ts';
import { hashPassword } from './passwords.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeAreaCode: string | null;
  scopeInstitutionId: number | null;
  /** A resident user's own health record (care's person index: county and record id); null for other roles. */
  residentCountyCode: string | null;
  residentId: number | null;
  active: boolean;
  /** The user must choose a new password before anything else (set by an administrator's create or reset). */
  mustChangePassword: boolean;
  createdAt: string;
}

const COLUMNS = `id, username, display_name as "displayName", role, scope_area_code as "scopeAreaCode",
  scope_institution_id as "scopeInstitutionId", resident_county_code as "residentCountyCode",
  resident_id::float8 as "residentId", active, must_change_password as "mustChangePassword",
  created_at as "createdAt"`;

export async function findUserForLogin(db: Queryable, username: string) {
  const { rows } = await db.query<UserRow & { passwordHash: string }>(
    `select ${COLUMNS}, password_hash as "passwordHash" from users where username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export async function usernameTaken(q: Queryable, username: string): Promise<boolean> {
  const { rows } = await q.query('select 1 from users where username = $1', [username]);
  return rows.length > 0;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return (await db.query<UserRow>(`select ${COLUMNS} from users order by id`)).rows;
}

export async function insertUser(
  q: Queryable,
  u: {
    username: string;
    displayName: string;
    password: string;
    role: Role;
    scopeAreaCode?: string | null;
    scopeInstitutionId?: number | null;
    residentCountyCode?: string | null;
    residentId?: number | null;
    mustChangePassword?: boolean;
  },
): Promise<UserRow> {
  const { rows } = await q.query<UserRow>(
    `insert into users (username, display_name, password_hash, role, scope_area_code, scope_institution_id,
                        must_change_password, resident_county_code, resident_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${COLUMNS}`,
    [
      u.username,
      u.displayName,
      await hashPassword(u.password),
      u.role,
      u.scopeAreaCode ?? null,
      u.scopeInstitutionId ?? null,
      u.mustChangePassword ?? false,
      u.residentCountyCode ?? null,
      u.residentId ?? null,
    ],
  );
  return rows[0]!;
}

export async function userById(q: Queryable, id: number): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`select ${COLUMNS} from users where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function userByUsername(q: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`select ${COLUMNS} from users where username = $1`, [username]);
  return rows[0] ?? null;
}

/** A user's name, role and scope (the administrator's edit). */
export async function updateUser(
  q: Queryable,
  id: number,
  u: {
    displayName: string;
    role: Role;
    scopeAreaCode: string | null;
    scopeInstitutionId: number | null;
    residentCountyCode: string | null;
    residentId: number | null;
  },
): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(
    `update users set display_name = $2, role = $3, scope_area_code = $4, scope_institution_id = $5,
                      resident_county_code = $6, resident_id = $7
      where id = $1 returning ${COLUMNS}`,
    [id, u.displayName, u.role, u.scopeAreaCode, u.scopeInstitutionId, u.residentCountyCode, u.residentId],
  );
  return rows[0] ?? null;
}

/** A new password hash; `mustChange` says whether the user must replace it at the next sign-in. */
export async function setPassword(q: Queryable, id: number, password: string, mustChange: boolean): Promise<void> {
  await q.query(
    `update users set password_hash = $2, must_change_password = $3, password_changed_at = now() where id = $1`,
    [id, await hashPassword(password), mustChange],
  );
}

export async function setActive(q: Queryable, id: number, active: boolean): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(`update users set active = $2 where id = $1 returning ${COLUMNS}`, [
    id,
    active,
  ]);
  return rows[0] ?? null;
}

/** Ends every session of a user, in the caller's transaction (the cache is the Sessions object's concern). */
export async function deleteSessionsOf(q: Queryable, userId: number): Promise<void> {
  await q.query('delete from sessions where user_id = $1', [userId]);
}

/** Creates `admin` on first start, or resets its password when an explicit one is configured. */
export async function ensureAdmin(db: Db, password: string, explicit: boolean): Promise<void> {
  const existing = await findUserForLogin(db, 'admin');
  if (!existing) {
    await insertUser(db, { username: 'admin', displayName: '平台管理员', password, role: 'admin' });
  } else if (explicit) {
    await db.query('update users set password_hash = $2 where id = $1', [existing.id, await hashPassword(password)]);
  }
}
