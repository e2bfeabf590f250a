// The password rules of 等保 2.0 level 3 (identity authentication: "口令应有复杂度要求"): at least 10
// characters, three of the four character classes, not containing the username, not a common password.
// Pure: the server applies them on create, change and reset; the web may show the same messages.
import type { Bilingual } from '../platform/text.ts';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordRule = 'length' | 'classes' | 'username' | 'common';

export interface PasswordProblem {
  rule: PasswordRule;
  message: Bilingual;
}

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

let common: Set<string> | null = null;
/** Built on first use, so a bundle that imports only the roles carries no set (and tree-shakes the text). */
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n').filter((p) => p.length > 0));
  return common;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};
const unLeet = (s: string) => s.replace(/[013457@$!]/g, (c) => LEET[c] ?? c);

/**
 * The forms of a password compared against the list: `P@ssw0rd2024!` is `password` with decorations, so
 * lower-case, with leading and trailing digits and symbols stripped, and with common substitutions undone.
 */
export function commonForms(password: string): string[] {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  // Decorations are stripped before substitutions are undone (the "1" of "password1" is a decoration).
  const forms = [lower, unLeet(lower), core, unLeet(core)];
  return [...new Set(forms.filter((f) => f.length >= 4))];
}

export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  return commonForms(password).some((f) => list.has(f));
}

/** Every rule the password breaks (empty when it is acceptable), each message naming its rule. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push({
      rule: 'length',
      message: {
        zh: `密码长度规则：至少 ${PASSWORD_MIN_LENGTH} 位`,
        en: `Password length rule: at least ${PASSWORD_MIN_LENGTH} characters`,
      },
    });
  }
  if (CLASSES.filter((re) => re.test(password)).length < PASSWORD_MIN_CLASSES) {
    problems.push({
      rule: 'classes',
      message: {
        zh: '密码复杂度规则：须包含大写字母、小写字母、数字、符号中的至少三类',
        en: 'Password character rule: use at least three of upper-case letters, lower-case letters, digits and symbols',
      },
    });
  }
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) {
    problems.push({
      rule: 'username',
      message: { zh: '密码用户名规则：不得包含用户名', en: 'Password username rule: must not contain the username' },
    });
  }
  if (isCommonPassword(password)) {
    problems.push({
      rule: 'common',
      message: {
        zh: '常用密码规则：该密码（或其简单变形）在常用密码表中，请换一个',
        en: 'Common-password rule: this password (or a simple variant of it) is on the list of common passwords',
      },
    });
  }
  return problems;
}
