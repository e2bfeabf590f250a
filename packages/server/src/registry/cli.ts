// The registry's `weijian` commands: `areas load` (villages of a city or county), and `import` / `export`,
// the operator's bulk path, acting as the platform administrator.
// Every argument is checked before the data folder is opened (kind, file, year, code form) or, where only the
// database knows (whether an area exists), before anything is written; a refusal names the argument.
import fs from 'node:fs';
import path from 'node:path';
import { EXCHANGE_KINDS, type ExchangeKind, isExchangeKind } from '@weijian/core/registry/exchange';
import { type Command, Option } from 'commander';
import {
  areaCodeArg,
  argError,
  checkOutputFile,
  cliLang,
  describeError,
  readInputFile,
  say,
  yearArg,
} from '../platform/cli-args.ts';
import { AppError } from '../platform/errors.ts';
import type { CliHost, CliSession } from '../platform/module.ts';
import { loadVillages } from './areas-seed.ts';
import type { AreaRecord } from './areas-service.ts';
import type { RegistryServices } from './services.ts';

function kindOf(raw: string): ExchangeKind {
  if (!isExchangeKind(raw))
    throw argError(
      '<kind>',
      `未知的数据类型“${raw}”，可选：${EXCHANGE_KINDS.join('、')}`,
      `unknown kind "${raw}"; one of ${EXCHANGE_KINDS.join(', ')}`,
    );
  return raw;
}

/** The area of a code given on the command line, or a refusal naming the argument. */
export async function existingArea(registry: RegistryServices, arg: string, code: string): Promise<AreaRecord> {
  try {
    return await registry.areas.get(code);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw argError(arg, `区划代码 ${code} 不存在`, `area code ${code} does not exist`);
    throw e;
  }
}

/** Prints an import failure the way a spreadsheet user reads it: 第 5 行【实际开放床位】原因. */
function printFailure(e: AppError, json: boolean) {
  const lang = cliLang();
  if (json) {
    const details = e.details.map((d) => ({ ...d, message: d.message[lang] }));
    process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.text[lang], details } }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`${say({ zh: '导入失败：', en: 'Import failed: ' })}${describeError(e, lang)}\n`);
}

async function withRegistry<T>(
  host: CliHost,
  fn: (registry: RegistryServices, session: CliSession) => Promise<T>,
): Promise<T> {
  const session = await host.open();
  try {
    return await fn(session.services.registry as RegistryServices, session);
  } finally {
    await session.close();
  }
}

export function registryCli(program: Command, host: CliHost) {
  const areas = program.command('areas').description('the division tree');
  areas
    .command('load')
    .description(
      'load the villages/communities of a city (4 digits) or county (6 digits) from the shipped national list',
    )
    .argument('<code>', 'city (4 digits) or county (6 digits)', areaCodeArg('<code>', [4, 6]))
    .action(async (code: string) => {
      await withRegistry(host, async (registry) => {
        const area = await existingArea(registry, '<code>', code);
        if (area.level !== 2 && area.level !== 3)
          throw argError(
            '<code>',
            `${area.name}（${code}）不是市或县`,
            `${area.name} (${code}) is not a city or county`,
          );
        // 410700 and 4107 are the same city: the list is searched by the tree's own code.
        const n = await loadVillages(registry.db, area.code);
        registry.areas.invalidate();
        if (n === 0)
          throw argError(
            '<code>',
            `随附的全国名单中没有${area.name}（${code}）所辖乡镇的村/社区，未载入任何数据`,
            `the shipped national list has no villages/communities under the townships of ${area.name} (${code}); nothing loaded`,
          );
        process.stdout.write(
          `${say({
            zh: `已载入${area.name}（${code}）的村/社区 ${n} 个`,
            en: `loaded ${n} villages/communities under ${area.name} (${code})`,
          })}\n`,
        );
      });
    });

  program
    .command('import <kind> <file>')
    .description(`import ${EXCHANGE_KINDS.join(' | ')} from an XLSX or CSV file: every row checked, all or nothing`)
    .option('--dry-run', 'check the file without writing anything')
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action(async (rawKind: string, file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const kind = kindOf(rawKind);
      const body = readInputFile('<file>', file);
      await withRegistry(host, async (registry, session) => {
        try {
          const r = await registry.exchange.import(await session.admin(), kind, body, {
            dryRun: !!opts.dryRun,
            filename: path.basename(file),
          });
          if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else {
            process.stdout.write(
              `${say({
                zh: `${r.dryRun ? '校验通过（未写入）' : '导入完成'}：${r.rows} 行，新增 ${r.inserted}，更新 ${r.updated}`,
                en: `${r.dryRun ? 'dry run passed' : 'imported'}: ${r.rows} rows, ${r.inserted} new, ${r.updated} updated`,
              })}\n`,
            );
          }
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          printFailure(e, !!opts.json);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('export <kind>')
    .description(`export ${EXCHANGE_KINDS.join(' | ')} to CSV or XLSX`)
    .option('--area <code>', 'area code (subtree)', areaCodeArg('--area'))
    .option('--year <year>', 'one year (resources, population; institutions open that year)', yearArg('--year'))
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'output file (default: stdout for CSV, a named file for XLSX)')
    .action(async (rawKind: string, opts: { area?: string; year?: number; format: 'csv' | 'xlsx'; out?: string }) => {
      const kind = kindOf(rawKind);
      const year = opts.year;
      if (opts.out) checkOutputFile('--out', opts.out);
      await withRegistry(host, async (registry, session) => {
        if (opts.area) await existingArea(registry, '--area', opts.area);
        const out = await registry.exchange.export(await session.admin(), kind, { area: opts.area, year }, opts.format);
        const target = opts.out ?? (opts.format === 'xlsx' ? out.filename.ascii : null);
        if (target) {
          fs.writeFileSync(target, out.body);
          process.stderr.write(
            `${say({ zh: `已导出 ${out.rows} 行到 ${target}`, en: `exported ${out.rows} rows to ${target}` })}\n`,
          );
        } else {
          process.stdout.write(out.body);
        }
      });
    });
}
