import type { FastifyRequest } from 'fastify';
import type { Text } from './errors.ts';

export type Lang = 'zh' | 'en';

/** Chinese unless the caller asks for English (`?lang=en` or an Accept-Language that prefers en). */
export function langOf(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'zh') return q;
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  return accept.startsWith('en') ? 'en' : 'zh';
}

export const pick = (t: Text, lang: Lang) => t[lang];
