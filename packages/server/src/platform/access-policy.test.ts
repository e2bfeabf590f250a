import type { Principal } from '@weijian/core/identity';
import { describe, expect, it } from 'vitest';
import { AccessPolicy, type AreaScope } from './access-policy.ts';
import { AppError } from './errors.ts';

const NAMES: Record<string, string> = { '4107': '新乡市', '410782': '辉县市', '410783': '长垣市' };
const scope: AreaScope = {
  withinFn: async () => (code, root) => code.startsWith(root),
  nameOf: async (code) => NAMES[code],
};
const policyOf = (role: Principal['role'], scopeAreaCode: string | null, scopeInstitutionId: number | null = null) =>
  new AccessPolicy({ userId: 1, username: role, role, scopeAreaCode, scopeInstitutionId }, scope, {
    principal: null,
    ip: null,
  } as never);

/** The refusal's message (zh and en) from a check that must fail with 403. */
async function refusal(check: () => unknown): Promise<{ zh: string; en: string }> {
  try {
    await check();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(403);
    return (e as AppError).text;
  }
  throw new Error('the check did not refuse');
}

describe('refusals say whether the role or the scope is the reason', () => {
  it('names the role when a read-only user writes, whatever the area', async () => {
    const viewer = policyOf('readonly', '4107');
    const text = await refusal(() => viewer.requireWriteArea('410782'));
    expect(text.zh).toContain('您的角色（只读用户）');
    expect(text.en).toContain('Your role (Read-only user)');
    expect(text.zh).not.toContain('管辖范围');
  });

  it('names the role when an institution user asks for area-level data', async () => {
    const hospital = policyOf('institution', null, 7);
    const text = await refusal(() => hospital.requireReadArea('410782'));
    expect(text.zh).toContain('您的角色（机构用户）不能查看区域数据');
    expect(text.en).toContain('cannot see area-level data');
  });

  it('names the area and the scope, by name and code, when a county user looks at its neighbour', async () => {
    const huixian = policyOf('county', '410782');
    await huixian.requireReadArea('410782');
    const text = await refusal(() => huixian.requireReadArea('410783'));
    expect(text.zh).toBe('长垣市（410783）不在您的管辖范围（辉县市（410782））内');
    expect(text.en).toBe('长垣市 (410783) is outside your area (辉县市 (410782))');
  });

  it('names the role for rights a role lacks and lists the roles a role rule takes', async () => {
    const county = policyOf('county', '410782');
    expect((await refusal(() => county.requireRight('configure'))).zh).toContain('您的角色（县区级用户）');
    expect((await refusal(() => county.requireAdmin())).zh).toContain('仅平台管理员');
    const text = await refusal(() => county.requireRole(['admin', 'city']));
    expect(text.zh).toContain('平台管理员、市级用户');
  });

  it('says scope for a bare rule and for another institution', async () => {
    expect((await refusal(() => policyOf('city', '4107').require(false))).zh).toBe('超出您的管辖范围');
    const hospital = policyOf('institution', null, 7);
    const text = await refusal(() => hospital.requireWriteInstitution({ id: 8, areaCode: '410782100' }));
    expect(text.zh).toBe('超出您所在机构的范围');
  });
});
