// The one error shape of a rejected import file, shared by every context's file imports: the row errors as
// details (at most MAX_DETAILS listed) and a message that counts them all and says nothing was written.
import { AppError, type ErrorDetail } from './errors.ts';

/** At most this many details go back; the message still gives the total. */
export const MAX_DETAILS = 1000;

/** The 422 of a rejected import file: `details` as listed (at most MAX_DETAILS), `total` found. */
export function importFailed(details: ErrorDetail[], total: number): AppError {
  const cut = details.length < total;
  return new AppError(
    'VALIDATION_FAILED',
    {
      zh: `导入文件校验未通过：共 ${total} 处错误${cut ? `（仅列出前 ${details.length} 处）` : ''}，未导入任何数据`,
      en: `The import file failed validation with ${total} error${total === 1 ? '' : 's'}${cut ? ` (first ${details.length} listed)` : ''}; nothing was imported`,
    },
    details,
  );
}
