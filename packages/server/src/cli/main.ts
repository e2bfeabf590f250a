// `weijian` — the operator's command line: serve the platform, set up the demo city, load areas,
// import and export registry data.
import { Command, Option } from 'commander';
import { createApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { registerAreasCommand } from './areas-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerExchangeCommands } from './exchange-commands.ts';
import { registerPlanCommands } from './plan-commands.ts';
import { registerReportCommands } from './report-commands.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSurveillanceCommands } from './surveillance-commands.ts';

const program = new Command('weijian')
  .description('卫健 Weijian — regional medical and health service system platform')
  .showHelpAfterError();

export const openContext = async () => createApp(loadConfig());
export const jsonOption = () => new Option('--json', 'print machine-readable JSON');

registerServeCommand(program);
registerDemoCommand(program);
registerAreasCommand(program);
registerExchangeCommands(program);
registerPlanCommands(program);
registerSurveillanceCommands(program);
registerReportCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { text?: { zh: string; en: string }; details?: unknown[]; message?: string };
  process.stderr.write(`weijian: ${e.text ? `${e.text.zh} / ${e.text.en}` : (e.message ?? String(err))}\n`);
  if (e.details?.length) process.stderr.write(`${JSON.stringify(e.details, null, 2)}\n`);
  process.exit(1);
});
