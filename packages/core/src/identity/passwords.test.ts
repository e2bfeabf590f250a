import { describe, expect, it } from 'vitest';
import { commonForms, isCommonPassword, passwordProblems } from './passwords.ts';

const rules = (pw: string, user = 'someone') => passwordProblems(pw, user).map((p) => p.rule);

describe('password rules', () => {
  it('accepts a long password mixing three classes', () => {
    expect(rules('Passw0rd-test')).toEqual([]);
    expect(rules('xin-Xiang-2024')).toEqual([]);
    expect(rules('grün-Wiese-42')).toEqual([]);
  });

  it('refuses fewer than 10 characters, counting characters not UTF-16 units', () => {
    expect(rules('Ab1-Ab1-x')).toEqual(['length']);
    expect(rules('Ab1-Ab1-xy')).toEqual([]);
  });

  it('refuses fewer than three character classes', () => {
    expect(rules('abcdefghijk')).toContain('classes');
    expect(rules('abcdefghij12')).toEqual(['classes']);
    expect(rules('ABCDEFGH-ijk')).toEqual([]);
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(rules('Huixian-2024x', 'huixian')).toEqual(['username']);
    expect(rules('xxHUIXIAN-99', 'HuiXian')).toEqual(['username']);
    expect(rules('Huixia-2024xx', 'huixian')).toEqual([]);
  });

  it('refuses common passwords and their decorated variants', () => {
    // The examples: password12 (too short, two classes, and common) and a password equal to the username.
    expect(rules('password12')).toEqual(['classes', 'common']);
    expect(rules('city-City-10', 'city')).toEqual(['username']);
    expect(isCommonPassword('P@ssw0rd2024!')).toBe(true);
    expect(isCommonPassword('Qwertyuiop123!')).toBe(true);
    expect(isCommonPassword('1qaz2wsx3edc')).toBe(true);
    expect(isCommonPassword('Dr@g0n-2024')).toBe(true);
    expect(isCommonPassword('Woaini1314!!')).toBe(true);
    expect(rules('Password123!')).toEqual(['common']);
    expect(isCommonPassword('Passw0rd-test')).toBe(false);
  });

  it('compares lower-cased forms with decorations stripped and substitutions undone', () => {
    expect(commonForms('P@ssw0rd2024!')).toContain('password');
    expect(commonForms('ab')).toEqual([]);
  });

  it('names the rule in both languages', () => {
    const [p] = passwordProblems('short', 'x');
    expect(p?.message.zh).toContain('至少 10 位');
    expect(p?.message.en).toContain('length rule');
  });
});
