// How module commands reach the app: each command opens it (database, migrations, services), acts, and
// closes it. Operator commands act as the platform administrator, found through identity's user directory.
import { createApp } from '../app.ts';
import { AccessPolicy } from '../platform/access-policy.ts';
import { loadConfig } from '../platform/config.ts';
import type { CliHost } from '../platform/module.ts';

export const cliHost: CliHost = {
  async open() {
    const app = await createApp(loadConfig());
    return {
      services: app.services as unknown as Record<string, unknown>,
      platform: app,
      async admin() {
        const principal = await app.services.identity.users.adminPrincipal();
        return new AccessPolicy(principal, app.services.registry.areaScope, { principal, ip: null });
      },
      close: () => app.db.close(),
    };
  },
};
