// The demo city's users: one per role, so the scopes can be tried (all with the demo password). Users
// bound to a synthetic institution go with it on a reset and are created again.
import { DEMO_ADMIN_PASSWORD } from '../platform/config.ts';
import type { DemoSeedOptions } from '../platform/module.ts';
import type { IdentityServices } from './services.ts';

/** Removes the users scoped to the demo's institutions, before the registry deletes them. */
export async function clearDemoUsers(s: IdentityServices): Promise<void> {
  await s.users.removeInstitutionUsers(await s.institutions.syntheticIds());
}

export async function seedDemoUsers(s: IdentityServices, o: DemoSeedOptions): Promise<undefined> {
  if (s.config.mode !== 'demo') return undefined;
  const hospital = await s.institutions.demoShowcase();
  await s.users.ensureDemoUsers(
    [
      { username: 'city', displayName: '新乡市卫健委', role: 'city', scopeAreaCode: o.city },
      { username: 'huixian', displayName: '辉县市卫健局', role: 'county', scopeAreaCode: '410782' },
      { username: 'changyuan', displayName: '长垣市卫健委', role: 'county', scopeAreaCode: '410783' },
      ...(hospital === null
        ? []
        : [
            {
              username: 'hospital',
              displayName: '机构填报员',
              role: 'institution' as const,
              scopeInstitutionId: hospital,
            },
          ]),
      { username: 'viewer', displayName: '只读用户', role: 'readonly', scopeAreaCode: o.city },
    ],
    s.config.adminPassword ?? DEMO_ADMIN_PASSWORD,
  );
  return undefined;
}
