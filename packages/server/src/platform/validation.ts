// Request validation with zod, reporting every problem with its path in Chinese and English.
import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import { AppError, type ErrorDetail } from './errors.ts';

const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

export function zodDetails(schema: ZodType, data: unknown, prefix = ''): ErrorDetail[] {
  const zh = schema.safeParse(data, { error: zhLocale.localeError });
  const en = schema.safeParse(data, { error: enLocale.localeError });
  if (zh.success || en.success) return [];
  return zh.error.issues.map((issue, i) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: { zh: issue.message, en: en.error.issues[i]?.message ?? issue.message },
  }));
}

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    const details = zodDetails(schema, data, httpPart === 'body' ? '' : httpPart);
    return {
      error: new AppError(
        'VALIDATION_FAILED',
        {
          zh: `请求参数有误：${details.map((d) => `${d.path || '请求'}：${d.message.zh}`).join('；')}`,
          en: `Invalid request: ${details.map((d) => `${d.path || 'request'}: ${d.message.en}`).join('; ')}`,
        },
        details,
        400,
      ),
    };
  };
