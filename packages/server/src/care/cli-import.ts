// `weijian care import FILE [--dry-run]`: loads an NDJSON file of care records (the format of `care evaluate`)
// into the database as the platform administrator, all-or-nothing, and prints the counts and the rate.
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../platform/errors.ts';
import type { CliHost } from '../platform/module.ts';
import { parseCareText } from './exchange-routes.ts';
import type { CareServices } from './services.ts';

export function registerCareImport(care: Command, host: CliHost) {
  care
    .command('import')
    .description('导入 NDJSON 档案数据（全部成功才写入）/ import NDJSON care records (all or nothing)')
    .argument('<file>', 'NDJSON file ("-" for stdin)')
    .option('--dry-run', 'check and count only')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { dryRun?: boolean; json?: boolean }) => {
      const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
      const session = await host.open();
      try {
        const s = session.services.care as CareServices;
        const started = performance.now();
        const cpu = process.cpuUsage();
        const { entries, problems } = parseCareText(text);
        const r = await s.exchange.importItems(await session.admin(), entries, problems, { dryRun: !!o.dryRun });
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const rate = Math.round(r.lines / seconds);
        if (o.json) console.log(JSON.stringify({ ...r, seconds, linesPerSecond: rate }));
        else {
          console.log(
            `${r.dryRun ? '检查通过（未写入）/ checked (dry run)' : '已导入 / imported'}: ${r.lines} lines — ` +
              `${r.residents} residents, ${r.enrolments} enrolments, ${r.followups} follow-ups, ${r.checks} checks, ` +
              `${r.contracts} contracts in ${seconds.toFixed(1)} s (${rate} lines/s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)`,
          );
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        console.error(e.text.zh);
        console.error(e.text.en);
        for (const d of e.details) console.error(`  ${d.path}: ${d.message.zh} / ${d.message.en}`);
        process.exitCode = 1;
      } finally {
        await session.close();
      }
    });
}
