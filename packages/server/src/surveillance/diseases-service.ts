// Disease settings as a service: held in memory because every ingested card and every detection run consults
// them (writes invalidate the copy); platform and city administrators add and edit them, each change checked
// by running its detector and audited.
import type { AccessPolicy } from '../platform/access-policy.ts';
import { type Actor, audit } from '../platform/audit.ts';
import type { Db } from '../platform/db.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { requireConfigure } from './access.ts';
import { checkDetector } from './detector-check.ts';
import { allDiseases, type DiseaseInput, type DiseaseSetting, insertDisease, updateDisease } from './diseases-repo.ts';

export class DiseaseSettings {
  private cached: Promise<Map<string, DiseaseSetting>> | null = null;
  constructor(private readonly db: Db) {}

  all(): Promise<Map<string, DiseaseSetting>> {
    this.cached ??= allDiseases(this.db).then((rows) => new Map(rows.map((d) => [d.code, d])));
    this.cached.catch(() => {
      this.cached = null;
    });
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** Adds a locally monitored disease; an existing code is a 422 naming `code`. */
  async create(policy: AccessPolicy, b: DiseaseInput & { code: string }, actor: Actor): Promise<DiseaseSetting> {
    requireConfigure(policy);
    checkDetector(b.algorithm, b.params, b.frequency === 'day' ? 365 : 52);
    if ((await this.all()).has(b.code))
      throw invalid([
        { path: 'code', message: { zh: `疾病编码“${b.code}”已存在`, en: `Disease code ${b.code} exists` } },
      ]);
    await this.db.tx(async (q) => {
      await insertDisease(q, b);
      await audit(q, actor, { action: 'disease.create', entity: 'disease', entityId: b.code, after: b });
    });
    this.invalidate();
    return (await this.all()).get(b.code)!;
  }

  /** Edits a disease's settings with optimistic concurrency (`version` as read); fields left out keep theirs. */
  async update(
    policy: AccessPolicy,
    code: string,
    changes: Partial<DiseaseInput> & { version: number },
    actor: Actor,
  ): Promise<DiseaseSetting> {
    requireConfigure(policy);
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
}
