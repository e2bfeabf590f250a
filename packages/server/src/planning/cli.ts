// The planning module's `weijian plan` commands: `import` (a plan's indicator table parsed and matched to
// the catalogue, saved as the administrator with --save), `parse-target` (one target text parsed) and
// `report` (a monitoring or evaluation report written to a file, audited like a download).
import fs from 'node:fs';
import path from 'node:path';
import { formatTarget, parseTarget } from '@weijian/core/planning';
import { type Command, Option } from 'commander';
import {
  areaCodeArg,
  argError,
  checkOutputFile,
  cliLang,
  describeError,
  intArg,
  readInputFile,
  say,
  yearArg,
} from '../platform/cli-args.ts';
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

/** The area of a code given on the command line, or a refusal naming the argument. */
async function existingArea(planning: PlanningServices, arg: string, code: string) {
  try {
    return await planning.areas.get(normaliseAreaCode(code));
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw argError(arg, `区划代码 ${code} 不存在`, `area code ${code} does not exist`);
    throw e;
  }
}

async function importPlan(host: CliHost, file: string, opts: ImportOptions) {
  const body = readInputFile('<file>', file);
  if (opts.name !== undefined && !opts.name.trim())
    throw argError('--name', '规划名称不能为空', 'the plan name is empty');
  const session = await host.open();
  const planning = session.services.planning as PlanningServices;
  try {
    const region = await existingArea(planning, '--region', opts.region);
    if (region.level > 3)
      throw argError(
        '--region',
        `${region.name}（${region.code}）不是省、市或县`,
        `${region.name} (${region.code}) is not a province, city or county`,
      );
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
    const lang = cliLang();
    for (const e of preview.errors) {
      const where =
        lang === 'zh'
          ? `第 ${e.row} 行${e.column ? `【${e.column}】` : ''}`
          : `row ${e.row}${e.column ? ` [${e.column}]` : ''}`;
      process.stderr.write(`${where} ${e.message[lang]}\n`);
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const lang = cliLang();
    if (opts.json) {
      const details = e.details.map((d) => ({ ...d, message: d.message[lang] }));
      process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.text[lang], details } })}\n`);
    } else {
      process.stderr.write(`${say({ zh: '导入失败：', en: 'Import failed: ' })}${describeError(e, lang)}\n`);
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
    .requiredOption(
      '--region <code>',
      'area code of the plan region (any Chinese city or county)',
      areaCodeArg('--region'),
    )
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
      if (!text.trim()) throw argError('<text>', '目标文字为空', 'the target text is empty');
      const target = parseTarget(text, {
        unit: opts.unit ?? null,
        ...(opts.direction ? { direction: opts.direction } : {}),
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(target)}\n`);
      else process.stdout.write(`${formatTarget(target)}  ${JSON.stringify(target)}\n`);
      if (target?.kind === 'unparsed') process.exitCode = 2;
    });

  plan
    .command('report')
    .argument('<planId>', 'plan id', intArg('<planId>', 1, 2 ** 31 - 1))
    .description('write an annual monitoring / mid-term / final evaluation report (XLSX or DOCX)')
    .addOption(new Option('--kind <kind>', 'report kind').choices([...REPORT_KINDS]).default('annual'))
    .option(
      '--year <year>',
      'year evaluated (default: annual = last year, mid-term = mid-period, final = period end)',
      yearArg('--year'),
    )
    .option('--area <code>', 'area evaluated (default: the plan region)', areaCodeArg('--area'))
    .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'docx']).default('xlsx'))
    .option('--out <file>', 'output file (default: the report title)')
    .option('--json', 'print machine-readable JSON about the file written')
    .action(
      async (
        planId: number,
        opts: { kind: ReportKind; year?: number; area?: string; format: 'xlsx' | 'docx'; out?: string; json?: boolean },
      ) => {
        if (opts.out) checkOutputFile('--out', opts.out);
        const session = await host.open();
        try {
          const planning = session.services.planning as PlanningServices;
          if (opts.area) await existingArea(planning, '--area', opts.area);
          const r = await planning.reports.export(await session.admin(), planId, opts.kind, {
            ...(opts.year ? { year: opts.year } : {}),
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
          process.stdout.write(
            opts.json
              ? `${JSON.stringify(info, null, 2)}\n`
              : `${say({ zh: `已生成 ${out}（${r.data.title}）`, en: `written ${out} (${r.data.title})` })}\n`,
          );
        } finally {
          await session.close();
        }
      },
    );
}
