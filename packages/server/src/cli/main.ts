// `weijian` — the operator's command line: serve the platform and set up the demo city (app-level
// commands), plus every module's own commands (areas, import/export, plans, surveillance, …).
import { Command } from 'commander';
import { MODULES } from '../app.ts';
import { registerDemoCommand } from './demo-command.ts';
import { cliHost } from './host.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSurveillanceCommands } from './surveillance-commands.ts';

const program = new Command('weijian')
  .description('卫健 Weijian — regional medical and health service system platform')
  .showHelpAfterError();

registerServeCommand(program);
registerDemoCommand(program);
for (const m of MODULES) m.cli?.(program, cliHost);
// Surveillance's commands until its module registers them itself.
if (!MODULES.some((m) => m.name === 'surveillance' && m.cli)) registerSurveillanceCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { text?: { zh: string; en: string }; details?: unknown[]; message?: string };
  process.stderr.write(`weijian: ${e.text ? `${e.text.zh} / ${e.text.en}` : (e.message ?? String(err))}\n`);
  if (e.details?.length) process.stderr.write(`${JSON.stringify(e.details, null, 2)}\n`);
  process.exit(1);
});
