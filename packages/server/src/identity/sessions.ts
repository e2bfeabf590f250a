// Server-side sessions: the cookie holds a random token, the database only its SHA-256, so sessions
// survive restarts and are shared by every app server behind a load balancer. A session ends at its
// absolute expiry or after `idleMinutes` without a request (等保 2.0: 登录连接超时自动退出).
import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '@weijian/core/identity';
import type { Db } from '../platform/db.ts';

export const SESSION_COOKIE = 'wj_session';
const CACHE_MS = 30_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class Sessions {
  // Every API call resolves its session; a short cache keeps that off the database on busy lists. It is
  // far shorter than the idle timeout, so a cached hit never outlives an idle session by more than 30 s;
  // ending a user's sessions (deactivation, password change) empties it at once.
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlHours: number,
    private readonly idleMinutes: number,
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

  /** The session's principal, touching its last use; null when unknown, expired, idle or the user inactive. */
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
      mustChangePassword: boolean;
    }>(
      `with s as (
         update sessions set last_seen_at = now()
          where token_hash = $1 and expires_at > now() and last_seen_at > now() - make_interval(mins => $2)
          returning user_id)
       select u.id as "userId", u.username, u.role, u.scope_area_code as "scopeAreaCode",
              u.scope_institution_id as "scopeInstitutionId", u.must_change_password as "mustChangePassword"
         from s join users u on u.id = s.user_id
        where u.active`,
      [key, this.idleMinutes],
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
    this.forgetCached();
    await this.db.query('delete from sessions where user_id = $1', [userId]);
  }

  /** Drops the cached look-ups, so the next request of every session asks the database again. */
  forgetCached(): void {
    this.cache.clear();
  }
}
