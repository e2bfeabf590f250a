// The access context (spatial accessibility and facility planning on a road network): its module and what
// other contexts may use (emergency dispatch builds on its travel times).
import path from 'node:path';
import { defineModule } from '../platform/module.ts';
import { accessRoutes } from './access-routes.ts';
import { accessCli } from './cli.ts';
import { clearAccessDemo, loadAccessDemo } from './demo.ts';
import { accessIndicatorProviders } from './indicators.ts';
import { type AccessDeps, type AccessServices, createAccessServices } from './services.ts';
import { accessStandardChecks } from './standards.ts';

export type { AccessServices } from './services.ts';

export const accessModule = defineModule<AccessServices, AccessDeps>({
  name: 'access',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: ['registry'],
  createServices: createAccessServices,
  routes: accessRoutes,
  cli: accessCli,
  demoSeed: async (s, o) => ({ access: await loadAccessDemo(s, o.city) }),
  demoClear: (s, o) => clearAccessDemo(s, o.city),
  // access-15min: households within 15 minutes of a medical institution ÷ households.
  indicatorProviders: accessIndicatorProviders,
  // The spatial resource standards (15-minute and emergency circles, emergency radius), per place.
  standardChecks: (s) => accessStandardChecks(s.analysis),
});
