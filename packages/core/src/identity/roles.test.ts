import { describe, expect, it } from 'vitest';
import {
  canWrite,
  hasRight,
  mayReadArea,
  mayReadInstitution,
  mayWriteArea,
  mayWriteInstitution,
  type Principal,
  ROLES,
  scopeKindOf,
} from './roles.ts';

const within = (code: string, root: string) => code.startsWith(root);
const who = (
  role: Principal['role'],
  scopeAreaCode: string | null,
  scopeInstitutionId: number | null = null,
): Principal => ({
  userId: 1,
  username: role,
  role,
  scopeAreaCode,
  scopeInstitutionId,
});

describe('scopes', () => {
  it('lets a county user read only its own subtree', () => {
    const county = who('county', '410782');
    expect(mayReadArea(county, '410782100', within)).toBe(true);
    expect(mayReadArea(county, '410783', within)).toBe(false);
    expect(mayReadArea(county, '4107', within)).toBe(false);
  });
  it('gives institution users their institution only, and no area data', () => {
    const inst = who('institution', null, 7);
    expect(mayReadInstitution(inst, { id: 7, areaCode: '410782100' }, within)).toBe(true);
    expect(mayReadInstitution(inst, { id: 8, areaCode: '410782100' }, within)).toBe(false);
    expect(mayReadArea(inst, '410782', within)).toBe(false);
  });
  it('makes read-only users unable to write inside their scope', () => {
    const ro = who('readonly', '4107');
    expect(canWrite(ro)).toBe(false);
    expect(mayReadInstitution(ro, { id: 1, areaCode: '410782100' }, within)).toBe(true);
    expect(mayWriteInstitution(ro, { id: 1, areaCode: '410782100' }, within)).toBe(false);
  });
  it('lets admins do everything', () => {
    const admin = who('admin', null);
    expect(mayReadArea(admin, '11', within)).toBe(true);
    expect(mayWriteInstitution(admin, { id: 1, areaCode: '110101' }, within)).toBe(true);
  });
});

describe('rights', () => {
  it('gives each role the rights its predicates act on', () => {
    expect(ROLES.filter((r) => hasRight(r, 'readArea'))).toEqual(['admin', 'city', 'county', 'readonly']);
    expect(ROLES.filter((r) => hasRight(r, 'writeArea'))).toEqual(['admin', 'city', 'county']);
    expect(ROLES.filter((r) => hasRight(r, 'writeInstitution'))).toEqual(['admin', 'city', 'county', 'institution']);
    expect(ROLES.filter((r) => hasRight(r, 'configure'))).toEqual(['admin', 'city']);
    expect(ROLES.filter((r) => hasRight(r, 'administer'))).toEqual(['admin']);
    expect(ROLES.map(scopeKindOf)).toEqual(['platform', 'area', 'area', 'institution', 'area', 'self']);
    expect(ROLES.filter((r) => hasRight(r, 'readInstitution'))).not.toContain('resident');
  });
  it('gives a resident no area or institution right, whatever scope a row might carry', () => {
    const r = who('resident', '4107');
    expect(canWrite(r)).toBe(false);
    expect(mayReadArea(r, '410782', () => true)).toBe(false);
    expect(mayReadInstitution(r, { id: 1, areaCode: '410782' }, () => true)).toBe(false);
  });
  it('refuses every write to a read-only user whatever the scope', () => {
    const ro = who('readonly', '4107');
    expect(canWrite(ro)).toBe(false);
    expect(mayWriteArea(ro, '410782', within)).toBe(false);
  });
  it('refuses area-level reads to an area user without a scope', () => {
    expect(mayReadArea(who('county', null), '410782', within)).toBe(false);
  });
});
