// Request validation with zod, reporting every problem in Chinese and English with the field's label (its path
// in the detail), in words of our own rather than zod's generic ones (field-labels.ts has the names).
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import { AppError, type ErrorDetail, type Text } from './errors.ts';
import { fieldLabel, optionList } from './field-labels.ts';
import { malformedTextAt } from './input.ts';

const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

/** A refinement that carries its own bilingual message (input.ts `says`) as `params: { zh, en }`. */
const ownText = (issue: { code: string; params?: unknown }): Text | null => {
  const p = issue.code === 'custom' ? (issue.params as Partial<Text> | undefined) : undefined;
  return p && typeof p.zh === 'string' && typeof p.en === 'string' ? { zh: p.zh, en: p.en } : null;
};

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, Text> = {
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: '是或否（true/false）', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  date: { zh: '日期', en: 'a date' },
};

/**
 * One issue in words, its subject the field's label when the field has one (`年份必须是整数`), else no
 * subject (the detail's path names it once; the summary puts the path in front). Never zod's generic
 * `无效输入：期望 int，实际接收 数字` nor a list of codes where the values have names (`性别必须是男、女或未知`).
 */
function issueText(issue: Issue, label: Text | null, fallback: Text): Text {
  const own = ownText(issue);
  if (own) return own;
  const zs = label?.zh ?? '';
  const es = label?.en ?? 'Value';
  const say = (zh: string, en: string): Text => ({ zh: `${zs}${zh}`, en: `${es} ${en}` });
  switch (issue.code) {
    case 'invalid_value': {
      const list = optionList(issue.values);
      return issue.values.length === 1
        ? say(`必须是${list.zh}`, `must be ${list.en}`)
        : say(`必须是${list.zh}之一`, `must be ${list.en}`);
    }
    case 'invalid_type': {
      // zod keeps no input in its issues; its English text says whether anything was sent.
      if (/received undefined$/.test(fallback.en))
        return label ? { zh: `${zs}不能为空`, en: `${es} is required` } : { zh: '不能为空', en: 'Required' };
      const words = TYPE_WORDS[issue.expected];
      return words ? say(`必须是${words.zh}`, `must be ${words.en}`) : fallback;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
      const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
      if (issue.origin === 'string')
        return small
          ? say(`至少 ${bound} 个字符`, `must be at least ${bound} characters`)
          : say(`最多 ${bound} 个字符`, `must be at most ${bound} characters`);
      if (issue.origin === 'array' || issue.origin === 'set')
        return small
          ? say(`至少 ${bound} 项`, `needs at least ${bound} items`)
          : say(`最多 ${bound} 项`, `takes at most ${bound} items`);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return small
          ? say(
              inclusive ? `不能小于 ${bound}` : `必须大于 ${bound}`,
              inclusive ? `must be at least ${bound}` : `must be more than ${bound}`,
            )
          : say(
              inclusive ? `不能大于 ${bound}` : `必须小于 ${bound}`,
              inclusive ? `must be at most ${bound}` : `must be less than ${bound}`,
            );
      return fallback;
    }
    case 'invalid_format':
      return say('格式不正确', 'is not in the expected format');
    case 'unrecognized_keys':
      return { zh: `不认识的字段：${issue.keys.join('、')}`, en: `Unknown fields: ${issue.keys.join(', ')}` };
    default:
      return fallback;
  }
}

export function zodDetails(schema: ZodType, data: unknown, prefix = ''): ErrorDetail[] {
  const zh = schema.safeParse(data, { error: zhLocale.localeError });
  const en = schema.safeParse(data, { error: enLocale.localeError });
  if (zh.success || en.success) return [];
  return zh.error.issues.map((issue, i) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issueText(issue, fieldLabel(issue.path), {
      zh: issue.message,
      en: en.error.issues[i]?.message ?? issue.message,
    }),
  }));
}

/**
 * The summary names each field once: a message that already starts with the field's label stands alone
 * (`请求参数有误：年份必须是整数`); one without a subject gets the path in front (`params.baseline：必须是整数`).
 */
const summaryPart = (d: ErrorDetail, lang: 'zh' | 'en') => {
  const label = fieldLabel(d.path.split('.'));
  const msg = d.message[lang];
  if (label && msg.startsWith(label[lang])) return msg;
  return `${label?.[lang] ?? (d.path || (lang === 'zh' ? '请求' : 'request'))}${lang === 'zh' ? '：' : ': '}${msg}`;
};

const badRequest = (details: ErrorDetail[]) =>
  new AppError(
    'VALIDATION_FAILED',
    {
      zh: `请求参数有误：${details.map((d) => summaryPart(d, 'zh')).join('；')}`,
      en: `Invalid request: ${details.map((d) => summaryPart(d, 'en')).join('; ')}`,
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
