import { describe, expect, it } from 'vitest';
import { leadProblem, memberProblem, memberReach, validateNetwork } from './networks.ts';

const member = (areaCode: string, closedOn: string | null = null) => ({ id: 7, name: '某卫生院', areaCode, closedOn });

describe('network rules', () => {
  it('names every problem of a network record at once', () => {
    const issues = validateNetwork({ name: '  ', type: 'alliance' as never, leadInstitutionId: null });
    expect(issues.map((i) => i.field)).toEqual(['name', 'type']);
    expect(validateNetwork({ name: '辉县市医共体', type: 'county-medical-community', leadInstitutionId: 3 })).toEqual(
      [],
    );
    expect(
      validateNetwork({ name: '医'.repeat(101), type: 'specialty-alliance', leadInstitutionId: null })[0]?.field,
    ).toBe('name');
  });

  it('keeps a county medical community in its county and an urban group in its city', () => {
    expect(memberReach('county-medical-community', '410782')).toBe('410782');
    expect(memberReach('urban-medical-group', '410702')).toBe('4107');
    expect(memberReach('specialty-alliance', '410702')).toBe('');
    expect(memberProblem('county-medical-community', '410782', member('410782101'))).toBeNull();
    expect(memberProblem('county-medical-community', '410782', member('410783101'))?.zh).toContain('本县');
    expect(memberProblem('urban-medical-group', '410702', member('410782101'))).toBeNull();
    expect(memberProblem('urban-medical-group', '410702', member('410102001'))?.zh).toContain('本市');
    expect(memberProblem('specialty-alliance', '410702', member('440100001'))).toBeNull();
  });

  it('lets no closed institution join', () => {
    expect(memberProblem('specialty-alliance', '410702', member('410702001', '2024-01-01'))?.zh).toContain(
      '2024-01-01 撤销',
    );
  });

  it('requires the lead to be a member', () => {
    expect(leadProblem(null, [])).toBeNull();
    expect(leadProblem(3, [1, 3])).toBeNull();
    expect(leadProblem(4, [1, 3])?.en).toContain('must be a member');
  });
});
