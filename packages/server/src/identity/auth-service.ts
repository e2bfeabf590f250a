// Signing in and out: throttled per (username, address) and per address, every attempt audited, and the
// signed-in user as the UI shows it.
import { type Principal, ROLE_LABELS } from '@weijian/core/identity';
import { type Actor, audit } from '../platform/audit.ts';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { RegistryServices } from '../registry/index.ts';
import { clearFailures, recentFailures, recordFailure } from './login-failures-repo.ts';
import { verifyPassword } from './passwords.ts';
import type { Sessions } from './sessions.ts';
import { findUserForLogin } from './users-repo.ts';

// A hash of a random password: unknown usernames cost as much time as wrong passwords.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$7m7P8Hq8C8oJ0dK2x7T3fV2m8wz0bBvY1Q9kq1x9d8M=';

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly sessions: Sessions,
    private readonly areas: RegistryServices['areas'],
  ) {}

  async login(username: string, password: string, ip: string) {
    const { config, db } = this;
    // Throttle the pair (username, address), and an address guessing across many usernames; never a
    // username alone, or anyone could lock any account out from anywhere.
    const counts = await recentFailures(db, username, ip, config.loginWindowMinutes);
    if (counts.pair >= config.loginMaxFailures || counts.addr >= config.loginMaxFailures * 4) {
      await audit(db, { principal: null, username, ip }, { action: 'login-throttled' });
      throw new AppError('RATE_LIMITED', {
        zh: `登录失败次数过多，请 ${config.loginWindowMinutes} 分钟后再试`,
        en: `Too many failed sign-ins; try again in ${config.loginWindowMinutes} minutes`,
      });
    }
    const user = await findUserForLogin(db, username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await recordFailure(db, username, ip, config.loginWindowMinutes);
      await audit(db, { principal: null, username, ip }, { action: 'login-failed' });
      throw new AppError('UNAUTHENTICATED', { zh: '用户名或密码错误', en: 'Wrong username or password' });
    }
    await clearFailures(db, username, ip);
    const session = await this.sessions.create(user.id);
    await audit(db, { principal: null, username, ip }, { action: 'login', entity: 'user', entityId: user.id });
    const { passwordHash: _omit, ...publicUser } = user;
    return { user: publicUser, session };
  }

  async logout(token: string | undefined, actor: Actor): Promise<void> {
    await this.sessions.destroy(token);
    await audit(this.db, actor, { action: 'logout' });
  }

  async me(p: Principal) {
    const user = await findUserForLogin(this.db, p.username);
    const area = p.scopeAreaCode ? (await this.areas.tree()).get(p.scopeAreaCode) : undefined;
    return {
      id: p.userId,
      username: p.username,
      displayName: user?.displayName ?? p.username,
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      scopeAreaCode: p.scopeAreaCode,
      scopeAreaName: area?.name ?? null,
      scopeInstitutionId: p.scopeInstitutionId,
    };
  }
}
