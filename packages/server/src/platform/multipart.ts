// The one uploaded file of an import request (multipart field `file`), shared by every import route.
// Problems the client can fix answer 4xx in the single error shape: no file → 422, a cut-off or malformed
// upload → 400, a file over the multipart size limit (http-app.ts) → 413 PAYLOAD_TOO_LARGE.
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.ts';

export interface UploadedFile {
  filename: string;
  body: Buffer;
}

const noFile = (field: string) =>
  invalid([
    {
      path: field,
      message: {
        zh: `请以 multipart/form-data 上传文件（字段名 ${field}）`,
        en: `Upload the file as multipart/form-data field "${field}"`,
      },
    },
  ]);

/**
 * Reads the first file part named `field`; other parts are drained and ignored. Throws 422 when the
 * request is not multipart or has no such file.
 */
export async function uploadedFile(req: FastifyRequest, field = 'file'): Promise<UploadedFile> {
  if (!req.isMultipart()) throw noFile(field);
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const body = await part.toBuffer();
        if (part.fieldname === field && !file) file = { filename: part.filename, body };
      }
    }
  } catch (e) {
    // Too large: the framework's 413 (PAYLOAD_TOO_LARGE). Anything else is a cut-off or malformed upload,
    // the client's problem rather than a server error.
    if ((e as { statusCode?: number }).statusCode === 413) throw e;
    throw new AppError(
      'VALIDATION_FAILED',
      {
        zh: '上传的文件不完整或格式错误，请重新上传',
        en: 'The upload was incomplete or malformed; please upload again',
      },
      [{ path: field, message: { zh: '文件上传不完整', en: 'Incomplete upload' } }],
      400,
    );
  }
  if (!file) throw noFile(field);
  return file;
}
