// The identity context (users, roles, sessions): its module and what other contexts may use.
import path from 'node:path';
import { DEMO_ADMIN_PASSWORD } from '../platform/config.ts';
import { defineModule } from '../platform/module.ts';
import { authRoutes, PASSWORD_CHANGE_PATHS } from './auth-routes.ts';
import { identityCli } from './cli.ts';
import { clearDemoUsers, seedDemoUsers } from './demo-users.ts';
import { createIdentityServices, type IdentityDeps, type IdentityServices } from './services.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { ensureAdmin } from './users-repo.ts';
import { usersRoutes } from './users-routes.ts';

export type { IdentityServices } from './services.ts';
export { SESSION_COOKIE } from './sessions.ts';
export type { DemoUser, DirectoryUser, UserDirectory } from './user-directory.ts';

export const identityModule = defineModule<IdentityServices, IdentityDeps>({
  name: 'identity',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: ['registry'],
  createServices: createIdentityServices,
  seed: (s) => ensureAdmin(s.db, s.config.adminPassword ?? DEMO_ADMIN_PASSWORD, s.config.adminPassword !== null),
  async routes(api, s) {
    await authRoutes(api, s);
    await usersRoutes(api, s);
  },
  cli: identityCli,
  demoSeed: seedDemoUsers,
  demoClear: clearDemoUsers,
});

/** The session resolver the HTTP app authenticates every request with. */
export const sessionResolver = (s: IdentityServices) => ({
  cookieName: SESSION_COOKIE,
  publicPaths: ['/api/v1/auth/login'],
  passwordChangePaths: PASSWORD_CHANGE_PATHS,
  resolve: (token: string | undefined) => s.sessions.resolve(token),
});
