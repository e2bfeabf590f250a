// The area-facts service on a recording fake database: one SQL pass per kind of aggregate (a FILTER clause
// per institution filter, never one query per measure), and the rows bucketed through the tree of each year
// (a renamed county's history lands under today's code; a city sums its counties; population is recomputed,
// not averaged).
import { type AreaNode, AreaTree } from '@weijian/core/registry';
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../platform/db.ts';
import { AreaFactsService, areaYearKey } from './area-facts.ts';

const node = (code: string, name: string, level: number, parentCode: string | null, extra: Partial<AreaNode> = {}) =>
  ({ code, name, level, parentCode, validFrom: null, validTo: null, successorCode: null, ...extra }) as AreaNode;

// 长垣县 (410728) became 长垣市 (410783) on 2019-08-16.
const tree = new AreaTree([
  node('41', '河南省', 1, null),
  node('4107', '新乡市', 2, '41'),
  node('410782', '辉县市', 3, '4107'),
  node('410728', '长垣县', 3, '4107', { validTo: '2019-08-15', successorCode: '410783' }),
  node('410783', '长垣市', 3, '4107', { validFrom: '2019-08-16' }),
  node('410782001', '城关街道', 4, '410782'),
  node('410782001001', '一村', 5, '410782001'),
]);

/** Answers each statement by its table; records the SQL and parameters asked. */
function fakeDb() {
  const asked: { sql: string; params: unknown[] }[] = [];
  const db: Queryable = {
    async query<T>(sql: string, params: unknown[] = []) {
      asked.push({ sql, params });
      let rows: unknown[] = [];
      if (sql.includes('from institution_resources') || sql.includes('from area_fact_totals')) {
        rows = [
          { code: '410782', year: 2018, asof: '2024-01-01T00:00:00.000Z', c0: 100, c1: 60 },
          { code: '410728', year: 2018, asof: '2024-02-01T00:00:00.000Z', c0: 50, c1: null },
          { code: '410783', year: 2020, asof: '2024-03-01T00:00:00.000Z', c0: 70, c1: 20 },
        ];
      } else if (sql.includes('select distinct')) {
        rows = [{ code: '410782' }];
      } else if (sql.includes('generate_series')) {
        rows = [{ code: '410782', year: 2018, asof: null, c0: 3 }];
      } else if (sql.includes('from area_population')) {
        rows = [
          { code: '410782', year: 2018, asof: null, resident: 800000 },
          { code: '410728', year: 2018, asof: null, resident: 700000 },
        ];
      }
      return { rows: rows as T[] };
    },
    async exec() {},
  };
  return { db, asked };
}

describe('AreaFactsService.aggregate', () => {
  it('asks one SQL pass per kind, with a FILTER per institution filter', async () => {
    const { db, asked } = fakeDb();
    await new AreaFactsService(db).aggregate(
      tree,
      [
        { key: 'beds', sum: 'bedsActual' },
        { key: 'hospitalBeds', sum: 'bedsActual', where: { family: ['hospital'], minGrade: 2 } },
        { key: 'thcs', count: 'institutions', where: { category: ['C2'] } },
        { key: 'residents', population: 'resident' },
      ],
      ['4107', '410782', '410783'],
      2018,
      2020,
    );
    // Counties read the totals the triggers of migration 015 keep, not the reports.
    expect(asked.filter((a) => a.sql.includes('from institution_resources'))).toHaveLength(0);
    const resources = asked.filter((a) => a.sql.includes('from area_fact_totals'));
    expect(resources).toHaveLength(1);
    expect(resources[0]!.sql.match(/filter \(where/g)).toHaveLength(1);
    expect(resources[0]!.params.slice(0, 3)).toEqual([2018, 2020, '4107%']);
    expect(asked.filter((a) => a.sql.includes('from area_institution_counts i, generate_series'))).toHaveLength(1);
    expect(asked.filter((a) => a.sql.includes('from area_population'))).toHaveLength(1);
    expect(asked).toHaveLength(4);
  });

  it('reads the reports and institutions themselves for villages (the totals stop at townships)', async () => {
    const { db, asked } = fakeDb();
    await new AreaFactsService(db).aggregate(
      tree,
      [
        { key: 'beds', sum: 'bedsActual' },
        { key: 'thcs', count: 'institutions', where: { category: ['C2'] } },
      ],
      ['410782001001'],
      2018,
      2018,
    );
    expect(asked.filter((a) => a.sql.includes('from area_fact_totals'))).toHaveLength(0);
    expect(asked.filter((a) => a.sql.includes('from institution_resources r join institutions i'))).toHaveLength(1);
    expect(asked.filter((a) => a.sql.includes('from institutions i, generate_series'))).toHaveLength(1);
  });

  it('buckets rows through the tree valid in each year, summing components', async () => {
    const { db } = fakeDb();
    const facts = await new AreaFactsService(db).aggregate(
      tree,
      [
        { key: 'beds', sum: 'bedsActual' },
        { key: 'hospitalBeds', sum: 'bedsActual', where: { family: ['hospital'] } },
        { key: 'thcs', count: 'institutions', where: { category: ['C2'] } },
        { key: 'residents', population: 'resident' },
      ],
      ['4107', '410782', '410783'],
      2018,
      2020,
    );
    // 2018: 长垣县's figures appear under 长垣市, the area asked about; the city sums both counties.
    expect(facts.get(areaYearKey('410783', 2018))!.values).toMatchObject({ beds: 50, hospitalBeds: null });
    expect(facts.get(areaYearKey('4107', 2018))!.values).toMatchObject({
      beds: 150,
      hospitalBeds: 60,
      thcs: 3,
      residents: 1500000,
    });
    expect(facts.get(areaYearKey('4107', 2018))!.asOf).toBe('2024-02-01T00:00:00.000Z');
    // No institution registered in 长垣: its count is unknown, not zero; 辉县's is zero in a year without any.
    expect(facts.get(areaYearKey('410783', 2018))!.values.thcs).toBeNull();
    expect(facts.get(areaYearKey('410782', 2020))!.values.thcs).toBe(0);
    expect(facts.get(areaYearKey('410783', 2020))!.values).toMatchObject({ beds: 70, residents: null });
  });

  it('asks nothing for measures not requested', async () => {
    const { db, asked } = fakeDb();
    await new AreaFactsService(db).aggregate(tree, [{ key: 'r', population: 'resident' }], ['410782'], 2018, 2018);
    expect(asked).toHaveLength(1);
  });
});
