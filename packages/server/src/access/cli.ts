// `weijian access …`: coverage (helper A1: cli-coverage.ts) and placement (helper A2: cli-place.ts) over GeoJSON
// files, no database; network import into the database (helper A3).
import type { Command } from 'commander';
import type { CliHost } from '../platform/module.ts';
import { registerCoverageCommand } from './cli-coverage.ts';
import { registerImportCommand } from './cli-import.ts';
import { registerPlaceCommand } from './cli-place.ts';

export function accessCli(program: Command, host: CliHost) {
  const access = program.command('access').description('可及性与设施布局 / accessibility and facility planning');
  registerCoverageCommand(access);
  registerPlaceCommand(access);
  registerImportCommand(access, host);
}
