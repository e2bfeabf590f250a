// The size and cell checks of an Office file (XLSX, DOCX: a zip archive), made before a parser sees it.
// First the central directory: the declared uncompressed sizes are summed before anything is inflated.
// Zip bombs lie about those sizes, so every entry is then inflated as a stream whose output is counted and
// dropped: the archive is refused the moment the real total passes the limit or an entry outgrows its
// declared size. While the sheets (and a Word file's body) stream past, their cells and rows are counted
// from the XML tags, so a file of millions of tiny cells is refused before exceljs builds millions of
// objects for it. Memory stays at one chunk per entry whatever the archive holds.
import zlib from 'node:zlib';
import { damagedArchive, tooManyCells, type UploadLimits, uncompressedTooLarge } from './upload-limits.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

export interface ArchiveStats {
  entries: ZipEntry[];
  /** Bytes the entries inflated to. */
  bytes: number;
  cells: number;
  rows: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Entries in one archive: an XLSX of a few sheets has a dozen; thousands mean something else. */
const MAX_ENTRIES = 10_000;

const damaged = (filename: string, zh: string, en: string) => damagedArchive(filename, { zh, en });

/** The central directory's entries (no inflating). Zip64 archives are refused: no import file needs one. */
export function zipEntries(buf: Buffer, filename: string, limits: UploadLimits): ZipEntry[] {
  const floor = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= floor; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(filename, '找不到压缩文件目录', 'no zip central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const start = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    throw uncompressedTooLarge(filename, limits.maxUncompressedBytes);
  }
  if (count > MAX_ENTRIES) throw damaged(filename, `压缩文件含 ${count} 个条目`, `the zip holds ${count} entries`);
  if (start + size > eocd) throw damaged(filename, '压缩文件目录越界', 'the zip directory is out of bounds');
  const entries: ZipEntry[] = [];
  let declared = 0;
  let p = start;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) {
      throw damaged(filename, '压缩文件目录不完整', 'the zip directory is truncated');
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw uncompressedTooLarge(filename, limits.maxUncompressedBytes);
    }
    declared += entry.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) throw uncompressedTooLarge(filename, limits.maxUncompressedBytes);
    entries.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Entries whose XML holds table cells: the sheets of a workbook, the body of a Word file. */
const TABLE_PART = /^(xl\/worksheets\/[^/]+\.xml|word\/document\.xml)$/;
// `<c ` / `<x:c>` (a spreadsheet cell), `<w:tc>` (a Word cell); `<row>`, `<w:tr>`. Not `<col>`, `<cfRule>`.
const CELL = /<(?:[A-Za-z]\w*:)?(?:c|tc)[\s/>]/g;
const ROW = /<(?:[A-Za-z]\w*:)?(?:row|tr)[\s/>]/g;

/** Counts tags across chunk boundaries: a tag cut at the end of one chunk is finished with the next. */
class TagCounter {
  cells = 0;
  rows = 0;
  private carry = '';

  feed(chunk: Buffer): void {
    // latin1 keeps one character per byte; tag names are ASCII and UTF-8 continuation bytes are never '<'.
    const text = this.carry + chunk.toString('latin1');
    let end = text.lastIndexOf('<');
    if (end < 0 || text.length - end > 16) end = text.length;
    const done = text.slice(0, end);
    this.carry = text.slice(end);
    this.cells += done.match(CELL)?.length ?? 0;
    this.rows += done.match(ROW)?.length ?? 0;
  }

  end(): void {
    const rest = this.carry;
    this.carry = '';
    this.cells += rest.match(CELL)?.length ?? 0;
    this.rows += rest.match(ROW)?.length ?? 0;
  }
}

/** Where an entry's compressed data starts (after its local header). */
function dataOffset(buf: Buffer, e: ZipEntry, filename: string): number {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) {
    throw damaged(filename, `条目 ${e.name} 的位置无效`, `entry ${e.name} is out of place`);
  }
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  if (start + e.compressedSize > buf.length) {
    throw damaged(filename, `条目 ${e.name} 不完整`, `entry ${e.name} is truncated`);
  }
  return start;
}

/**
 * Checks an archive against the limits: declared sizes first, then the real ones while inflating, and the
 * cells and rows of its sheets or Word tables. Throws 413 (over a limit) or 422 (damaged); resolves with
 * what it counted.
 */
export async function checkArchive(buf: Buffer, filename: string, limits: UploadLimits): Promise<ArchiveStats> {
  const entries = zipEntries(buf, filename, limits);
  let bytes = 0;
  const counter = new TagCounter();
  const over = () => {
    if (bytes > limits.maxUncompressedBytes) return uncompressedTooLarge(filename, limits.maxUncompressedBytes);
    if (counter.cells > limits.maxCells) return tooManyCells(filename, 'cells', limits.maxCells);
    if (counter.rows > limits.maxRows) return tooManyCells(filename, 'rows', limits.maxRows);
    return null;
  };
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const start = dataOffset(buf, e, filename);
    const data = buf.subarray(start, start + e.compressedSize);
    const counts = TABLE_PART.test(e.name);
    let size = 0;
    const take = (chunk: Buffer) => {
      size += chunk.length;
      bytes += chunk.length;
      if (size > e.uncompressedSize) {
        // The entry inflates past what the directory declared: a lying archive, refused as too large.
        return uncompressedTooLarge(filename, limits.maxUncompressedBytes);
      }
      if (counts) counter.feed(chunk);
      return over();
    };
    if (e.method === 0) {
      const err = take(data);
      if (err) throw err;
    } else if (e.method === 8) {
      await inflateCounted(data, take, () =>
        damaged(filename, `条目 ${e.name} 无法解压`, `entry ${e.name} cannot be inflated`),
      );
    } else {
      throw damaged(filename, `不支持的压缩方式 ${e.method}`, `unsupported compression method ${e.method}`);
    }
    if (counts) counter.end();
    const err = over();
    if (err) throw err;
  }
  return { entries, bytes, cells: counter.cells, rows: counter.rows };
}

/** Inflates raw deflate data chunk by chunk, stopping at the first chunk `take` refuses. */
function inflateCounted(data: Buffer, take: (chunk: Buffer) => Error | null, broken: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    let failed = false;
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      const err = take(chunk);
      if (err) {
        failed = true;
        inflate.destroy();
        reject(err);
      }
    });
    inflate.on('error', () => {
      if (failed) return;
      failed = true;
      reject(broken());
    });
    inflate.on('end', () => {
      if (!failed) resolve();
    });
    inflate.end(data);
  });
}
