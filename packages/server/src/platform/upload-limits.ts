// The limits an uploaded import file is held to, and the bilingual refusals that name them. A 20 MB XLSX can
// hold millions of cells and a zip of a few hundred kilobytes can inflate to gigabytes, so the size on the
// wire is not enough: the uncompressed size and the number of cells and rows are bounded too (zip-limits.ts
// checks them while inflating), and the parsing runs in a worker with a time and a memory limit
// (sheet-worker.ts) so that one file cannot stall the server for everyone.
import { AppError } from './errors.ts';

export interface UploadLimits {
  /** Size of the uploaded file as sent (the multipart part), bytes. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of an XLSX/DOCX archive's entries, bytes. */
  maxUncompressedBytes: number;
  /** Cells of an XLSX (all sheets) or of a Word file's tables (and of a pasted or CSV plan table). */
  maxCells: number;
  /** Rows of a spreadsheet (all sheets), of a Word file's tables, or lines of a CSV file. */
  maxRows: number;
  /** Wall time one file's parsing may take before its worker is stopped, ms. */
  parseTimeoutMs: number;
  /** Heap a parse worker may use, MB (worker_threads resourceLimits). */
  parseMemoryMb: number;
  /** Parse workers (kept small so a bomb cannot take every core). */
  parseWorkers: number;
  /** Files waiting for a worker before further uploads are turned away with 503. */
  parseQueue: number;
}

const MB = 1024 * 1024;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 20 * MB,
  maxUncompressedBytes: 100 * MB,
  maxCells: 1_000_000,
  // Above every import's own row limit (registry 200,000), whose messages say how to split the file.
  maxRows: 250_000,
  parseTimeoutMs: 30_000,
  parseMemoryMb: 768,
  parseWorkers: 1,
  parseQueue: 4,
};

/** The environment variables of the limits (README, settings table), with their unit. */
export const UPLOAD_LIMIT_SETTINGS: Record<keyof UploadLimits, { env: string; unit: number }> = {
  maxFileBytes: { env: 'WEIJIAN_UPLOAD_MAX_MB', unit: MB },
  maxUncompressedBytes: { env: 'WEIJIAN_UPLOAD_MAX_UNCOMPRESSED_MB', unit: MB },
  maxCells: { env: 'WEIJIAN_UPLOAD_MAX_CELLS', unit: 1 },
  maxRows: { env: 'WEIJIAN_UPLOAD_MAX_ROWS', unit: 1 },
  parseTimeoutMs: { env: 'WEIJIAN_UPLOAD_PARSE_TIMEOUT_MS', unit: 1 },
  parseMemoryMb: { env: 'WEIJIAN_UPLOAD_PARSE_MEMORY_MB', unit: 1 },
  parseWorkers: { env: 'WEIJIAN_UPLOAD_PARSE_WORKERS', unit: 1 },
  parseQueue: { env: 'WEIJIAN_UPLOAD_PARSE_QUEUE', unit: 1 },
};

/** The limits from the environment; every setting a positive integer (sizes in MB). */
export function uploadLimitsOf(env: NodeJS.ProcessEnv): UploadLimits {
  const out = { ...DEFAULT_UPLOAD_LIMITS };
  for (const [key, { env: name, unit }] of Object.entries(UPLOAD_LIMIT_SETTINGS) as [
    keyof UploadLimits,
    { env: string; unit: number },
  ][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    out[key] = n * unit;
  }
  return out;
}

const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
const quoted = (filename: string) => (filename ? `“${filename}”` : '');
const named = (filename: string) => (filename ? ` "${filename}"` : '');

function refusal(code: 'PAYLOAD_TOO_LARGE' | 'VALIDATION_FAILED', status: number, zh: string, en: string) {
  return new AppError(code, { zh, en }, [{ path: 'file', message: { zh, en } }], status);
}

/** 413: the file as sent is over the size limit. */
export const fileTooLarge = (filename: string, limit: number) =>
  refusal(
    'PAYLOAD_TOO_LARGE',
    413,
    `上传文件${quoted(filename)}超过 ${mb(limit)} 的大小上限，请拆分后再导入`,
    `The file${named(filename)} is over the upload limit of ${mb(limit)}; split it`,
  );

/** 413: an archive whose entries inflate (or claim to inflate) past the uncompressed limit. */
export const uncompressedTooLarge = (filename: string, limit: number) =>
  refusal(
    'PAYLOAD_TOO_LARGE',
    413,
    `文件${quoted(filename)}解压后超过 ${mb(limit)} 的上限，请拆分后再导入`,
    `The file${named(filename)} inflates to more than the limit of ${mb(limit)}; split it`,
  );

/** 413: more cells or rows than one import may hold. */
export const tooManyCells = (filename: string, what: 'cells' | 'rows', limit: number) =>
  refusal(
    'PAYLOAD_TOO_LARGE',
    413,
    `文件${quoted(filename)}的${what === 'cells' ? '单元格' : '行'}数超过 ${limit} 的上限，请拆分后再导入`,
    `The file${named(filename)} has more than the limit of ${limit} ${what}; split it`,
  );

/** 422: parsing ran past the time or memory limit (the worker was stopped). */
export const fileTooComplex = (filename: string, why: 'time' | 'memory', limits: UploadLimits) =>
  refusal(
    'VALIDATION_FAILED',
    422,
    why === 'time'
      ? `文件${quoted(filename)}过于复杂：解析超过 ${limits.parseTimeoutMs / 1000} 秒的时限，请拆分或简化后再导入`
      : `文件${quoted(filename)}过于复杂：解析超过 ${limits.parseMemoryMb} MB 的内存上限，请拆分或简化后再导入`,
    why === 'time'
      ? `The file${named(filename)} is too complex: parsing ran past the limit of ${limits.parseTimeoutMs / 1000} s; split or simplify it`
      : `The file${named(filename)} is too complex: parsing needed more than the limit of ${limits.parseMemoryMb} MB; split or simplify it`,
  );

/** 422: a damaged archive (sizes that do not match, unknown compression, truncated). */
export const damagedArchive = (filename: string, why: { zh: string; en: string }) =>
  refusal(
    'VALIDATION_FAILED',
    422,
    `文件${quoted(filename)}已损坏或不是有效的 Office 文件：${why.zh}`,
    `The file${named(filename)} is damaged or not a valid Office file: ${why.en}`,
  );

/** 503: every parse worker busy and the queue full. */
export const parserBusy = () =>
  new AppError(
    'UNAVAILABLE',
    {
      zh: '服务器正在处理其他导入文件，请稍后再试',
      en: 'The server is busy with other import files; try again shortly',
    },
    [],
    503,
  );
