// Signing in and out, and changing one's own password: throttled per pair, account and address
// (throttle.ts), every attempt audited, and the signed-in user as the UI shows it.
import { type Principal, ROLE_LABELS } from '@weijian/core/identity';
import { type Actor, audit } from '../platform/audit.ts';
import { type Config, DEMO_ADMIN_PASSWORD } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import { AppError, invalid } from '../platform/errors.ts';
import type { RegistryServices } from '../registry/index.ts';
import { clearFailures, failureStats, recordFailure } from './login-failures-repo.ts';
import { requireAcceptablePassword, verifyPassword } from './passwords.ts';
import type { Sessions } from './sessions.ts';
import { throttle } from './throttle.ts';
import { deleteSessionsOf, findUserForLogin, setPassword } from './users-repo.ts';

// A hash of a random password: unknown usernames cost as much time as wrong passwords.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$7m7P8Hq8C8oJ0dK2x7T3fV2m8wz0bBvY1Q9kq1x9d8M=';

const waitText = (seconds: number) =>
  seconds < 60
    ? { zh: `${seconds} 秒`, en: `${seconds} seconds` }
    : { zh: `${Math.ceil(seconds / 60)} 分钟`, en: `${Math.ceil(seconds / 60)} minutes` };

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly sessions: Sessions,
    private readonly areas: RegistryServices['areas'],
  ) {}

  private get settings() {
    return { maxFailures: this.config.loginMaxFailures, backoffMaxMinutes: this.config.loginBackoffMaxMinutes };
  }

  /** Refuses (429, audited) while a back-off runs; the password is then not even checked. */
  private async refuseWhileThrottled(username: string, ip: string): Promise<void> {
    const stats = await failureStats(this.db, username, ip, this.config.loginWindowMinutes);
    const t = throttle(stats, this.settings);
    if (!t) return;
    await audit(this.db, { principal: null, username, ip }, { action: 'login-throttled', after: t });
    const wait = waitText(t.waitSeconds);
    throw new AppError('RATE_LIMITED', {
      zh: `登录失败次数过多，请 ${wait.zh}后再试`,
      en: `Too many failed sign-ins; try again in ${wait.en}`,
    });
  }

  /** Counts a failure; when it starts a back-off, the lock-out is audited with its scope and length. */
  private async failed(username: string, ip: string, action: string): Promise<void> {
    await recordFailure(this.db, username, ip, this.config.loginWindowMinutes);
    await audit(this.db, { principal: null, username, ip }, { action });
    const t = throttle(await failureStats(this.db, username, ip, this.config.loginWindowMinutes), this.settings);
    if (t) await audit(this.db, { principal: null, username, ip }, { action: 'login-lockout', after: t });
  }

  async login(username: string, password: string, ip: string) {
    await this.refuseWhileThrottled(username, ip);
    const user = await findUserForLogin(this.db, username);
    // The demo password opens demo accounts in demo mode only: a database that was once a demo and is now
    // run in production does not keep accounts anyone can look up the password of.
    const demoPasswordInProduction = this.config.mode === 'production' && password === DEMO_ADMIN_PASSWORD;
    const ok = (await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)) && !demoPasswordInProduction;
    if (!user || !ok || !user.active) {
      await this.failed(username, ip, 'login-failed');
      throw new AppError('UNAUTHENTICATED', { zh: '用户名或密码错误', en: 'Wrong username or password' });
    }
    await clearFailures(this.db, username, ip);
    const session = await this.sessions.create(user.id);
    await audit(this.db, { principal: null, username, ip }, { action: 'login', entity: 'user', entityId: user.id });
    const { passwordHash: _omit, ...publicUser } = user;
    return { user: publicUser, session };
  }

  /**
   * The signed-in user replaces their password: the current one is checked (and a wrong one counts as a
   * failed sign-in, so a stolen session cannot guess it), the new one must keep the rules and differ. Every
   * session of the user ends; the caller gets a fresh one (the old token is worth nothing afterwards).
   */
  async changePassword(p: Principal, current: string, next: string, actor: Actor) {
    const ip = actor.ip ?? '';
    await this.refuseWhileThrottled(p.username, ip);
    const user = await findUserForLogin(this.db, p.username);
    if (!user?.active) throw new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Sign-in required' });
    if (!(await verifyPassword(current, user.passwordHash))) {
      await this.failed(p.username, ip, 'password-change-failed');
      throw invalid([
        { path: 'currentPassword', message: { zh: '当前密码不正确', en: 'The current password is wrong' } },
      ]);
    }
    requireAcceptablePassword(next, user.username, 'newPassword');
    if (next === current) {
      throw invalid([
        {
          path: 'newPassword',
          message: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
        },
      ]);
    }
    await this.db.tx(async (q) => {
      await setPassword(q, user.id, next, false);
      await deleteSessionsOf(q, user.id);
      await audit(q, actor, { action: 'password-change', entity: 'user', entityId: user.id });
    });
    this.sessions.forgetCached();
    await clearFailures(this.db, p.username, ip);
    return this.sessions.create(user.id);
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
      mustChangePassword: user?.mustChangePassword ?? false,
    };
  }
}
