import { POPULATION_FIELDS, RESOURCE_FIELDS } from '@weijian/core/registry';
import {
  columnForHeader,
  columnLetter,
  EXCHANGE_COLUMNS,
  EXCHANGE_KINDS,
  institutionFromRow,
  mapRow,
  matchHeaders,
  normaliseHeader,
  parseCell,
  parseDate,
  populationFromRow,
  resourcesFromRow,
} from '@weijian/core/registry/exchange';
import { describe, expect, it } from 'vitest';

describe('header matching', () => {
  it('matches Chinese labels, English labels and keys, tolerating width, spaces, units and markers', () => {
    expect(columnForHeader('resources', '实际开放床位')?.key).toBe('bedsOpen');
    expect(columnForHeader('resources', 'Open beds')?.key).toBe('bedsOpen');
    expect(columnForHeader('resources', 'bedsOpen')?.key).toBe('bedsOpen');
    expect(columnForHeader('resources', ' beds open ')?.key).toBe('bedsOpen');
    expect(columnForHeader('resources', '执业(助理)医师')?.key).toBe('doctors');
    expect(columnForHeader('resources', '执业（ 助理 ）医师')?.key).toBe('doctors');
    expect(columnForHeader('resources', '实有床位（张）')?.key).toBe('bedsActual');
    expect(columnForHeader('resources', '*年份')?.key).toBe('year');
    expect(columnForHeader('resources', 'ＩＣＵ床位')?.key).toBe('bedsIcu');
    expect(columnForHeader('population', '0-2岁')?.key).toBe('age0To2');
    expect(columnForHeader('population', '０～２岁')?.key).toBe('age0To2');
    expect(columnForHeader('institutions', '经济类型/举办主体')?.key).toBe('ownership');
    expect(columnForHeader('institutions', '经济类型')?.key).toBe('ownership');
    expect(columnForHeader('institutions', '床位数')).toBeUndefined();
  });

  it('has no header that names two columns of a kind', () => {
    for (const kind of EXCHANGE_KINDS) {
      const seen = new Map<string, string>();
      for (const c of EXCHANGE_COLUMNS[kind]) {
        for (const h of [c.zh, c.en, c.key, ...(c.aliases ?? [])]) {
          const n = normaliseHeader(h);
          expect(seen.get(n) ?? c.key, `${kind}: ${h}`).toBe(c.key);
          seen.set(n, c.key);
        }
      }
    }
  });

  it('covers every yearly fact field', () => {
    const keys = (kind: 'resources' | 'population') => new Set(EXCHANGE_COLUMNS[kind].map((c) => c.key));
    for (const f of RESOURCE_FIELDS) expect(keys('resources').has(f.key)).toBe(true);
    for (const f of POPULATION_FIELDS) expect(keys('population').has(f.key)).toBe(true);
  });

  it('names unknown, duplicate, unnamed and missing required columns', () => {
    const r = matchHeaders('resources', ['机构ID', '年份', '床位数', '实有床位', 'bedsActual', ''], (i) => i === 5);
    expect(r.issues.map((i) => [i.index, i.header])).toEqual([
      [2, '床位数'],
      [4, 'bedsActual'],
      [5, ''],
    ]);
    expect(r.issues[0]!.message.zh).toContain('床位数');
    expect(r.issues[2]!.message.zh).toContain('第 F 列');
    const missing = matchHeaders('resources', ['年份', '实有床位']);
    expect(missing.issues.map((i) => i.message.zh).join()).toContain('机构ID');
    const inst = matchHeaders('institutions', ['机构名称', '机构类别代码']);
    expect(inst.issues.map((i) => i.header)).toEqual(['举办主体', '所在区划代码']);
    expect(matchHeaders('population', ['区划代码', '年份', '', '常住人口']).issues).toEqual([]);
  });

  it('spells column letters', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('value parsing', () => {
  const v = (type: Parameters<typeof parseCell>[0], cell: Parameters<typeof parseCell>[1]) => {
    const r = parseCell(type, cell);
    return r.ok ? r.value : 'ERR';
  };

  it('reads counts as Excel and Chinese keyboards write them', () => {
    expect(v('count', 12)).toBe(12);
    expect(v('count', '1,234')).toBe(1234);
    expect(v('count', ' １２ ')).toBe(12);
    expect(v('count', '-3')).toBe(-3); // the fact validators reject it with the form's words
    expect(v('count', '')).toBe(null);
    expect(v('count', '  ')).toBe(null);
    expect(v('count', '十二')).toBe('ERR');
    expect(v('decimal', '113.92')).toBe(113.92);
  });

  it('reads years, ids and area codes', () => {
    expect(v('year', 2020)).toBe(2020);
    expect(v('year', '2020年')).toBe(2020);
    expect(v('year', '1900')).toBe('ERR');
    expect(v('id', '17')).toBe(17);
    expect(v('id', '1.5')).toBe('ERR');
    expect(v('area', 410702)).toBe('410702');
    expect(v('area', '410702001001')).toBe('410702001001');
    expect(v('area', '41070A')).toBe('ERR');
  });

  it('reads dates in the usual spellings and Excel serials', () => {
    expect(parseDate('2020-01-05')).toBe('2020-01-05');
    expect(parseDate('2020/1/5')).toBe('2020-01-05');
    expect(parseDate('2020年1月5日')).toBe('2020-01-05');
    expect(parseDate('2020.1.5')).toBe('2020-01-05');
    expect(parseDate('20200105')).toBe('2020-01-05');
    expect(parseDate(20200105)).toBe('2020-01-05');
    expect(parseDate(43835)).toBe('2020-01-05');
    expect(parseDate(new Date(Date.UTC(2020, 0, 5)))).toBe('2020-01-05');
    expect(parseDate('2020-02-30')).toBe(null);
    expect(parseDate('yesterday')).toBe(null);
  });

  it('reads grades, ownership, yes/no and categories', () => {
    expect(['三级', '3', 3, '一', '未定级'].map((c) => v('gradeLevel', c))).toEqual([3, 3, 3, 1, null]);
    expect(v('gradeLevel', '四级')).toBe('ERR');
    expect(['甲', '乙等', 'C'].map((c) => v('gradeClass', c))).toEqual(['甲', '乙', '丙']);
    expect(['政府办', '其他公立', '社会办', 'private', 'Other public', '民营'].map((c) => v('ownership', c))).toEqual([
      'government',
      'other-public',
      'private',
      'private',
      'other-public',
      'private',
    ]);
    expect(v('ownership', '外资')).toBe('ERR');
    expect(['是', '否', '营利', '非营利', true, 'N'].map((c) => v('boolean', c))).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(['A1', 'a5a', 'A1 综合医院', '综合医院', '村卫生室'].map((c) => v('category', c))).toEqual([
      'A1',
      'A5A',
      'A1',
      'A1',
      'D6',
    ]);
    expect(v('uscc', ' 12410700 41580047 1x ')).toBe('12410700415800471X');
  });
});

describe('row mapping', () => {
  const columns = (kind: 'institutions' | 'resources' | 'population', headers: string[]) =>
    matchHeaders(kind, headers).columns;

  it('maps a resources row and applies the form rules', () => {
    const cols = columns('resources', [
      '机构ID',
      '年份',
      '实有床位',
      '实际开放床位',
      '卫生技术人员',
      '执业（助理）医师',
    ]);
    const good = resourcesFromRow(mapRow(cols, [5, 2020, 100, 90, 200, 80]));
    expect(good.issues).toEqual([]);
    expect(good.record).toMatchObject({
      institutionId: 5,
      year: 2020,
      values: { bedsActual: 100, bedsOpen: 90, nurses: null },
    });
    const bad = resourcesFromRow(mapRow(cols, [5, 2020, 100, -1, 200, 'x']));
    expect(bad.issues.map((i) => i.key)).toEqual(['doctors', 'bedsOpen']);
    const over = resourcesFromRow(mapRow(cols, [5, 2020, 100, 120, 200, 80]));
    expect(over.issues.map((i) => [i.key, i.message.zh])).toEqual([
      ['bedsOpen', '实际开放床位（120）不能大于实有床位（100）'],
    ]);
    const anon = resourcesFromRow(mapRow(cols, [null, 2020, 1, 1, 1, 1]));
    expect(anon.issues[0]!.key).toBe('institutionId');
  });

  it('maps a population row', () => {
    const cols = columns('population', ['区划代码', '区划名称', '年份', '常住人口', '男性', '女性']);
    const r = populationFromRow(mapRow(cols, ['410702', '红旗区', '2020', '1000', '500', '499']));
    expect(r.record).toMatchObject({ areaCode: '410702', year: 2020, values: { resident: 1000 } });
    expect(r.issues.map((i) => i.key)).toEqual(['male']);
  });

  it('maps an institution row, keeping stored values of columns the file lacks', () => {
    const cols = columns('institutions', [
      '机构ID',
      '机构名称',
      '机构类别代码',
      '举办主体',
      '营利性',
      '所在区划代码',
      '级别',
      '等次',
    ]);
    const fresh = institutionFromRow(
      mapRow(cols, [null, '新乡市第一医院', 'A1', '政府办', '否', '410702', '三级', '甲']),
      null,
    );
    expect(fresh.issues).toEqual([]);
    expect(fresh.record).toMatchObject({
      id: null,
      input: { category: 'A1', ownership: 'government', gradeLevel: 3, gradeClass: '甲', lng: null },
    });
    const stored = { ...fresh.record.input, lng: 113.9, lat: 35.3, networkId: 4 };
    const upd = institutionFromRow(
      mapRow(cols, [7, '新乡市第一人民医院', 'A1', '政府办', '', '410702', '三级', '甲']),
      stored,
    );
    expect(upd.record.input).toMatchObject({
      name: '新乡市第一人民医院',
      lng: 113.9,
      lat: 35.3,
      networkId: 4,
      forProfit: false,
    });
    const bad = institutionFromRow(mapRow(cols, [null, '某医院', 'Q9', '外资', '是', '410702', '', '甲']), null);
    expect(bad.issues.map((i) => i.key).sort()).toEqual(['category', 'gradeClass', 'ownership']);
  });
});
