// `weijian plan report PLAN_ID --kind annual --year 2024 --format docx --out FILE`: a plan's monitoring or
// evaluation report written to a file, acting as the platform administrator (audited like a download).
import fs from 'node:fs';
import type { Principal } from '@weijian/core/identity';
import { type Command, Option } from 'commander';
import { type App, createApp } from '../app.ts';
import { REPORT_KINDS, type ReportKind } from '../planning/reports-data.ts';
import { exportReport } from '../planning/reports-routes.ts';
import { loadConfig } from '../platform/config.ts';

async function adminPrincipal(ctx: App): Promise<Principal> {
  const { rows } = await ctx.db.query<{ id: number }>(`select id from users where username = 'admin'`);
  if (!rows[0]) throw new Error('no admin user');
  return { userId: rows[0].id, username: 'admin', role: 'admin', scopeAreaCode: null, scopeInstitutionId: null };
}

/** The `plan` command group: reuses one another module registered first, so both can add subcommands. */
export function planCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'plan') ??
    program.command('plan').description('plan monitoring (规划监测评估)')
  );
}

export function registerReportCommands(program: Command) {
  planCommand(program)
    .command('report <planId>')
    .description('write an annual monitoring / mid-term / final evaluation report (XLSX or DOCX)')
    .addOption(new Option('--kind <kind>', 'report kind').choices([...REPORT_KINDS]).default('annual'))
    .option('--year <year>', 'year evaluated (default: annual = last year, mid-term = mid-period, final = period end)')
    .option('--area <code>', 'area evaluated (default: the plan region)')
    .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'docx']).default('xlsx'))
    .option('--out <file>', 'output file (default: the report title)')
    .option('--json', 'print machine-readable JSON about the file written')
    .action(
      async (
        planId: string,
        opts: { kind: ReportKind; year?: string; area?: string; format: 'xlsx' | 'docx'; out?: string; json?: boolean },
      ) => {
        const ctx = await createApp(loadConfig());
        try {
          const r = await exportReport(
            ctx.services.planning,
            { principal: await adminPrincipal(ctx), ip: null },
            Number(planId),
            opts.kind,
            {
              ...(opts.year ? { year: Number(opts.year) } : {}),
              ...(opts.area ? { area: opts.area } : {}),
              format: opts.format,
            },
          );
          const out = opts.out ?? r.names.utf8;
          fs.writeFileSync(out, r.body);
          const info = {
            file: out,
            bytes: r.body.length,
            title: r.data.title,
            year: r.data.year,
            area: r.data.area.code,
            counts: r.data.counts,
          };
          process.stdout.write(opts.json ? `${JSON.stringify(info, null, 2)}\n` : `已生成 ${out}（${r.data.title}）\n`);
        } finally {
          await ctx.db.close();
        }
      },
    );
}
