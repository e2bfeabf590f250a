// The planning context (indicator catalogue and engine, targets, plans, evaluation, standards, tasks,
// reports): its module and what other contexts may use.
import path from 'node:path';
import { defineModule } from '../platform/module.ts';
import { planningRoutes } from './planning-routes.ts';
import { reportsRoutes } from './reports-routes.ts';
import { createPlanningServices, type PlanningDeps, type PlanningServices } from './services.ts';
import { standardsRoutes } from './standards-routes.ts';
import { tasksRoutes } from './tasks-routes.ts';

export type { PlanningServices } from './services.ts';

export const planningModule = defineModule<PlanningServices, PlanningDeps>({
  name: 'planning',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: ['registry'],
  createServices: createPlanningServices,
  async routes(api, s) {
    await planningRoutes(api, s);
    await standardsRoutes(api, s);
    await tasksRoutes(api, s);
    await reportsRoutes(api, s);
  },
});
