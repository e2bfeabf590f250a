// The care context (基本公共卫生服务, 家庭医生签约, resident health records): its module and what other contexts
// may use (referral and interop build on its residents and teams).
import path from 'node:path';
import { defineModule } from '../platform/module.ts';
import { careCli } from './cli.ts';
import { clearCareDemo, loadCareDemo } from './demo.ts';
import { careRoutes } from './routes.ts';
import { type CareDeps, type CareServices, createCareServices } from './services.ts';

export type { CareServices } from './services.ts';

export const careModule = defineModule<CareServices, CareDeps>({
  name: 'care',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: ['registry', 'identity'],
  createServices: createCareServices,
  routes: careRoutes,
  cli: careCli,
  demoSeed: async (s, o) => ({ care: await loadCareDemo(s, o) }),
  demoClear: (s, o) => clearCareDemo(s, o),
  // The care indicators' numerators and programme denominators (issue 15 §6), one provider per measure.
  indicatorProviders: (s) => s.indicators.providers(),
});
