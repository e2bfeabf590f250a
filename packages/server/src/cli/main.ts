// `weijian` — the operator's command line: serve the platform and set up the demo city (app-level
// commands), plus every module's own commands (areas, import/export, plans, surveillance, …). One language
// per run (Chinese, or English with --lang en / WEIJIAN_LANG=en); every refusal is one message naming the
// argument and exit code 1, never a stack trace (platform/cli-args.ts).
import { Command, Option } from 'commander';
import { MODULES } from '../app.ts';
import { cliLang, commanderMessage, describeError } from '../platform/cli-args.ts';
import { registerDemoCommand } from './demo-command.ts';
import { cliHost } from './host.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSurveillanceCommands } from './surveillance-commands.ts';

const lang = cliLang();

const program = new Command('weijian')
  .description('卫健 Weijian — regional medical and health service system platform')
  .addOption(new Option('--lang <lang>', 'language of messages: zh (default) or en').choices(['zh', 'en']))
  .configureOutput({ outputError: (str, write) => write(`weijian: ${commanderMessage(str, lang)}\n`) })
  .showHelpAfterError(lang === 'en' ? '(add --help for usage)' : '（加 --help 查看用法）');

registerServeCommand(program);
registerDemoCommand(program);
for (const m of MODULES) m.cli?.(program, cliHost);
// Surveillance's commands until its module registers them itself.
if (!MODULES.some((m) => m.name === 'surveillance' && m.cli)) registerSurveillanceCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`weijian: ${describeError(err, lang)}\n`);
  process.exit(1);
});
