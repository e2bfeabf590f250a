// Server-side sessions: the cookie holds a random token, the database only its SHA-256, so sessions
// survive restarts and are shared by every app server behind a load balancer.
import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '@weijian/core/identity';
import type { Db } from '../platform/db.ts';

export const SESSION_COOKIE = 'wj_session';
const CACHE_MS = 30_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class Sessions {
  // Every API call resolves its session; a short cache keeps that off the database on busy lists.
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlHours: number,
  ) {}

  async create(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000);
    await this.db.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [
      sha256(token),
      userId,
      expiresAt.toISOString(),
    ]);
    return { token, expiresAt };
  }

  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const key = sha256(token);
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    const { rows } = await this.db.query<{
      userId: number;
      username: string;
      role: Role;
      scopeAreaCode: string | null;
      scopeInstitutionId: number | null;
    }>(
      `select u.id as "userId", u.username, u.role, u.scope_area_code as "scopeAreaCode",
              u.scope_institution_id as "scopeInstitutionId"
         from sessions s join users u on u.id = s.user_id
        where s.token_hash = $1 and s.expires_at > now() and u.active`,
      [key],
    );
    const principal = rows[0] ?? null;
    if (principal) this.cache.set(key, { principal, until: Date.now() + CACHE_MS });
    else this.cache.delete(key);
    return principal;
  }

  async destroy(token: string | undefined): Promise<void> {
    if (!token) return;
    const key = sha256(token);
    this.cache.delete(key);
    await this.db.query('delete from sessions where token_hash = $1', [key]);
  }

  /** Ends every session of a user (deactivation, password change). */
  async destroyUser(userId: number): Promise<void> {
    this.cache.clear();
    await this.db.query('delete from sessions where user_id = $1', [userId]);
  }
}
