// Request validation with zod, reporting every problem with its path in Chinese and English.
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import { AppError, type ErrorDetail, type Text } from './errors.ts';
import { malformedTextAt } from './input.ts';

const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

/** A refinement that carries its own bilingual message (input.ts `says`) as `params: { zh, en }`. */
const ownText = (issue: { code: string; params?: unknown }): Text | null => {
  const p = issue.code === 'custom' ? (issue.params as Partial<Text> | undefined) : undefined;
  return p && typeof p.zh === 'string' && typeof p.en === 'string' ? { zh: p.zh, en: p.en } : null;
};

export function zodDetails(schema: ZodType, data: unknown, prefix = ''): ErrorDetail[] {
  const zh = schema.safeParse(data, { error: zhLocale.localeError });
  const en = schema.safeParse(data, { error: enLocale.localeError });
  if (zh.success || en.success) return [];
  return zh.error.issues.map((issue, i) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: ownText(issue) ?? { zh: issue.message, en: en.error.issues[i]?.message ?? issue.message },
  }));
}

const badRequest = (details: ErrorDetail[]) =>
  new AppError(
    'VALIDATION_FAILED',
    {
      zh: `请求参数有误：${details.map((d) => `${d.path || '请求'}：${d.message.zh}`).join('；')}`,
      en: `Invalid request: ${details.map((d) => `${d.path || 'request'}: ${d.message.en}`).join('; ')}`,
    },
    details,
    400,
  );

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    return { error: badRequest(zodDetails(schema, data, httpPart === 'body' ? '' : httpPart)) };
  };

/** Bodies parsed as text by a route's own content-type parser, which checks them line by line (bulk NDJSON). */
const LINE_BODIES = /^application\/(x-ndjson|ndjson|jsonl)\b/i;

/**
 * A NUL byte or a lone surrogate anywhere in the path parameters, the query or a JSON body is a 400 naming
 * the field, for every route (with or without a schema): PostgreSQL refuses NUL in text (a 500 before) and
 * stores a lone surrogate as U+FFFD. Paths read as the validator names them: `params.code`, `querystring.q`,
 * body fields bare. Line-oriented bodies are left to their route, whose contract is per line.
 */
export async function rejectMalformedText(req: FastifyRequest): Promise<void> {
  const bad =
    malformedTextAt(req.params, 'params') ??
    malformedTextAt(req.query, 'querystring') ??
    (LINE_BODIES.test(req.headers['content-type'] ?? '') ? null : malformedTextAt(req.body));
  if (bad) throw badRequest([bad]);
}
