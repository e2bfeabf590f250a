// The upload limits without HTTP: the archive checks (declared sizes, real sizes while inflating, cells
// and rows counted from the sheet XML) and the parse worker pool (results, errors, the time and memory
// limits, the bounded queue).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { readSheet } from './file-decoding.ts';
import { ParsePool, workerFn } from './sheet-worker.ts';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits, uploadLimitsOf } from './upload-limits.ts';
import { checkArchive, zipEntries } from './zip-limits.ts';

const MB = 1024 * 1024;
const limits = (over: Partial<UploadLimits> = {}): UploadLimits => ({ ...DEFAULT_UPLOAD_LIMITS, ...over });

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites every size field of a zip (local headers and central directory) to `size`: a lying archive. */
function lieAboutSizes(buf: Buffer, size: number): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

const statusOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code} ${e.text.en}` : `error ${(e as Error).message}`;
  }
};

describe('upload limit settings', () => {
  it('reads the limits from the environment, sizes in MB', () => {
    const l = uploadLimitsOf({ WEIJIAN_UPLOAD_MAX_MB: '5', WEIJIAN_UPLOAD_MAX_CELLS: '1000' });
    expect(l.maxFileBytes).toBe(5 * MB);
    expect(l.maxCells).toBe(1000);
    expect(l.maxUncompressedBytes).toBe(DEFAULT_UPLOAD_LIMITS.maxUncompressedBytes);
    expect(() => uploadLimitsOf({ WEIJIAN_UPLOAD_PARSE_WORKERS: '0' })).toThrow(/positive integer/);
  });
});

describe('archive limits', () => {
  it('passes an ordinary workbook and counts its cells and rows', async () => {
    const buf = await workbook([
      ['a', 'b', 'c'],
      [1, 2, 3],
    ]);
    const s = await checkArchive(buf, 'ok.xlsx', limits());
    expect(s.cells).toBe(6);
    expect(s.rows).toBe(2);
  });

  it('refuses from the central directory, before inflating, when the declared sizes are over the limit', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/sharedStrings.xml', 'x'.repeat(2 * MB));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(buf.length).toBeLessThan(20_000);
    expect(() => zipEntries(buf, 'bomb.xlsx', limits({ maxUncompressedBytes: MB }))).toThrow(/inflates to more/);
  });

  it('refuses a lying archive while inflating: entries that outgrow their declared size', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/sharedStrings.xml', '<si><t>x</t></si>'.repeat(400_000));
    const honest = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const liar = lieAboutSizes(honest, 100);
    // The directory now claims a few hundred bytes in all (two files and JSZip's folder entry).
    expect(zipEntries(liar, 'liar.xlsx', limits({ maxUncompressedBytes: MB })).length).toBe(3);
    expect(await statusOf(checkArchive(liar, 'liar.xlsx', limits({ maxUncompressedBytes: MB })))).toMatch(
      /^413 PAYLOAD_TOO_LARGE .*liar\.xlsx/,
    );
  });

  it('refuses too many cells or rows as they stream past, and names the file', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [i, i + 1, i + 2, i + 3]);
    const buf = await workbook(rows);
    expect(await statusOf(checkArchive(buf, '宽表.xlsx', limits({ maxCells: 1000 })))).toMatch(
      /^413 PAYLOAD_TOO_LARGE The file "宽表\.xlsx" has more than the limit of 1000 cells/,
    );
    expect(await statusOf(checkArchive(buf, 'long.xlsx', limits({ maxRows: 100 })))).toMatch(/100 rows/);
    // readSheet applies the same check before exceljs loads the workbook.
    expect(await statusOf(readSheet(buf, 'long.xlsx', 10_000, limits({ maxRows: 100 })))).toMatch(/^413/);
  });

  it('counts CSV lines as they are parsed', async () => {
    const csv = Buffer.from(`a,b,c\n${'1,2,3\n'.repeat(500)}`);
    expect(await statusOf(readSheet(csv, 'many.csv', 10_000, limits({ maxRows: 300 })))).toMatch(
      /^413 .*many\.csv.*300 rows/,
    );
    expect((await readSheet(csv, 'many.csv', 10_000, limits())).rows.length).toBe(500);
  });

  it('refuses damaged archives as 422, not 500', async () => {
    const buf = await workbook([['a']]);
    expect(await statusOf(checkArchive(buf.subarray(0, buf.length - 30), 'cut.xlsx', limits()))).toMatch(/^422/);
  });
});

// A reader that never returns, and one that allocates until the heap limit stops it.
const SPIN = workerFn<[], never>(new URL('../../test/parse-worker-readers.ts', import.meta.url).href, 'spin');
const HOG = workerFn<[], never>(new URL('../../test/parse-worker-readers.ts', import.meta.url).href, 'hog');
const SHEET = workerFn<[Buffer, string, number], Awaited<ReturnType<typeof readSheet>>>(
  new URL('./file-decoding.ts', import.meta.url).href,
  'readSheet',
);

describe('parse worker pool', () => {
  const pool = new ParsePool(limits({ parseTimeoutMs: 800, parseMemoryMb: 64, parseWorkers: 1, parseQueue: 1 }));
  afterAll(() => pool.close());

  it('reads a file in a worker and carries AppErrors back intact', async () => {
    const sheet = await pool.run(SHEET, [Buffer.from('年份,床位\n2020,1\n'), 'a.csv', 10], 'a.csv');
    expect(sheet.headers).toEqual(['年份', '床位']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['2020', '1'] }]);
    expect(await statusOf(pool.run(SHEET, [Buffer.alloc(0), 'empty.csv', 10], 'empty.csv'))).toMatch(
      /^422 VALIDATION_FAILED The file is empty/,
    );
  });

  it('stops a reader past the time limit (422) and keeps serving', async () => {
    const t0 = Date.now();
    expect(await statusOf(pool.run(SPIN, [], 'slow.xlsx'))).toMatch(/^422 .*slow\.xlsx.*too complex.*0\.8 s/);
    expect(Date.now() - t0).toBeLessThan(5000);
    const sheet = await pool.run(SHEET, [Buffer.from('a\n1\n'), 'b.csv', 10], 'b.csv');
    expect(sheet.rows.length).toBe(1);
  });

  it('stops a reader past the memory limit (422) and keeps serving', async () => {
    expect(await statusOf(pool.run(HOG, [], 'fat.xlsx'))).toMatch(/^422 .*fat\.xlsx.*64 MB/);
    expect((await pool.run(SHEET, [Buffer.from('a\n1\n'), 'c.csv', 10], 'c.csv')).rows.length).toBe(1);
  });

  it('turns files away with 503 when the worker is busy and the queue is full', async () => {
    const running = pool.run(SPIN, [], 'one.xlsx');
    const queued = pool.run(SPIN, [], 'two.xlsx');
    expect(await statusOf(pool.run(SPIN, [], 'three.xlsx'))).toMatch(/^503 UNAVAILABLE/);
    expect(await statusOf(running)).toMatch(/^422/);
    expect(await statusOf(queued)).toMatch(/^422/);
  });
});
