// The planning context (indicator catalogue and engine, targets, plans, evaluation, standards, tasks,
// reports): its module and what other contexts may use.
import path from 'node:path';
import { defineModule } from '../platform/module.ts';
import { planningCli } from './cli.ts';
import { loadDemoPlans } from './demo-plans.ts';
import { planningRoutes } from './planning-routes.ts';
import { firstSyntheticPlan } from './plans-repo.ts';
import { reportsRoutes } from './reports-routes.ts';
import { createPlanningServices, type PlanningDeps, type PlanningServices } from './services.ts';
import { standardsRoutes } from './standards-routes.ts';
import { loadDemoTasks } from './tasks-demo.ts';
import { tasksRoutes } from './tasks-routes.ts';

export type { PlanningServices } from './services.ts';

export const planningModule = defineModule<PlanningServices, PlanningDeps>({
  name: 'planning',
  migrations: path.join(import.meta.dirname, 'migrations'),
  uses: ['registry'],
  createServices: (platform, deps) => createPlanningServices(platform, deps),
  async routes(api, s) {
    await planningRoutes(api, s);
    await standardsRoutes(api, s);
    await tasksRoutes(api, s);
    await reportsRoutes(api, s);
  },
  cli: planningCli,
  // The demo plans (新乡's and 连州's, with synthetic reported values) and the tasks of the city's plan; they
  // replace the previous demo's, so no clear step is needed.
  async demoSeed(s, { seed, city }) {
    await loadDemoPlans(s, seed);
    const planId = await firstSyntheticPlan(s.db, city);
    if (planId !== null) await loadDemoTasks(s, planId);
    return undefined;
  },
});
