// The identity module's `weijian users` commands: list the accounts, set a password (a forgotten one, or
// the administrator's own), deactivate and reactivate. They act, and are audited, as the administrator,
// through the same service as the API, so the password rules and the ending of sessions apply alike.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { argError, describeError, say } from '../platform/cli-args.ts';
import type { AppError } from '../platform/errors.ts';
import type { CliHost, CliSession } from '../platform/module.ts';
import type { IdentityServices } from './services.ts';

async function withIdentity(host: CliHost, fn: (s: IdentityServices, session: CliSession) => Promise<void>) {
  const session = await host.open();
  try {
    await fn(session.services.identity as IdentityServices, session);
  } finally {
    await session.close();
  }
}

/** One line from standard input: typed without echo on a terminal, else the first line piped in. */
async function readSecret(prompt: string): Promise<string> {
  const tty = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: tty });
  if (tty) {
    process.stderr.write(prompt);
    // Echo nothing of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    if (tty) process.stderr.write('\n');
    rl.close();
  }
}

/** A refused password: every broken rule on its own line. */
function printRules(e: AppError) {
  process.stderr.write(`${describeError(e)}\n`);
}

/** A user name as typed: not empty, no spaces (the account is looked up by it). */
function usernameArg(raw: string): string {
  if (!raw.trim() || /\s/.test(raw)) throw argError('<username>', `“${raw}”不是用户名`, `"${raw}" is not a user name`);
  return raw;
}

export function identityCli(program: Command, host: CliHost) {
  const users = program.command('users').description('user accounts (acting as the administrator)');

  users
    .command('list')
    .description('list the accounts with their role, scope and state')
    .action(async () => {
      await withIdentity(host, async (s, session) => {
        const { items } = await s.accounts.list(await session.admin());
        for (const u of items) {
          const scope = u.scopeAreaCode ?? (u.scopeInstitutionId ? `institution ${u.scopeInstitutionId}` : '-');
          const state = [
            u.active ? say({ zh: '启用', en: 'active' }) : say({ zh: '已停用', en: 'DEACTIVATED' }),
            u.mustChangePassword ? say({ zh: '须改密码', en: 'must change password' }) : '',
          ]
            .filter(Boolean)
            .join(say({ zh: '，', en: ', ' }));
          process.stdout.write(`${u.username}\t${u.role}\t${scope}\t${state}\n`);
        }
      });
    });

  users
    .command('password')
    .argument('<username>', 'the account', usernameArg)
    .description(
      'set a password, read from standard input (typed without echo on a terminal); the user is signed out everywhere, and in production must choose their own at the next sign-in (except admin setting its own)',
    )
    .action(async (username: string) => {
      const password = await readSecret(`新密码 / new password for ${username}: `);
      if (process.stdin.isTTY) {
        const again = await readSecret('再输入一次 / again: ');
        if (again !== password) throw argError('<password>', '两次输入的密码不一致', 'the two passwords differ');
      }
      await withIdentity(host, async (s, session) => {
        const admin = await session.admin();
        const user = await s.accounts.byUsername(admin, username);
        try {
          const after = await s.accounts.resetPassword(admin, user.id, password);
          process.stdout.write(
            `${say({
              zh: `已设置 ${username} 的密码${after.mustChangePassword ? '；下次登录时须修改' : ''}`,
              en: `password of ${username} set${after.mustChangePassword ? '; it must be changed at the next sign-in' : ''}`,
            })}\n`,
          );
        } catch (e) {
          if ((e as AppError).code !== 'VALIDATION_FAILED') throw e;
          printRules(e as AppError);
          process.exitCode = 1;
        }
      });
    });

  for (const [name, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    users
      .command(name)
      .argument('<username>', 'the account', usernameArg)
      .description(
        active
          ? 'let a deactivated account sign in again'
          : 'stop an account from signing in; its sessions end at once',
      )
      .action(async (username: string) => {
        await withIdentity(host, async (s, session) => {
          const admin = await session.admin();
          const user = await s.accounts.byUsername(admin, username);
          await s.accounts.setActive(admin, user.id, active);
          process.stdout.write(
            `${say(
              active
                ? { zh: `${username} 已启用`, en: `${username} activated` }
                : { zh: `${username} 已停用`, en: `${username} deactivated` },
            )}\n`,
          );
        });
      });
  }
}
