// Yearly facts edited one at a time: an institution's resources for a year, an area's population for a
// year. Each save is checked against the caller's scope, runs in one transaction with its audit entry and
// uses the row's version for optimistic concurrency.
import {
  type PopulationValues,
  type ResourceValues,
  validatePopulationValues,
  validateResourceValues,
} from '@weijian/core/registry';
import type { AccessPolicy } from '../platform/access-policy.ts';
import { audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { AppError, conflict, type ErrorDetail, invalid } from '../platform/errors.ts';
import { type AreasService, normaliseAreaCode } from './areas-service.ts';
import { populationOfArea, resourcesOf, upsertPopulation, upsertResources } from './facts-repo.ts';
import type { InstitutionsService } from './institutions-service.ts';
import { checkPopulation } from './population-checks.ts';

const details = (issues: { field: string; message: { zh: string; en: string } }[]) =>
  issues.map((i) => ({ path: i.field, message: i.message }));

export class FactsService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasService,
    private readonly institutions: InstitutionsService,
  ) {}

  async resources(policy: AccessPolicy, institutionId: number) {
    const inst = await this.institutions.readable(policy, institutionId);
    const items = await resourcesOf(this.db, inst.id);
    return { total: items.length, items };
  }

  async saveResources(
    policy: AccessPolicy,
    institutionId: number,
    year: number,
    body: Partial<ResourceValues> & { version?: number },
  ) {
    const inst = await this.institutions.readable(policy, institutionId);
    await policy.requireWriteInstitution(inst);
    const { version, ...values } = body;
    const issues = validateResourceValues(values);
    if (issues.length) throw invalid(details(issues));
    await this.db.tx(async (q) => {
      const before = (await resourcesOf(q, inst.id, year))[0] ?? null;
      if (before && version === undefined) {
        throw new AppError('CONFLICT', {
          zh: `${year} 年报表已存在，修改时请提供版本号`,
          en: `A ${year} report exists; send its version to edit it`,
        });
      }
      const ok = before
        ? await upsertResources(q, inst.countyCode, inst.id, year, values, version)
        : await upsertResources(q, inst.countyCode, inst.id, year, values);
      if (!ok) throw conflict();
      await audit(q, policy.actor, {
        action: 'resources.save',
        entity: 'institution_resources',
        entityId: `${inst.id}/${year}`,
        areaCode: inst.areaCode,
        before,
        after: values,
      });
    });
    return (await resourcesOf(this.db, inst.id, year))[0];
  }

  async population(policy: AccessPolicy, code: string, year: number) {
    const area = await this.areas.get(code);
    await policy.requireReadArea(area.code, year);
    const row = (await populationOfArea(this.db, area.code, year))[0];
    if (!row) return { areaCode: area.code, year, version: null };
    // Shown with the record, so a total that disagrees with its sub-areas is flagged where it is edited.
    const { warnings } = await checkPopulation(this.db, await this.areas.tree(), area.code, year, row);
    return { ...row, warnings };
  }

  async savePopulation(
    policy: AccessPolicy,
    rawCode: string,
    year: number,
    body: Partial<PopulationValues> & { version?: number },
  ) {
    const area = await this.areas.get(normaliseAreaCode(rawCode));
    await policy.requireWriteArea(area.code, year);
    if (area.level < 3) {
      throw invalid([
        {
          path: 'code',
          message: { zh: '人口数据应填报到县级及以下区划', en: 'Population is recorded for counties and below' },
        },
      ]);
    }
    // A retired area's figure would replace its successor's in every sum: record under the area in force.
    const inForce = (await this.areas.tree()).resolveIn(area.code, year);
    if (inForce !== area.code) {
      throw invalid([
        {
          path: 'code',
          message: {
            zh: `${area.name}在 ${year} 年不是有效区划${inForce ? `，请填报到 ${inForce}` : ''}`,
            en: `${area.code} was not in force in ${year}${inForce ? `; record it under ${inForce}` : ''}`,
          },
        },
      ]);
    }
    const { version, ...values } = body;
    const issues = validatePopulationValues(values);
    if (issues.length) throw invalid(details(issues));
    let warnings: ErrorDetail[] = [];
    const tree = await this.areas.tree();
    await this.db.tx(async (q) => {
      const before = (await populationOfArea(q, area.code, year))[0] ?? null;
      if (before && version === undefined) {
        throw new AppError('CONFLICT', {
          zh: `${year} 年人口数据已存在，修改时请提供版本号`,
          en: `Population for ${year} exists; send its version to edit it`,
        });
      }
      const checked = await checkPopulation(q, tree, area.code, year, values);
      if (checked.errors.length) throw invalid(checked.errors);
      warnings = checked.warnings;
      const county = area.countyCode ?? area.code.slice(0, 6);
      const ok = before
        ? await upsertPopulation(q, county, area.code, year, values, version)
        : await upsertPopulation(q, county, area.code, year, values);
      if (!ok) throw conflict();
      await audit(q, policy.actor, {
        action: 'population.save',
        entity: 'area_population',
        entityId: `${area.code}/${year}`,
        areaCode: area.code,
        before,
        after: values,
      });
    });
    return { ...(await populationOfArea(this.db, area.code, year))[0]!, warnings };
  }
}
