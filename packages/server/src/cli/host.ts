// How module commands reach the app: each command opens it (database, migrations, services), acts, and
// closes it. Operator commands act as the platform administrator, found through identity's user directory.
// An embedded data folder is taken first (data-dir-lock.ts): a command never works on a copy of the
// database a running server has open.
import { createApp } from '../app.ts';
import { AccessPolicy } from '../platform/access-policy.ts';
import { loadConfig } from '../platform/config.ts';
import type { CliHost } from '../platform/module.ts';
import { lockDataDir } from './data-dir-lock.ts';

/** The command as typed, without options: `import institutions`, `areas load`. */
export function commandName(argv: readonly string[] = process.argv): string {
  return argv
    .slice(2)
    .filter((a) => !a.startsWith('-'))
    .slice(0, 2)
    .join(' ');
}

/** The app opened for a command, its data folder taken for the command's lifetime. */
export async function openApp(command = commandName()) {
  const config = loadConfig();
  const lock = lockDataDir(config, command);
  try {
    const app = await createApp(config);
    return {
      app,
      close: async () => {
        try {
          await app.db.close();
        } finally {
          lock.release();
        }
      },
      lock,
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

export const cliHost: CliHost = {
  async open() {
    const { app, close } = await openApp();
    return {
      services: app.services as unknown as Record<string, unknown>,
      platform: app,
      async admin() {
        const principal = await app.services.identity.users.adminPrincipal();
        return new AccessPolicy(principal, app.services.registry.areaScope, { principal, ip: null });
      },
      close,
    };
  },
};
