// The identifiers of the person index as the platform protects them everywhere: the same HMAC purposes as the
// surveillance case intake (a person's 身份证号 digest is one value across contexts) and its phone normalisation.

/** HMAC purposes (platform/protect.ts), as surveillance/case-intake.ts uses them. */
export const CitizenIdPurpose = 'citizen-id';
export const PhonePurpose = 'phone';

/** A phone number's digits as case reports store them (+86 and separators dropped), or null when it is none. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return /^(1\d{10}|0\d{9,11}|\d{7,8})$/.test(digits) ? digits : null;
}
