// The access context (spatial accessibility and facility planning on a road network): its module and what
// other contexts may use (emergency dispatch builds on its travel times).
import { defineModule } from '../platform/module.ts';
import { accessCli } from './cli.ts';
import { type AccessDeps, type AccessServices, createAccessServices } from './services.ts';

export type { AccessServices } from './services.ts';

export const accessModule = defineModule<AccessServices, AccessDeps>({
  name: 'access',
  uses: ['registry'],
  createServices: createAccessServices,
  cli: accessCli,
});
