import type { Command } from 'commander';
import { createApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { loadVillages } from '../registry/areas-seed.ts';

export function registerAreasCommand(program: Command) {
  const areas = program.command('areas').description('the division tree');
  areas
    .command('load <code>')
    .description(
      'load the villages/communities of a city (4 digits) or county (6 digits) from the shipped national list',
    )
    .action(async (code: string) => {
      const ctx = await createApp(loadConfig());
      const n = await loadVillages(ctx.db, code);
      process.stdout.write(`loaded ${n} villages/communities under ${code}\n`);
      await ctx.db.close();
    });
}
