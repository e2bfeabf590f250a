// `weijian access import FILE --city CODE`: an operator loads an OpenStreetMap extract (.osm.pbf, .osm) or a
// GeoJSON road file as a city's current network, acting as the platform administrator: parsed whole first
// (in-process: the operator's file), then written in one transaction; a bad file writes nothing and exits 1
// with a bilingual message.
import path from 'node:path';
import { type Command, Option } from 'commander';
import { areaCodeArg, cliLang, describeError, readInputFile, say } from '../platform/cli-args.ts';
import { AppError } from '../platform/errors.ts';
import type { CliHost } from '../platform/module.ts';
import { readRoadFile } from './road-files.ts';
import type { AccessServices } from './services.ts';

export function registerImportCommand(access: Command, host: CliHost) {
  access
    .command('import <file>')
    .description('import a road network (.osm.pbf, .osm XML or .geojson) as a city’s current network')
    .requiredOption('--city <code>', 'city (4 digits)', areaCodeArg('--city', [4, 6]))
    .option('--name <name>', 'network name (default: the file name)')
    .addOption(new Option('--profile <profile>', 'default speed profile').choices(['drive', 'walk']).default('drive'))
    .addOption(new Option('--json', 'print machine-readable JSON'))
    .action(async (file: string, opts: { city: string; name?: string; profile: 'drive' | 'walk'; json?: boolean }) => {
      const body = readInputFile('<file>', file);
      const session = await host.open();
      try {
        const s = session.services.access as AccessServices;
        const admin = await session.admin();
        const city = await s.networks.requireCity(admin, opts.city);
        const filename = path.basename(file);
        const read = await readRoadFile(body, filename);
        const network = await s.networks.store(admin.actor, {
          city,
          name: opts.name ?? filename,
          source: read.format,
          profile: opts.profile,
          synthetic: false,
          fileName: filename,
          lines: read.lines,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify({ network, stats: read.stats })}\n`);
        else {
          process.stdout.write(
            `${say({
              zh: `已导入路网“${network.name}”（${network.id}）：${network.lines} 条道路，${network.points} 个坐标点`,
              en: `imported road network "${network.name}" (${network.id}): ${network.lines} roads, ${network.points} points`,
            })}\n`,
          );
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        process.stderr.write(`${describeError(e, cliLang())}\n`);
        process.exitCode = 1;
      } finally {
        await session.close();
      }
    });
}
