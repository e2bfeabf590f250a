// The dictionaries are split per page and merged by spreading, where a key defined twice would silently win
// over the other: every key must live in exactly one page file and carry both languages.
import { describe, expect, it } from 'vitest';

const pages = import.meta.glob<Record<string, Record<string, { zh: string; en: string }>>>('../*/i18n/*.ts', {
  eager: true,
});

describe('i18n dictionaries', () => {
  const byContext = new Map<string, Map<string, string[]>>();
  for (const [file, mod] of Object.entries(pages)) {
    const context = file.startsWith('./') ? 'platform' : (file.split('/')[1] ?? '');
    const keys = byContext.get(context) ?? new Map<string, string[]>();
    for (const dict of Object.values(mod)) {
      for (const key of Object.keys(dict)) keys.set(key, [...(keys.get(key) ?? []), file]);
    }
    byContext.set(context, keys);
  }

  it('covers every context', () => {
    expect([...byContext.keys()].sort()).toEqual([
      'access',
      'care',
      'identity',
      'planning',
      'platform',
      'registry',
      'surveillance',
    ]);
  });

  it('defines each key once per context', () => {
    const twice = [...byContext.values()].flatMap((keys) => [...keys].filter(([, files]) => files.length > 1));
    expect(twice).toEqual([]);
  });

  it('gives every key a Chinese and an English text', () => {
    const missing = Object.values(pages).flatMap((mod) =>
      Object.values(mod).flatMap((dict) => Object.entries(dict).filter(([, v]) => !v.zh || !v.en)),
    );
    expect(missing).toEqual([]);
  });
});
