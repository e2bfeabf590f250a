// A module feeds a plan indicator by registering an indicator provider: the planning services are built
// here over a platform whose providers come from a fake module (no surveillance code, no case tables), and
// the engine divides the provider's measure by the registry's population without knowing who computed it.
import { type AreaNode, AreaTree } from '@weijian/core/registry';
import { describe, expect, it } from 'vitest';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { IndicatorProvider, Platform } from '../platform/module.ts';
import { ReadCache } from '../platform/read-cache.ts';
import { AreaFactsService, type RegistryServices } from '../registry/index.ts';
import { createPlanningServices } from './services.ts';

const node = (code: string, name: string, level: number, parentCode: string | null) =>
  ({ code, name, level, parentCode, validFrom: null, validTo: null, successorCode: null }) as AreaNode;
const tree = new AreaTree([
  node('41', '河南省', 1, null),
  node('4107', '新乡市', 2, '41'),
  node('410782', '辉县市', 3, '4107'),
]);

/** The registry's population table as the only data; reported indicator values: none. */
const db = {
  engine: 'pglite',
  generation: 0,
  async query(sql: string) {
    if (sql.includes('from area_population')) {
      return { rows: [2023, 2024].map((year) => ({ code: '410782', year, asof: null, resident: 500000 })) };
    }
    return { rows: [] };
  },
  async exec() {},
} as unknown as Db;

function planningWith(providers: IndicatorProvider[]) {
  const platform: Platform = {
    config: {} as Config,
    db,
    cache: new ReadCache(db, false),
    indicatorProviders: () => providers,
  };
  const registry = {
    areas: { tree: async () => tree },
    summaries: {},
    areaFacts: new AreaFactsService(db),
    areaScope: { withinFn: async () => () => true },
  } as unknown as RegistryServices;
  return createPlanningServices(platform, { registry });
}

describe('indicator providers', () => {
  it('a registered provider feeds the module indicator, bucketed per area and year', async () => {
    const calls: { areas: readonly string[]; from: number; to: number }[] = [];
    const fake: IndicatorProvider = {
      module: 'surveillance',
      measure: 'notifiable-cases',
      async compute(_tree, areas, from, to) {
        calls.push({ areas, from, to });
        return (area, year) =>
          area === '410782' && year === 2024 ? { value: 150, asOf: '2024-12-01T00:00:00.000Z' } : undefined;
      },
    };
    const planning = planningWith([fake]);
    const values = await planning.indicators.values(['notifiable-disease-incidence'], ['410782'], 2023, 2024);

    expect(calls).toEqual([{ areas: ['410782'], from: 2023, to: 2024 }]);
    const v2024 = values.get('notifiable-disease-incidence', '410782', 2024)!;
    expect(v2024).toMatchObject({ kind: 'computed', asOf: '2024-12-01T00:00:00.000Z' });
    expect(v2024.value).toBeCloseTo(30, 9);
    expect(v2024.module).toEqual({ name: 'surveillance', hasData: true });
    // Where the provider has no data the value is not zero: no reported value either, so none.
    const v2023 = values.get('notifiable-disease-incidence', '410782', 2023)!;
    expect(v2023).toMatchObject({ kind: 'reported', value: null, module: { name: 'surveillance', hasData: false } });
  });

  it('refuses to evaluate a measure nobody provides (a wiring error, not missing data)', async () => {
    const planning = planningWith([]);
    await expect(planning.indicators.values(['notifiable-disease-incidence'], ['410782'], 2024, 2024)).rejects.toThrow(
      /no indicator provider/,
    );
  });
});
