// The surveillance context (multi-point infectious-disease early warning): its module and what other
// contexts may use.
import path from 'node:path';
import { defineModule } from '../platform/module.ts';
import { clearSurveillanceDemo, loadSurveillanceDemo } from './demo-loader.ts';
import { surveillanceRoutes } from './routes.ts';
import {
  createSurveillanceServices,
  type SurveillanceDeps,
  type SurveillanceServices,
  seedSurveillance,
} from './services.ts';

export type { SurveillanceServices } from './services.ts';

export const surveillanceModule = defineModule<SurveillanceServices, SurveillanceDeps>({
  name: 'surveillance',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: ['registry', 'identity'],
  createServices: createSurveillanceServices,
  seed: (s) => seedSurveillance(s.db),
  routes: surveillanceRoutes,
  demoSeed: async (s, o) => ({ surveillance: await loadSurveillanceDemo(s, { cityCode: o.city, seed: o.seed }) }),
  demoClear: (s, o) => clearSurveillanceDemo(s, o.city),
  // The detection worker: queued series detected within WEIJIAN_DETECTION_INTERVAL_MS of their cards.
  start: (s) => s.detection.start(),
  indicatorProviders: (s) => [
    {
      // 甲乙类法定传染病报告发病率's numerator: notifiable cases per area-year from the case reports.
      module: 'surveillance',
      measure: 'notifiable-cases',
      async compute(tree, areas, from, to) {
        const cases = await s.indicators.notifiableCasesMany(tree, areas, from, to);
        return (area, year) => {
          const v = cases.get(area, year);
          return v && { value: v.cases, asOf: v.asOf };
        };
      },
      version: (prefix) => s.indicators.notifiableCasesVersion(prefix),
    },
  ],
});
