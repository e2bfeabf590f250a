import { describe, expect, it } from 'vitest';
import { ApiError } from '../../platform/api.ts';
import type { useSurvT } from '../i18n.ts';
import { saveError } from './parts.tsx';

const t = ((key: string) => key) as unknown as ReturnType<typeof useSurvT>;

describe('saveError', () => {
  it('lists the details after the summary without their paths (they name the field themselves)', () => {
    const e = new ApiError(422, 'VALIDATION_FAILED', '数据校验未通过（1 处错误）', [
      { path: 'params.baseline', message: '基线期数必须是整数（1–52）' },
    ]);
    expect(saveError(e, t)).toBe('数据校验未通过（1 处错误）；基线期数必须是整数（1–52）');
  });

  it('names a field once when the summary already holds the detail (a 400 lists every issue)', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', '请求参数有误：params.baseline：必须是整数', [
      { path: 'params.baseline', message: '必须是整数' },
    ]);
    expect(saveError(e, t)).toBe('请求参数有误：params.baseline：必须是整数');
  });

  it('a concurrent edit asks to reload', () => {
    expect(saveError(new ApiError(409, 'CONFLICT', '冲突'), t)).toBe('staleSettings');
  });
});
