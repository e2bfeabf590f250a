// One error type for every failure the API reports; http-app.ts maps it to the single error shape.
import type { Bilingual } from '@weijian/core/platform';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  /** The signed-in user must replace a password an administrator gave them first (403). */
  | 'PASSWORD_CHANGE_REQUIRED'
  /** A record the caller may open only by stating why (接诊/转诊/会诊): the web asks and retries (403). */
  | 'REASON_REQUIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** A message in both languages: core platform's one bilingual type, under the name the server's importers use. */
export type Text = Bilingual;

export interface ErrorDetail {
  path: string;
  message: Text;
  row?: number;
  column?: string;
}

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
  REASON_REQUIRED: 403,
  PAYLOAD_TOO_LARGE: 413,
  // Temporarily unable to serve (e.g. every import-file parser busy): retry later.
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly details: ErrorDetail[] = [],
    status?: number,
  ) {
    super(text.en);
    this.status = status ?? STATUS[code];
  }
}

export const unauthenticated = () => new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Sign-in required' });
export const forbidden = (what?: Text) =>
  new AppError('FORBIDDEN', what ?? { zh: '无权访问该范围的数据', en: 'Outside your role or scope' });
export const notFound = (what: Text) =>
  new AppError('NOT_FOUND', { zh: `${what.zh}不存在`, en: `${what.en} not found` });
export const conflict = () =>
  new AppError('CONFLICT', {
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  });
export const invalid = (details: ErrorDetail[], text?: Text) =>
  new AppError(
    'VALIDATION_FAILED',
    text ?? { zh: `数据校验未通过（${details.length} 处错误）`, en: `Validation failed (${details.length} errors)` },
    details,
  );
