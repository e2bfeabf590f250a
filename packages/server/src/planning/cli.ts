// The planning module's `weijian plan` commands: `import` (a plan's indicator table parsed and matched to
// the catalogue, saved as the administrator with --save), `parse-target` (one target text parsed) and
// `report` (a monitoring or evaluation report written to a file, audited like a download).
import fs from 'node:fs';
import path from 'node:path';
import { formatTarget, parseTarget } from '@weijian/core/planning';
import { type Command, Option } from 'commander';
import { AppError } from '../platform/errors.ts';
import type { CliHost } from '../platform/module.ts';
import { normaliseAreaCode } from '../registry/index.ts';
import { AUTO_CONFIRM, previewFile } from './import-preview.ts';
import { REPORT_KINDS, type ReportKind } from './reports-data.ts';
import type { PlanningServices } from './services.ts';

interface ImportOptions {
  region: string;
  name?: string;
  json?: boolean;
  save?: boolean;
}

async function importPlan(host: CliHost, file: string, opts: ImportOptions) {
  const body = fs.readFileSync(file);
  const session = await host.open();
  const planning = session.services.planning as PlanningServices;
  try {
    const region = await planning.areas.get(normaliseAreaCode(opts.region));
    const preview = await previewFile(body, path.basename(file));
    const baselineYear = preview.plan.baselineYear ?? 2020;
    const periodEnd = preview.plan.periodEnd ?? baselineYear + 5;
    const planName = opts.name ?? `${region.name}${baselineYear + 1}—${periodEnd}年规划主要指标`;
    const rows = preview.rows.map((r) => ({
      name: r.name,
      domain: r.domain,
      nature: r.nature,
      unit: r.unit,
      baseline: r.baseline,
      target: r.target,
      // Only confident matches are linked; the rest stay unlinked for a person to confirm.
      catalogueCode: r.matchConfidence !== null && r.matchConfidence >= AUTO_CONFIRM ? r.catalogueCode : null,
      matchConfidence: r.matchConfidence,
    }));
    let plan: Record<string, unknown> = {
      regionCode: region.code,
      regionName: region.name,
      name: planName,
      periodStart: baselineYear + 1,
      periodEnd,
      baselineYear,
      saved: false,
    };
    if (opts.save) {
      const saved = await planning.plans.create(await session.admin(), {
        regionCode: region.code,
        name: planName,
        periodStart: baselineYear + 1,
        periodEnd,
        baselineYear,
        sourceFile: path.basename(file),
        indicators: preview.rows.map((r, n) => ({
          domain: r.domain,
          name: r.name,
          unit: r.unit,
          baselineText: r.baselineText,
          baseline: r.baseline,
          targetText: r.targetText,
          target: r.target,
          nature: r.nature,
          catalogueCode: rows[n]!.catalogueCode,
          matchConfidence: r.matchConfidence,
        })),
      });
      plan = { ...plan, id: saved.id, currentVersion: saved.currentVersion, saved: true };
    }
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ plan, indicators: rows })}\n`);
    } else {
      process.stdout.write(`${planName}（${region.code}）${plan.saved ? ` 已保存 #${plan.id}` : ''}\n`);
      for (const r of preview.rows) {
        const link = r.matchConfidence !== null && r.matchConfidence >= AUTO_CONFIRM ? r.catalogueCode : '（未关联）';
        process.stdout.write(
          `${String(r.row).padStart(3)}  ${r.name}  ${r.baselineText || '—'} → ${formatTarget(r.target)}  ${link} ${r.matchConfidence ?? ''}\n`,
        );
      }
    }
    for (const e of preview.errors) {
      process.stderr.write(`第 ${e.row} 行${e.column ? `【${e.column}】` : ''} ${e.message.zh}\n`);
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (opts.json) {
      const details = e.details.map((d) => ({ ...d, message: d.message.zh }));
      process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.text.zh, details } })}\n`);
    } else {
      process.stderr.write(`导入失败：${e.text.zh}\n`);
      for (const d of e.details)
        process.stderr.write(`  ${d.row !== undefined ? `第 ${d.row} 行 ` : ''}${d.message.zh}\n`);
    }
    process.exitCode = 1;
  } finally {
    await session.close();
  }
}

export function planningCli(program: Command, host: CliHost) {
  const plan = program.command('plan').description('plan monitoring: import indicator tables, parse targets');

  plan
    .command('import <file>')
    .description('parse a plan indicator table (XLSX, CSV, DOCX) and match it to the indicator catalogue')
    .requiredOption('--region <code>', 'area code of the plan region (any Chinese city or county)')
    .option('--name <name>', 'plan name (default: region and period)')
    .option('--save', `store the plan as the administrator, linking matches ≥ ${AUTO_CONFIRM}`)
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action((file: string, opts: ImportOptions) => importPlan(host, file, opts));

  plan
    .command('parse-target <text>')
    .description('parse one Chinese target expression into a typed target')
    .option('--unit <unit>', 'unit of the table column, used when the text carries none')
    .addOption(new Option('--direction <direction>', 'which way is better').choices(['higher', 'lower', 'neutral']))
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action((text: string, opts: { unit?: string; direction?: 'higher' | 'lower' | 'neutral'; json?: boolean }) => {
      const target = parseTarget(text, {
        unit: opts.unit ?? null,
        ...(opts.direction ? { direction: opts.direction } : {}),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(target)}\n`);
      else process.stdout.write(`${formatTarget(target)}  ${JSON.stringify(target)}\n`);
      if (target?.kind === 'unparsed') process.exitCode = 2;
    });

  plan
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
        const session = await host.open();
        try {
          const planning = session.services.planning as PlanningServices;
          const r = await planning.reports.export(await session.admin(), Number(planId), opts.kind, {
            ...(opts.year ? { year: Number(opts.year) } : {}),
            ...(opts.area ? { area: opts.area } : {}),
            format: opts.format,
          });
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
          await session.close();
        }
      },
    );
}
