// Stream sources on a real database: a named source (school, pharmacy) is its name in its township or village,
// so same-named sources of two townships stay two series, in one request and across requests, by JSON and by
// file; migration 007 re-keys sources, counts and silent-source signals stored under the old name-only keys
// (idempotently); counts of an institution registered at county level need an areaCode, and the 422 says so.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, multipart } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const T1 = '410782101'; // townships of 辉县市
const T2 = '410782102';
const T3 = '410782103';
const COUNTY = '410782';
const MIGRATION = path.join(import.meta.dirname, '../src/surveillance/migrations/007_stream_source_keys.sql');

interface Detail {
  path: string;
  row?: number;
  column?: string;
  message: string;
}

describe.each(ENGINES)('stream sources on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  const post = (rows: unknown[], lang?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/stream-counts?detect=false',
      headers: { cookie: admin, ...(lang ? { 'accept-language': lang } : {}) },
      payload: { rows },
    });
  const details = (r: { json(): { error: { details: Detail[] } } }) => r.json().error.details;
  /** The stored series of a stream per township: township → date → count. */
  const series = async (stream: string) => {
    const { rows } = await t.ctx.db.query<{ tw: string; d: string; c: number }>(
      `select township_code as tw, to_char(date, 'YYYY-MM-DD') as d, sum(count)::int as c from stream_counts
        where stream_code = $1 group by 1, 2 order by 1, 2`,
      [stream],
    );
    const out: Record<string, Record<string, number>> = {};
    for (const r of rows) {
      out[r.tw] ??= {};
      out[r.tw]![r.d] = r.c;
    }
    return out;
  };
  const sources = async (stream: string) =>
    (await t.call(admin, 'GET', `/api/v1/surveillance/stream-sources?stream=${stream}&area=${COUNTY}`)).json()
      .items as { sourceName: string; areaCode: string; reportDays: number; sourceKey: string }[];

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('keeps two same-named pharmacies of two townships apart within one request', async () => {
    const r = await post([
      { stream: 'pharmacy-antipyretic', sourceName: '张仲景大药房', areaCode: T1, date: daysAgo(1), count: 5 },
      { stream: 'pharmacy-antipyretic', sourceName: '张仲景大药房', areaCode: T2, date: daysAgo(1), count: 8 },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ rows: 2, sources: 2 });
    expect(await series('pharmacy-antipyretic')).toEqual({ [T1]: { [daysAgo(1)]: 5 }, [T2]: { [daysAgo(1)]: 8 } });
    const s = await sources('pharmacy-antipyretic');
    expect(s.map((x) => [x.sourceName, x.areaCode]).sort()).toEqual([
      ['张仲景大药房', T1],
      ['张仲景大药房', T2],
    ]);
    expect(s.map((x) => x.sourceKey).sort()).toEqual([`name:${T1}:张仲景大药房`, `name:${T2}:张仲景大药房`]);
  });

  it('keeps them apart across requests, and a source’s day sent again still replaces its count', async () => {
    const first = await post([
      { stream: 'pharmacy-cough', sourceName: '益民药店', areaCode: T1, date: daysAgo(2), count: 7 },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    const second = await post([
      { stream: 'pharmacy-cough', sourceName: '益民药店', areaCode: T3, date: daysAgo(2), count: 4 },
    ]);
    expect(second.statusCode, second.body).toBe(200);
    expect(await series('pharmacy-cough')).toEqual({ [T1]: { [daysAgo(2)]: 7 }, [T3]: { [daysAgo(2)]: 4 } });
    expect((await sources('pharmacy-cough')).map((x) => x.areaCode).sort()).toEqual([T1, T3]);

    const fix = await post([
      { stream: 'pharmacy-cough', sourceName: '益民药店', areaCode: T3, date: daysAgo(2), count: 6 },
    ]);
    expect(fix.statusCode, fix.body).toBe(200);
    expect(await series('pharmacy-cough')).toEqual({ [T1]: { [daysAgo(2)]: 7 }, [T3]: { [daysAgo(2)]: 6 } });
    expect(await sources('pharmacy-cough')).toHaveLength(2);
  });

  it('keeps them apart in an imported file, which its own pre-check already lets through', async () => {
    const csv = [
      '数据流编码,机构编号,来源名称,区划代码,日期,数量,分母',
      `pharmacy-antiviral,,张仲景大药房,${T1},${daysAgo(3)},2,`,
      `pharmacy-antiviral,,张仲景大药房,${T2},${daysAgo(3)},9,`,
    ].join('\r\n');
    const m = multipart('pharmacies.csv', Buffer.from(csv, 'utf8'));
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/stream-counts/import?detect=false',
      headers: { cookie: admin, ...m.headers },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ rows: 2, sources: 2 });
    expect(await series('pharmacy-antiviral')).toEqual({ [T1]: { [daysAgo(3)]: 2 }, [T2]: { [daysAgo(3)]: 9 } });
  });

  it('moves an institution’s day to the township it is sent again with', async () => {
    const r = await t.call(admin, 'POST', '/api/v1/institutions', {
      name: '辉县市某卫生院',
      category: 'B1',
      ownership: 'government',
      forProfit: false,
      areaCode: T1,
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    expect(
      (await post([{ stream: 'intestinal-clinic', institutionId: id, date: daysAgo(1), count: 3 }])).statusCode,
    ).toBe(200);
    const again = await post([
      { stream: 'intestinal-clinic', institutionId: id, areaCode: T2, date: daysAgo(1), count: 4 },
    ]);
    expect(again.statusCode, again.body).toBe(200);
    expect(await series('intestinal-clinic')).toEqual({ [T2]: { [daysAgo(1)]: 4 } });
  });

  it('migration 007 re-keys stored named sources, their counts and silent signals, idempotently', async () => {
    const stream = 'school-absence-rash';
    const q = (sql: string, params: unknown[] = []) => t.ctx.db.query(sql, params);
    /** Rows in a fixed order, whatever the database's collation. */
    const sorted = <T>(rows: T[]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    // Data as the previous version stored it: name-only keys.
    await q(
      `insert into stream_sources (county_code, stream_code, source_key, institution_id, source_name, area_code,
         township_code, first_date, last_date, report_days)
       values ($1, $2, 'name:旧小学', null, '旧小学', $3, $3, $4, $5, 2),
              ($1, $2, 'name:另一小学', null, '另一小学', $6, $6, $4, $5, 2)`,
      [COUNTY, stream, T2, daysAgo(9), daysAgo(8), T3],
    );
    await q(
      `insert into stream_counts (county_code, stream_code, source_key, township_code, date, count)
       values ($1, $2, 'name:旧小学', $3, $4, 3), ($1, $2, 'name:旧小学', $3, $5, 4),
              ($1, $2, 'name:另一小学', $6, $4, 1), ($1, $2, 'name:另一小学', $6, $5, 2),
              ($1, $2, 'name:无来源小学', $6, $4, 5)`,
      [COUNTY, stream, T2, daysAgo(9), daysAgo(8), T3],
    );
    await q(
      `insert into signals (county_code, area_code, area_level, source, category, subject, place, frequency,
         period_start, period_end, observed, algorithm)
       values ($1, $3, 'township', 'silent', 'data-quality', $2, 'name:旧小学', 'day', $4, $4, 0, 'silent'),
              ($1, $3, 'township', 'cluster', 'case', 'C11', 'name:旧小学', 'day', $4, $4, 3, 'fixed')`,
      [COUNTY, stream, T2, daysAgo(3)],
    );
    const snapshot = async () => ({
      sources: sorted(
        (
          await q(`select source_key as k, area_code as a from stream_sources where stream_code = $1 order by 1`, [
            stream,
          ])
        ).rows,
      ),
      counts: sorted(
        (
          await q(
            `select source_key as k, to_char(date, 'YYYY-MM-DD') as d, count as c from stream_counts
            where stream_code = $1 order by 1, 2`,
            [stream],
          )
        ).rows,
      ),
      signals: sorted((await q(`select source as s, place as p from signals where place like '%旧小学'`)).rows),
      others: sorted((await q(`select source_key as k from stream_sources where stream_code <> $1`, [stream])).rows),
    });
    const untouched = (await snapshot()).others;
    const sql = fs.readFileSync(MIGRATION, 'utf8');
    await t.ctx.db.tx((tx) => tx.exec(sql));
    const after = await snapshot();
    expect(after.sources).toEqual(
      sorted([
        { k: `name:${T2}:旧小学`, a: T2 },
        { k: `name:${T3}:另一小学`, a: T3 },
      ]),
    );
    expect(after.counts).toEqual(
      sorted([
        { k: `name:${T2}:旧小学`, d: daysAgo(9), c: 3 },
        { k: `name:${T2}:旧小学`, d: daysAgo(8), c: 4 },
        // A count without a source row takes its own township.
        { k: `name:${T3}:无来源小学`, d: daysAgo(9), c: 5 },
        { k: `name:${T3}:另一小学`, d: daysAgo(9), c: 1 },
        { k: `name:${T3}:另一小学`, d: daysAgo(8), c: 2 },
      ]),
    );
    // Only silent-source signals hold a source key; a cluster's place is left as it is.
    expect(after.signals).toEqual(
      sorted([
        { s: 'cluster', p: 'name:旧小学' },
        { s: 'silent', p: `name:${T2}:旧小学` },
      ]),
    );
    // Sources that arrived with the new keys (earlier tests) and institutions are unchanged.
    expect(after.others).toEqual(untouched);

    // Again: nothing changes.
    await t.ctx.db.tx((tx) => tx.exec(sql));
    expect(await snapshot()).toEqual(after);

    // New counts of a migrated source join it: one source, one more report day.
    const r = await post([{ stream, sourceName: '旧小学', areaCode: T2, date: daysAgo(7), count: 1 }]);
    expect(r.statusCode, r.body).toBe(200);
    const s = (await sources(stream)).filter((x) => x.sourceName === '旧小学');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ areaCode: T2, reportDays: 3 });
  });

  describe('an institution registered at county level', () => {
    let countyHospital: number;
    beforeAll(async () => {
      const r = await t.call(admin, 'POST', '/api/v1/institutions', {
        name: '辉县市中医院',
        category: 'A1',
        gradeLevel: 2,
        gradeClass: '甲',
        ownership: 'government',
        forProfit: false,
        areaCode: COUNTY,
      });
      expect(r.statusCode, r.body).toBe(201);
      countyHospital = r.json().id;
    });

    it('needs an areaCode for its counts, and the 422 says why (zh, en), naming the row; nothing written', async () => {
      const rows = [
        { stream: 'fever-clinic', institutionId: countyHospital, areaCode: T1, date: daysAgo(2), count: 4 },
        { stream: 'fever-clinic', institutionId: countyHospital, date: daysAgo(1), count: 6 },
      ];
      const before = (await series('fever-clinic'))[T1] ?? {};
      const zh = await post(rows);
      expect(zh.statusCode).toBe(422);
      expect(details(zh)).toHaveLength(1);
      expect(details(zh)[0]).toMatchObject({ path: '[2].areaCode', row: 2 });
      expect(details(zh)[0]!.message).toContain('辉县市中医院');
      expect(details(zh)[0]!.message).toContain('区县级');
      expect(details(zh)[0]!.message).toContain('乡镇或村（居）的区划代码');
      expect(details(zh)[0]!.message).not.toContain(`区划代码“${COUNTY}”不是`);
      const en = await post(rows, 'en');
      expect(en.statusCode).toBe(422);
      expect(details(en)[0]!.message).toMatch(/registered at county level.*township or village/);
      expect((await series('fever-clinic'))[T1] ?? {}).toEqual(before);

      // A code the user did type is still named as such.
      const typed = await post([{ ...rows[1], areaCode: COUNTY }]);
      expect(typed.statusCode).toBe(422);
      expect(details(typed)[0]!.message).toContain(`区划代码“${COUNTY}”不是乡镇或村（居）代码`);

      const ok = await post(rows.map((r) => ({ ...r, areaCode: T1 })));
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await series('fever-clinic'))[T1]).toMatchObject({ [daysAgo(2)]: 4, [daysAgo(1)]: 6 });
    });
  });
});
