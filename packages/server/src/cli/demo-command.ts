import type { Command } from 'commander';
import { createApp } from '../app.ts';
import { resetDemo } from '../demo/load-demo.ts';
import { loadConfig } from '../platform/config.ts';

export function registerDemoCommand(program: Command) {
  program
    .command('demo')
    .description('create or reset the synthetic demo city 新乡市 (4107)')
    .option('--scale <n>', 'multiply institutions and population (benchmarks)', '1')
    .option('--seed <n>', 'random seed of the generator', '20201231')
    .action(async (opts: { scale: string; seed: string }) => {
      const ctx = await createApp(loadConfig());
      const r = await resetDemo(ctx, { scale: Number(opts.scale), seed: Number(opts.seed) });
      process.stdout.write(`${JSON.stringify(r)}\n`);
      await ctx.db.close();
    });
}
