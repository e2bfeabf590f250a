// The validator's words: labels instead of keys, value sets by their names, each field named once.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatorCompiler, zodDetails } from './validation.ts';

const refuse = (schema: z.ZodType, data: unknown, httpPart = 'body') => {
  const r = validatorCompiler({ schema, httpPart, method: 'POST', url: '/x' })(data) as unknown as {
    error: { text: { zh: string; en: string }; details: { path: string; message: { zh: string; en: string } }[] };
  };
  return r.error;
};

describe('request validation messages', () => {
  it('names an enum by its values’ labels, never their codes', () => {
    const [d] = zodDetails(z.object({ sex: z.enum(['male', 'female', 'unknown']) }), { sex: 'x' });
    expect(d).toEqual({
      path: 'sex',
      message: { zh: '性别必须是男、女或未知之一', en: 'Sex must be male, female or unknown' },
    });
    const [state] = zodDetails(z.object({ status: z.enum(['not-started', 'done']) }), { status: 'finished' });
    expect(state!.message.zh).toBe('状态必须是未启动或已完成之一');
  });

  it('says what is wrong with a number, naming the field by its label', () => {
    const schema = z.object({ year: z.number().int().min(1949), bedsActual: z.number().max(10), limit: z.number() });
    const details = zodDetails(schema, { year: 1900.5, bedsActual: 11 });
    expect(details.map((d) => d.message.zh)).toEqual(['年份必须是整数', '实有床位不能大于 10', '每页条数不能为空']);
    expect(details.map((d) => d.message.en)).toEqual([
      'Year must be a whole number',
      'Actual beds must be at most 10',
      'Page size is required',
    ]);
  });

  it('names each field once in the summary: a label-led message alone, else the path in front', () => {
    const e = refuse(z.object({ params: z.object({ baseline: z.number().int() }), year: z.number().int() }), {
      params: { baseline: 2.5 },
      year: 2.5,
    });
    expect(e.text.zh).toBe('请求参数有误：params.baseline：必须是整数；年份必须是整数');
    expect(e.text.en).toBe(
      'Invalid request: params.baseline: Value must be a whole number; Year must be a whole number',
    );
    expect(e.details.map((d) => d.path)).toEqual(['params.baseline', 'year']);
    expect(e.text.zh).not.toMatch(/params\.baseline.*params\.baseline/);
  });

  it('keeps a refinement’s own text, and prefixes the query part of a path', () => {
    const e = refuse(
      z.object({ from: z.string().refine(() => false, { params: { zh: '日期无效', en: 'not a date' } }) }),
      { from: 'x' },
      'querystring',
    );
    expect(e.details).toEqual([{ path: 'querystring.from', message: { zh: '日期无效', en: 'not a date' } }]);
    expect(e.text.zh).toBe('请求参数有误：开始日期：日期无效');
  });
});
