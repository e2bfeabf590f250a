import type { Command } from 'commander';
import { buildApp, createApp, startBackground } from '../app.ts';
import { ensureDemo } from '../demo/load-demo.ts';
import { say } from '../platform/cli-args.ts';
import { loadConfig } from '../platform/config.ts';
import { lockDataDir } from './data-dir-lock.ts';

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('start the HTTP server (API and web UI)')
    .option('--demo', 'create the demo city first when the database has none')
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig();
      // The embedded data folder is this server's until it stops: a CLI command on it is refused, not
      // run on a copy the server never sees (data-dir-lock.ts).
      const lock = lockDataDir(config, 'serve');
      const ctx = await createApp(config);
      if (opts.demo) {
        const made = await ensureDemo(ctx, {});
        if (made)
          process.stdout.write(
            `${say({
              zh: `演示城市已就绪：${made.institutions} 家机构，${made.resources} 份年报（${made.ms} ms）`,
              en: `demo city ready: ${made.institutions} institutions, ${made.resources} yearly reports (${made.ms} ms)`,
            })}\n`,
          );
      }
      // Read the division tree before the first request rather than during it.
      await ctx.services.registry.areas.tree();
      const app = await buildApp(ctx);
      // Background work (the detection worker) runs while the server serves; stopped before the database closes.
      const background = startBackground(ctx);
      const close = async () => {
        await app.close();
        await background.stop();
        await ctx.db.close();
        lock.release();
        process.exit(0);
      };
      process.on('SIGINT', close);
      process.on('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      lock.setPort(typeof address === 'object' && address ? address.port : config.port);
      const db = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.dataDir}`;
      process.stdout.write(
        `${say({
          zh: `Weijian 已启动，监听 http://localhost:${config.port} — ${config.mode === 'demo' ? '演示' : '生产'}模式，${db}`,
          en: `Weijian listening on http://localhost:${config.port} — ${config.mode} mode, ${db}`,
        })}\n`,
      );
      if (config.mode === 'demo' && !config.adminPassword) {
        process.stdout.write(
          `${say({
            zh: '以 admin / weijian-demo 登录（设置 WEIJIAN_ADMIN_PASSWORD 可更改）',
            en: 'sign in as admin / weijian-demo (set WEIJIAN_ADMIN_PASSWORD to change it)',
          })}\n`,
        );
      }
    });
}
