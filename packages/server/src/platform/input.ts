// The one set of edge types every route parses ids, numbers, dates and text with, so that what reaches a
// service (and SQL) is already in the range of its column and the calendar: an id past int4 is a 400 naming
// the field, not a failed statement (500); 2023-02-30 is not a date anywhere; text holds no NUL (PostgreSQL
// refuses it) and no lone surrogate (stored as U+FFFD, silently changing what was sent).
import { isCalendarDate, isMalformedText } from '@weijian/core/platform';
import { INT4_MAX } from '@weijian/core/registry';
import { z } from 'zod';
import type { ErrorDetail, Text } from './errors.ts';

export { INT4_MAX };

/**
 * A refinement's message in both languages: validation.ts reads `params` of a custom issue instead of zod's
 * generic "invalid input", so the 400 says what is wrong in the caller's language.
 */
const says = (text: Text) => ({ params: text });

// --- numbers -----------------------------------------------------------------------------------------------

/** A serial id (int4) in a path or query: 1 … 2,147,483,647. */
export const Id = z.coerce.number().int().positive().max(INT4_MAX);
/** A bigserial id (events, signals, cases) in a path or query: positive and a safe integer. */
export const BigId = z.coerce.number().int().positive();
/** A serial id in a JSON body (no coercion from strings). */
export const IdNumber = z.number().int().positive().max(INT4_MAX);
/** A version number (optimistic concurrency), int4. */
export const Version = z.number().int().min(1).max(INT4_MAX);
/** The same, from a query string. */
export const VersionParam = z.coerce.number().int().min(1).max(INT4_MAX);
/** Where a list page starts: the `nextCursor` of the previous page (checked by platform/keyset.ts → 422). */
export const Cursor = z.string().max(4000).optional();
/** A page size (query). */
export const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Beyond this a number in a request is a typo or an attack, whatever it measures. */
export const NUMBER_BOUND = 1e12;
/** A finite number within ±1e12: 1e308 passes `finite()` but is no one's measurement. */
export const Num = z.number().min(-NUMBER_BOUND).max(NUMBER_BOUND);
/** A count or amount: finite, ≥ 0. */
export const NonNegative = z.number().min(0).max(NUMBER_BOUND);

/** A statistical or plan year, from a query string or path (新中国 onwards, this century's plans). */
export const Year = z.coerce.number().int().min(1949).max(2100);
/** The same in a JSON body. */
export const YearNumber = z.number().int().min(1949).max(2100);

// --- dates -------------------------------------------------------------------------------------------------

/** A calendar date written YYYY-MM-DD: 2023-02-30 and 2023-13-01 are refused. */
export const IsoDate = z
  .string()
  .refine(
    isCalendarDate,
    says({ zh: '日期必须是有效的 YYYY-MM-DD 日历日期', en: 'must be a calendar date written YYYY-MM-DD' }),
  );

// --- text --------------------------------------------------------------------------------------------------

export { isMalformedText };

const MALFORMED: Text = {
  zh: '含有不允许的字符（空字符或不成对的代理项）',
  en: 'contains a character that is not allowed (NUL or a lone surrogate)',
};

/** A string of at most `max` characters without NUL or lone surrogates. */
export const Str = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !isMalformedText(s), says(MALFORMED));

/** A region code (省 2 … 村 12 digits). */
export const AreaCode = z.string().regex(/^\d{2,12}$/);

/**
 * The first place in a parsed request part (params, query, a JSON body, one NDJSON line) holding malformed
 * text, keys included, as an error detail naming it (`prefix.a.0.b`), or null. Iterative, so a deeply
 * nested body cannot overflow the stack.
 */
export function malformedTextAt(value: unknown, prefix = ''): ErrorDetail | null {
  // Every request passes here: walk without building paths, and name the field only on a hit.
  interface Node {
    v: unknown;
    key: string;
    parent: Node | null;
  }
  const pathOf = (n: Node): string => {
    const keys: string[] = [];
    for (let at: Node | null = n; at; at = at.parent) if (at.key) keys.push(at.key);
    return keys.reverse().join('.') || 'body';
  };
  const stack: Node[] = [{ v: value, key: prefix, parent: null }];
  while (stack.length) {
    const n = stack.pop()!;
    const v = n.v;
    if (typeof v === 'string') {
      if (isMalformedText(v)) return { path: pathOf(n), message: MALFORMED };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: String(i), parent: n });
    } else if (v && typeof v === 'object') {
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        if (isMalformedText(k)) return { path: pathOf(n), message: MALFORMED };
        stack.push({ v: (v as Record<string, unknown>)[k], key: k, parent: n });
      }
    }
  }
  return null;
}
