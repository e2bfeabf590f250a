// Moved: `weijian plan report` is part of the planning module's `cli` (planning/cli.ts), registered with the
// other plan commands. Kept only for main.ts's fallback; delete with it.
import type { Command } from 'commander';

export const registerReportCommands = (_program: Command) => {};
