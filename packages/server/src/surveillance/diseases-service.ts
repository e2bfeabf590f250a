// Disease settings as a service: held in memory because every ingested card and every detection run consults
// them (writes invalidate the copy); platform and city administrators add and edit them, each change checked
// by running its detector and audited. The platform default is the administrator's; a city administrator's
// change is its city's override (city-settings.ts), which the detection of that city's counties runs on.
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { requireConfigure } from './access.ts';
import { CityOverrides, DISEASE_CITY_FIELDS, viewerCity } from './city-settings.ts';
import { checkDetector } from './detector-check.ts';
import { allDiseases, type DiseaseInput, type DiseaseSetting, insertDisease, updateDisease } from './diseases-repo.ts';

export class DiseaseSettings {
  private cached: Promise<Map<string, DiseaseSetting>> | null = null;
  /** The cities' overrides of diseases and streams (shared with the streams and the engine). */
  readonly overrides: CityOverrides;
  constructor(private readonly db: Db) {
    this.overrides = new CityOverrides(db);
  }

  /** The platform default of every disease. */
  all(): Promise<Map<string, DiseaseSetting>> {
    this.cached ??= allDiseases(this.db).then((rows) => new Map(rows.map((d) => [d.code, d])));
    this.cached.catch(() => {
      this.cached = null;
    });
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
    this.overrides.invalidate();
  }

  /** Every disease as `city` runs it (its overrides over the default); the default for null. */
  async forCity(city: string | null): Promise<Map<string, DiseaseSetting>> {
    const all = await this.all();
    if (!city) return all;
    const list = await this.overrides.apply('disease', city, [...all.values()]);
    return new Map(list.map((d) => [d.code, d]));
  }

  /** The catalogue as the caller sees it: its city's settings for a user with a city, else the default. */
  forViewer(policy: AccessPolicy): Promise<Map<string, DiseaseSetting>> {
    return this.forCity(viewerCity(policy));
  }

  /** Adds a locally monitored disease; an existing code is a 422 naming `code`. */
  async create(policy: AccessPolicy, b: DiseaseInput & { code: string }, actor: Actor): Promise<DiseaseSetting> {
    requireConfigure(policy);
    checkDetector(b.algorithm, b.params, b.frequency === 'day' ? 365 : 52);
    if ((await this.all()).has(b.code))
      throw invalid([
        { path: 'code', message: { zh: `疾病编码“${b.code}”已存在`, en: `Disease code ${b.code} exists` } },
      ]);
    const city = viewerCity(policy);
    await this.db.tx(async (q) => {
      // A city's local disease is in the catalogue for every city but monitored only where that city says so.
      await insertDisease(q, city ? { ...b, enabled: false } : b);
      if (city) {
        const base = { code: b.code, version: 1 };
        const changes = Object.fromEntries(DISEASE_CITY_FIELDS.map((k) => [k, b[k]]));
        await this.overrides.write(q, {
          kind: 'disease',
          city,
          base,
          current: base,
          version: 1,
          changes,
          allowed: DISEASE_CITY_FIELDS,
        });
      }
      await audit(q, actor, {
        action: 'disease.create',
        entity: 'disease',
        entityId: b.code,
        ...(city ? { areaCode: city } : {}),
        after: b,
      });
    });
    this.invalidate();
    return (await this.forCity(city)).get(b.code)!;
  }

  /** Edits a disease's settings with optimistic concurrency (`version` as read); fields left out keep theirs. */
  async update(
    policy: AccessPolicy,
    code: string,
    changes: Partial<DiseaseInput> & { version: number },
    actor: Actor,
  ): Promise<DiseaseSetting> {
    requireConfigure(policy);
    const city = viewerCity(policy);
    if (city) return this.updateForCity(city, code, changes, actor);
    const cur = (await this.all()).get(code);
    if (!cur) throw notFound({ zh: `疾病 ${code} `, en: `Disease ${code}` });
    const next = { ...cur, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    checkDetector(next.algorithm, next.params, next.frequency === 'day' ? 365 : 52);
    await this.db.tx(async (q) => {
      if (!(await updateDisease(q, cur.code, changes.version, next))) throw conflict();
      await audit(q, actor, {
        action: 'disease.update',
        entity: 'disease',
        entityId: cur.code,
        before: cur,
        after: next,
      });
    });
    this.invalidate();
    return (await this.all()).get(cur.code)!;
  }

  /** A city administrator's change: written to its city's override; the platform default stays. */
  private async updateForCity(
    city: string,
    code: string,
    changes: Partial<DiseaseInput> & { version: number },
    actor: Actor,
  ): Promise<DiseaseSetting> {
    const base = (await this.all()).get(code);
    if (!base) throw notFound({ zh: `疾病 ${code} `, en: `Disease ${code}` });
    const cur = (await this.forCity(city)).get(code)!;
    const { version, ...rest } = changes;
    const next = { ...cur, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    checkDetector(next.algorithm, next.params, next.frequency === 'day' ? 365 : 52);
    await this.db.tx(async (q) => {
      await this.overrides.write(q, {
        kind: 'disease',
        city,
        base,
        current: cur,
        version,
        changes: rest,
        allowed: DISEASE_CITY_FIELDS,
      });
      await audit(q, actor, {
        action: 'disease.update',
        entity: 'disease',
        entityId: code,
        areaCode: city,
        before: cur,
        after: next,
      });
    });
    this.invalidate();
    return (await this.forCity(city)).get(code)!;
  }
}
