// `weijian care …`: evaluate the care indicators of an NDJSON file (no database) and import one into the database.
import type { Command } from 'commander';
import type { CliHost } from '../platform/module.ts';
import { registerCareEvaluate } from './cli-evaluate.ts';
import { registerCareImport } from './cli-import.ts';

export function careCli(program: Command, host: CliHost) {
  const care = program.command('care').description('基本公卫与家庭医生 / primary care records and indicators');
  registerCareEvaluate(care);
  registerCareImport(care, host);
}
