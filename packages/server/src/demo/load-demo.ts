// The synthetic demo city (新乡市, 4107): every module clears its demo data (in reverse module order, so
// what refers to a record goes before it) and loads its part (in module order: registry's areas,
// institutions, resources and population; identity's users; surveillance's cases, streams and events;
// planning's plans and tasks). Each module's part lives in its own folder; this file only orchestrates.
import type { App } from '../app.ts';
import type { DemoSeedOptions } from '../platform/module.ts';

export const DEMO_CITY = '4107';

export interface DemoOptions {
  scale?: number;
  seed?: number;
}

export interface DemoResult {
  institutions: number;
  resources: number;
  population: number;
  /** Each module's figures beyond the registry's (e.g. `surveillance`). */
  [module: string]: unknown;
  ms: number;
}

/** Creates the demo city unless the database already holds institutions (ours or a real registry's). */
export async function ensureDemo(app: App, opts: DemoOptions): Promise<DemoResult | null> {
  if ((await app.services.registry.institutions.count()) > 0) return null;
  return resetDemo(app, opts);
}

export async function resetDemo(app: App, opts: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const options: DemoSeedOptions = { scale: opts.scale ?? 1, seed: opts.seed ?? 20201231, city: DEMO_CITY };
  if (!(options.scale > 0 && options.scale <= 100)) throw new Error('--scale must be between 0 and 100');
  const services = app.services as unknown as Record<string, object>;
  for (const m of [...app.modules].reverse()) await m.demoClear?.(services[m.name], options);
  const result: Record<string, unknown> = {};
  for (const m of app.modules) Object.assign(result, await m.demoSeed?.(services[m.name], options));
  return { ...result, ms: Date.now() - started } as DemoResult;
}
