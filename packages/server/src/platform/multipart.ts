// The one uploaded file of an import request (multipart field `file`), shared by every import route.
// Problems the client can fix answer 4xx in the single error shape: no file → 422, a cut-off or malformed
// upload → 400, a file over the upload size limit → 413 PAYLOAD_TOO_LARGE naming the file and the limit.
// The file comes with the decoder its readers run in: the server's parse worker pool (sheet-worker.ts).
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.ts';
import { policyOf } from './request.ts';
import { bindDecoder, type Decoder } from './sheet-worker.ts';
import { fileTooLarge } from './upload-limits.ts';

export interface UploadedFile {
  filename: string;
  body: Buffer;
  /** Runs this file's reader off the event loop under the upload limits. */
  decoder: Decoder;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The parse worker pool of this server (http-app.ts), built from the configured upload limits. */
    uploads: Decoder;
  }
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
  // Every upload is an import: a read-only caller is refused before a byte of the file is read.
  policyOf(req).requireWrite({ zh: '只读用户不能上传导入文件', en: 'Read-only users cannot upload import files' });
  if (!req.isMultipart()) throw noFile(field);
  const decoder = req.server.uploads;
  const maxBytes = decoder.limits.maxFileBytes;
  let file: UploadedFile | null = null;
  let current = '';
  try {
    // The size limit is enforced by the multipart parser as the bytes arrive: an oversized file is never
    // held in memory whole.
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'file') {
        current = part.filename;
        const body = await part.toBuffer();
        if (part.fieldname === field && !file) {
          bindDecoder(body, decoder);
          file = { filename: part.filename, body, decoder };
        }
      }
    }
  } catch (e) {
    // Too large: 413 naming the file and the limit. Anything else is a cut-off or malformed upload, the
    // client's problem rather than a server error.
    if ((e as { statusCode?: number }).statusCode === 413) throw fileTooLarge(current, maxBytes);
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
