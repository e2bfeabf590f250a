import type { Command } from 'commander';
import { resetDemo } from '../demo/load-demo.ts';
import { intArg, numberArg } from '../platform/cli-args.ts';
import { openApp } from './host.ts';

export function registerDemoCommand(program: Command) {
  program
    .command('demo')
    .description('create or reset the synthetic demo city 新乡市 (4107)')
    .option(
      '--scale <n>',
      'multiply institutions and population (benchmarks), above 0 and at most 100',
      numberArg('--scale', 0.01, 100),
      1,
    )
    .option('--seed <n>', 'random seed of the generator', intArg('--seed', 0, 2 ** 31 - 1), 20201231)
    .action(async (opts: { scale: number; seed: number }) => {
      const { app, close } = await openApp('demo');
      try {
        const r = await resetDemo(app, { scale: opts.scale, seed: opts.seed });
        process.stdout.write(`${JSON.stringify(r)}\n`);
      } finally {
        await close();
      }
    });
}
