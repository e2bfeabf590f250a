// Reported indicator values (indicator_values): listing an area's values and entering, correcting or
// deleting one, with the catalogue's rules on what may be reported, optimistic concurrency and its audit
// entry in the same transaction.
import { CATALOGUE, indicatorByCode, indicatorComponents } from '@weijian/core/planning';
import type { z } from 'zod';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { AppError, conflict, invalid } from '../platform/errors.ts';
import { type AreasService, normaliseAreaCode } from '../registry/index.ts';
import type { IndicatorEngine } from './indicator-engine.ts';
import { deleteValue, getValue, listValues, upsertValue, type ValueFilter } from './indicator-values-repo.ts';
import type { ValueEdit } from './plan-schemas.ts';

export type ValueEditInput = z.infer<typeof ValueEdit>;

export class IndicatorValuesService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly engine: IndicatorEngine,
  ) {}

  /** Values of an area (and, with `subtree`, of the areas below it) the caller may read. */
  async list(policy: AccessPolicy, f: ValueFilter & { area: string }) {
    const area = normaliseAreaCode(f.area);
    await this.areas.get(area);
    await policy.requireReadArea(area);
    return listValues(this.db, { ...f, area });
  }

  /** Enters, corrects (with `version`) or deletes (`value: null`) one value; returns the row after. */
  async put(policy: AccessPolicy, b: ValueEditInput) {
    const def = indicatorByCode(b.indicator);
    if (!def) {
      throw invalid([
        {
          path: 'indicator',
          message: { zh: `指标库中没有“${b.indicator}”`, en: `No catalogue indicator "${b.indicator}"` },
        },
      ]);
    }
    const reportable =
      def.source.kind === 'reported' ||
      CATALOGUE.some((d) => indicatorComponents(d).some((c) => 'reported' in c && c.reported === def.code));
    if (!reportable) {
      throw invalid([
        {
          path: 'indicator',
          message: {
            zh: `“${def.zh}”由登记数据自动计算，不能填报；请修改机构年报或人口数据`,
            en: `${def.en} is computed from the registry; edit the yearly reports or population instead`,
          },
        },
      ]);
    }
    const area = await this.areas.get(normaliseAreaCode(b.area));
    await policy.requireWriteArea(area.code, b.year);
    if (def.source.kind === 'module' && b.value !== null) {
      // Where the module has data its value is the indicator's; a value is entered only for the years it has
      // none (history before it existed). Deleting a value it overrides stays possible.
      const computed = (await this.engine.values([def.code], [area.code], b.year, b.year)).get(
        def.code,
        area.code,
        b.year,
      );
      if (computed?.module?.hasData) {
        throw invalid([
          {
            path: 'year',
            message: {
              zh: `“${def.zh}”${b.year} 年由传染病监测数据自动计算，不能填报；只有监测数据之前的年份可以填报`,
              en: `${def.en} for ${b.year} is computed from surveillance case reports; values can be entered only for years without surveillance data`,
            },
          },
        ]);
      }
    }
    const source =
      b.source ??
      (def.source.kind === 'reported' || def.source.kind === 'module' ? def.source.defaultSource : 'manual');
    const username = policy.principal.username;
    const result = await this.db.tx(async (q) => {
      const before = await getValue(q, def.code, area.code, b.year);
      if (before && b.version === undefined) {
        throw new AppError('CONFLICT', {
          zh: `${area.name} ${b.year} 年的该指标值已存在，修改时请提供版本号`,
          en: `A ${b.year} value exists for ${area.code}; send its version to edit it`,
        });
      }
      if (before && b.version !== before.version) throw conflict();
      if (b.value === null) {
        if (before && !(await deleteValue(q, area.code, def.code, b.year, before.version))) throw conflict();
      } else {
        const ok = await upsertValue(
          q,
          {
            countyCode: area.countyCode ?? area.code,
            areaCode: area.code,
            indicator: def.code,
            year: b.year,
            value: b.value,
            source,
            note: b.note ?? null,
            updatedBy: username,
          },
          before ? before.version : undefined,
        );
        if (!ok) throw conflict();
      }
      const after = await getValue(q, def.code, area.code, b.year);
      await audit(q, policy.actor, {
        action: b.value === null ? 'indicator-value.delete' : 'indicator-value.put',
        entity: 'indicator_value',
        entityId: `${def.code}:${area.code}:${b.year}`,
        areaCode: area.code,
        before,
        after,
      });
      return after;
    });
    return result ?? { indicator: def.code, areaCode: area.code, year: b.year, value: null };
  }
}
