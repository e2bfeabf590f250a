// Moved: the plan commands are the planning module's `cli` (planning/cli.ts). Kept only for main.ts's
// fallback, which never runs once the module registers them; delete with that fallback.
import type { Command } from 'commander';
import { planningModule } from '../planning/index.ts';
import { cliHost } from './host.ts';

export const registerPlanCommands = (program: Command) => planningModule.cli?.(program, cliHost);
