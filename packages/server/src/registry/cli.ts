// The registry's `weijian` commands: `areas load` (villages of a city or county), and `import` / `export`,
// the operator's bulk path, acting as the platform administrator.
import fs from 'node:fs';
import path from 'node:path';
import { EXCHANGE_KINDS, type ExchangeKind, isExchangeKind } from '@weijian/core/registry/exchange';
import { type Command, Option } from 'commander';
import { AppError } from '../platform/errors.ts';
import type { CliHost, CliSession } from '../platform/module.ts';
import { loadVillages } from './areas-seed.ts';
import type { RegistryServices } from './services.ts';

function kindOf(raw: string): ExchangeKind {
  if (!isExchangeKind(raw))
    throw new Error(`未知的数据类型“${raw}”，可选：${EXCHANGE_KINDS.join('、')} / unknown kind "${raw}"`);
  return raw;
}

/** Prints an import failure the way a spreadsheet user reads it: 第 5 行【实际开放床位】原因. */
function printFailure(e: AppError, json: boolean) {
  if (json) {
    const details = e.details.map((d) => ({ ...d, message: d.message.zh }));
    process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.text.zh, details } }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`导入失败：${e.text.zh}\n`);
  for (const d of e.details) {
    const where = [d.row !== undefined ? `第 ${d.row} 行` : '', d.column ? `【${d.column}】` : ''].join('');
    process.stderr.write(`  ${where ? `${where} ` : ''}${d.message.zh}\n`);
  }
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
    .command('load <code>')
    .description(
      'load the villages/communities of a city (4 digits) or county (6 digits) from the shipped national list',
    )
    .action(async (code: string) => {
      await withRegistry(host, async (registry) => {
        const n = await loadVillages(registry.db, code);
        registry.areas.invalidate();
        process.stdout.write(`loaded ${n} villages/communities under ${code}\n`);
      });
    });

  program
    .command('import <kind> <file>')
    .description(`import ${EXCHANGE_KINDS.join(' | ')} from an XLSX or CSV file: every row checked, all or nothing`)
    .option('--dry-run', 'check the file without writing anything')
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action(async (rawKind: string, file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const kind = kindOf(rawKind);
      const body = fs.readFileSync(file);
      await withRegistry(host, async (registry, session) => {
        try {
          const r = await registry.exchange.import(await session.admin(), kind, body, {
            dryRun: !!opts.dryRun,
            filename: path.basename(file),
          });
          if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else {
            process.stdout.write(
              `${r.dryRun ? '校验通过（未写入）' : '导入完成'}：${r.rows} 行，新增 ${r.inserted}，更新 ${r.updated}` +
                ` / ${r.dryRun ? 'dry run passed' : 'imported'}: ${r.rows} rows, ${r.inserted} new, ${r.updated} updated\n`,
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
    .option('--area <code>', 'area code (subtree)')
    .option('--year <year>', 'one year (resources, population; institutions open that year)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'output file (default: stdout for CSV, a named file for XLSX)')
    .action(async (rawKind: string, opts: { area?: string; year?: string; format: 'csv' | 'xlsx'; out?: string }) => {
      const kind = kindOf(rawKind);
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && (!Number.isInteger(year) || year < 1949 || year > 2100))
        throw new Error(`--year 应为四位年份 / --year must be a year: ${opts.year}`);
      if (opts.area !== undefined && !/^\d{2,12}$/.test(opts.area))
        throw new Error(`--area 应为区划代码 / --area must be an area code: ${opts.area}`);
      await withRegistry(host, async (registry, session) => {
        const out = await registry.exchange.export(await session.admin(), kind, { area: opts.area, year }, opts.format);
        const target = opts.out ?? (opts.format === 'xlsx' ? out.filename.ascii : null);
        if (target) {
          fs.writeFileSync(target, out.body);
          process.stderr.write(`已导出 ${out.rows} 行到 ${target} / exported ${out.rows} rows to ${target}\n`);
        } else {
          process.stdout.write(out.body);
        }
      });
    });
}
