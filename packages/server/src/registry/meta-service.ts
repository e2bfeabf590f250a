// What the UI needs before its first page: the years with data, where the caller's tree starts, and the
// demo city's settings when there is one.
import type { AccessPolicy } from '../platform/access-policy.ts';
import type { Db } from '../platform/db.ts';
import { currentYear } from './areas-service.ts';
import { resourceYearSpan } from './facts-repo.ts';
import { busiestCity, getInstitution } from './institutions-repo.ts';
import { readSettings } from './settings-repo.ts';

export interface DemoSettings {
  cityCode: string;
  fromYear: number;
  toYear: number;
  seed: number;
  scale: number;
}

export class MetaService {
  constructor(private readonly db: Db) {}

  async start(policy: AccessPolicy) {
    const settings = (await readSettings(this.db, ['demo', 'years'])) as { demo?: DemoSettings };
    const span = await resourceYearSpan(this.db);
    const thisYear = currentYear();
    const min = span.min ?? thisYear - 1;
    const max = span.max ?? thisYear - 1;
    const years: number[] = [];
    for (let y = min; y <= max; y++) years.push(y);
    // Without a demo city, an administrator starts at the city holding most institutions (the commission's own).
    let rootAreaCode = policy.scopeAreaCode ?? settings.demo?.cityCode ?? (await busiestCity(this.db));
    if (policy.role === 'institution' && policy.scopeInstitutionId) {
      rootAreaCode = (await getInstitution(this.db, policy.scopeInstitutionId))?.areaCode ?? null;
    }
    return { years, defaultYear: max, rootAreaCode, demo: settings.demo ?? null };
  }
}
