// The one shape of a text the system shows in both of its languages: labels, messages, units, notes.
// Chinese is the default language, English the switch (`Accept-Language: en`, the web's en-US locale).

export type Bilingual = { zh: string; en: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string holds a NUL or a lone surrogate: text no column stores as sent (PostgreSQL refuses NUL,
 * and a lone surrogate becomes U+FFFD on the way to UTF-8). The API, the NDJSON lines and import cells refuse it.
 */
export const isMalformedText = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);
