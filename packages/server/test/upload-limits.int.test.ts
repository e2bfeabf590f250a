// Upload bombs end to end (issue 12 §4): an import file is held to limits on its size, its uncompressed size
// (declared and real) and its cells, each refused with 413/422 naming the limit and the file, nothing written;
// parsing runs in a worker with a time limit, so /api/health answers while a heavy file is parsed; and a
// read-only user is refused before the file is read. The limits are lowered through their settings so the
// bombs stay small and fast.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './fixtures.ts';
import { makeApp, type TestApp } from './helpers.ts';

const SETTINGS: Record<string, string> = {
  WEIJIAN_UPLOAD_MAX_MB: '2',
  WEIJIAN_UPLOAD_MAX_UNCOMPRESSED_MB: '16',
  WEIJIAN_UPLOAD_MAX_CELLS: '400000',
  WEIJIAN_UPLOAD_PARSE_TIMEOUT_MS: '1000',
};

/** A minimal workbook around one sheet's XML, built with JSZip (exceljs would take its time writing bombs). */
async function xlsxOf(sheetData: string, extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`,
  );
  for (const [name, body] of Object.entries(extra)) zip.file(name, body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Rows of numeric cells, `width` (≤ 26) to a row, each with its reference as Excel writes it. */
function cells(rows: number, width: number): string {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < width; c++) row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r + c}</v></c>`;
    out.push(`${row}</row>`);
  }
  return out.join('');
}

/** Every size field of the archive rewritten to `size`: the directory lies about what the entries inflate to. */
function lying(buf: Buffer, size: number): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

// On PGlite only: every limit is enforced on the request and in the parse worker before any query, so the engine
// cannot change an answer; "nothing written" counts rows through the same SQL on either engine.
describe.each(['pglite'] as const)('upload limits on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  /** A sharedStrings part of 20 MB of one repeated string: a few hundred kilobytes on disk. */
  let bomb: Buffer;

  const send = (cookie: string, url: string, filename: string, body: Buffer, lang = 'zh') => {
    const m = multipart(filename, body);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'accept-language': lang, ...m.headers },
      payload: m.payload,
    });
  };
  const ROUTES = [
    '/api/v1/import/institutions',
    '/api/v1/plans/import/preview',
    '/api/v1/surveillance/cases/import',
    '/api/v1/surveillance/stream-counts/import',
  ];
  const written = async () => {
    const { rows } = await t.ctx.db.query<{ n: number }>(
      'select ((select count(*) from institutions) + (select count(*) from case_reports) + (select count(*) from stream_counts))::int as n',
    );
    return rows[0]!.n;
  };

  beforeAll(async () => {
    // The demo only provides the signed-in roles; scale 0.05 is the one the scope fixture already prepares, so this
    // file needs no demo template of its own (each costs a full demo load per engine and code version).
    t = await makeApp(engine, SETTINGS, { demoScale: 0.05 });
    admin = await t.login('admin');
    viewer = await t.login('viewer');
    bomb = await xlsxOf(cells(1, 2), { 'xl/sharedStrings.xml': '<si><t>炸弹</t></si>'.repeat(1_000_000) });
    expect(bomb.length).toBeLessThan(200_000);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses a file over the size limit with 413 naming the file and the limit, in both languages', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x31);
    for (const url of ROUTES) {
      const zh = await send(admin, url, '大文件.csv', big);
      expect(zh.statusCode, `${url} ${zh.body}`).toBe(413);
      expect(zh.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(zh.json().error.message).toBe('上传文件“大文件.csv”超过 2 MB 的大小上限，请拆分后再导入');
    }
    const en = await send(admin, ROUTES[0]!, 'big.csv', big, 'en');
    expect(en.json().error.message).toBe('The file "big.csv" is over the upload limit of 2 MB; split it');
  });

  it('refuses zip bombs by their declared size, and liars while inflating, with 413 and nothing written', async () => {
    const before = await written();
    const liar = lying(bomb, 64);
    for (const url of ROUTES) {
      for (const [name, body] of [
        ['bomb.xlsx', bomb],
        ['liar.xlsx', liar],
      ] as const) {
        const r = await send(admin, url, name, body);
        expect(r.statusCode, `${url} ${name} ${r.body}`).toBe(413);
        expect(r.json().error.message).toBe(`文件“${name}”解压后超过 16 MB 的上限，请拆分后再导入`);
        expect(r.json().error.details[0].path).toBe('file');
      }
    }
    // A Word file whose body inflates past the limit: the plan preview reads DOCX too.
    const zip = new JSZip();
    zip.file('word/document.xml', `<w:document><w:body>${'<w:p/>'.repeat(3_000_000)}</w:body></w:document>`);
    const docx = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const d = await send(admin, '/api/v1/plans/import/preview', 'plan.docx', lying(docx, 100), 'en');
    expect(d.statusCode, d.body).toBe(413);
    expect(d.json().error.message).toBe('The file "plan.docx" inflates to more than the limit of 16 MB; split it');
    expect(await written()).toBe(before);
  });

  it('refuses a sheet of too many cells with 413, counted before exceljs builds it', async () => {
    const before = await written();
    const wide = await xlsxOf(cells(41_000, 10));
    for (const url of ROUTES) {
      const r = await send(admin, url, 'wide.xlsx', wide, 'en');
      expect(r.statusCode, `${url} ${r.body}`).toBe(413);
      expect(r.json().error.message).toBe('The file "wide.xlsx" has more than the limit of 400000 cells; split it');
    }
    expect(await written()).toBe(before);
  });

  it('keeps /api/health answering while a heavy file is parsed, and stops the parse at the time limit', async () => {
    const before = await written();
    // 380,000 cells: under every size and cell limit, but more than exceljs parses within the 1 s time limit.
    const heavy = await xlsxOf(cells(38_000, 10));
    // Warm the worker so the figures below are the parse's, not a thread's start.
    expect((await send(admin, ROUTES[0]!, 'warm.csv', Buffer.from('a\n'))).statusCode).toBe(422);
    const started = Date.now();
    let done = false;
    const upload = send(admin, ROUTES[0]!, 'heavy.xlsx', heavy).finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const t0 = performance.now();
      const h = await t.app.inject({ method: 'GET', url: '/api/health' });
      latencies.push(performance.now() - t0);
      expect(h.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 20));
    }
    const r = await upload;
    const elapsed = Date.now() - started;
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.message).toBe('文件“heavy.xlsx”过于复杂：解析超过 1 秒的时限，请拆分或简化后再导入');
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(500);
    console.log(
      `[${engine}] heavy.xlsx (${heavy.length} B, 380,000 cells): 422 after ${elapsed} ms; /api/health ×${latencies.length}, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    expect(await written()).toBe(before);
  });

  it('refuses read-only users (and institutions, for plan previews) before reading the file', async () => {
    for (const url of ROUTES) {
      const r = await send(viewer, url, 'bomb.xlsx', bomb);
      expect(r.statusCode, `${url} ${r.body}`).toBe(403);
    }
    // A plan preview is the first step of creating a plan, which institution users cannot.
    const hospital = await t.login('hospital');
    const p = await send(hospital, '/api/v1/plans/import/preview', 'bomb.xlsx', bomb);
    expect(p.statusCode, p.body).toBe(403);
    const text = await t.call(viewer, 'POST', '/api/v1/plans/import/preview', { text: '指标\t2025年\n床位\t1' });
    expect(text.statusCode).toBe(403);
    // An institution user imports only its own yearly resources: any other kind is refused before the body
    // is read, so a file over the size limit is a 403, not a 413.
    const big = Buffer.alloc(3 * 1024 * 1024, 0x31);
    const inst = await send(hospital, '/api/v1/import/institutions', 'big.csv', big);
    expect(inst.statusCode, inst.body).toBe(403);
    for (const url of ROUTES) expect((await send(viewer, url, 'big.csv', big)).statusCode, url).toBe(403);
  });
});
