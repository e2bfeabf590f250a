import { describe, expect, it } from 'vitest';
import { type AreaNode, AreaTree, coveringPrefix, validIn } from './area-tree.ts';
import { populationOf, resolveRecorded } from './population-rollup.ts';

const node = (
  code: string,
  name: string,
  level: number,
  parentCode: string | null,
  extra: Partial<AreaNode> = {},
): AreaNode => ({
  code,
  name,
  level,
  parentCode,
  validFrom: null,
  validTo: null,
  successorCode: null,
  ...extra,
});

// 长垣县 (410728) became 长垣市 (410783) on 2019-08-16; the townships kept their codes under the new parent.
const areas = [
  node('41', '河南省', 1, null),
  node('4107', '新乡市', 2, '41'),
  node('410782', '辉县市', 3, '4107'),
  node('410782100', '城关街道', 4, '410782'),
  node('410728', '长垣县', 3, '4107', { validTo: '2019-08-15', successorCode: '410783' }),
  node('410783', '长垣市', 3, '4107', { validFrom: '2019-08-16' }),
  node('410783001', '蒲东街道', 4, '410783'),
  node('410783101', '丁栾镇', 4, '410783'),
  node('410783101201', '丁栾村', 5, '410783101'),
];
const tree = new AreaTree(areas);

describe('validIn', () => {
  it('uses 31 December of the year as the reference date', () => {
    expect(validIn(tree.get('410728')!, 2018)).toBe(true);
    expect(validIn(tree.get('410728')!, 2019)).toBe(false);
    expect(validIn(tree.get('410783')!, 2019)).toBe(true);
    expect(validIn(tree.get('410783')!, 2018)).toBe(false);
  });
});

describe('AreaTree across a division change', () => {
  it('lists the county as it was named in each year', () => {
    const names = (y: number) =>
      tree
        .childrenIn('4107', y)
        .map((a) => a.name)
        .sort();
    expect(names(2016)).toEqual(['辉县市', '长垣县'].sort());
    expect(names(2020)).toEqual(['辉县市', '长垣市'].sort());
  });

  it('re-parents townships to the predecessor before the change', () => {
    expect(tree.parentIn('410783101', 2016)).toBe('410728');
    expect(tree.parentIn('410783101', 2021)).toBe('410783');
    expect(
      tree
        .childrenIn('410728', 2016)
        .map((a) => a.code)
        .sort(),
    ).toEqual(['410783001', '410783101']);
  });

  it('resolves codes to the area valid in a year', () => {
    expect(tree.resolveIn('410783', 2016)).toBe('410728');
    expect(tree.resolveIn('410728', 2022)).toBe('410783');
    expect(tree.resolveIn('410782', 2016)).toBe('410782');
    expect(tree.resolveIn('999999', 2016)).toBeNull();
  });

  it('buckets village facts to the county valid in the year', () => {
    const counties = (y: number) => new Set(tree.childrenIn('4107', y).map((a) => a.code));
    expect(tree.bucketIn('410783101201', 2017, counties(2017))).toBe('410728');
    expect(tree.bucketIn('410783101201', 2020, counties(2020))).toBe('410783');
    expect(tree.bucketIn('410783101201', 2020, new Set(['410782']))).toBeNull();
  });

  it('gives a fact to every nested target, and to a target through the area standing for it', () => {
    const targets = new Set(['4107', '410783', '410783101']);
    expect(tree.bucketsIn('410783101201', 2021, targets).sort()).toEqual(['4107', '410783', '410783101']);
    // 2017: 长垣市 did not exist; its facts stand under 长垣县, which the caller asked about as 长垣市.
    expect(tree.bucketsIn('410783101201', 2017, new Set(['4107', '410783'])).sort()).toEqual(['4107', '410783']);
    expect(tree.bucketsIn('410782100', 2021, targets)).toEqual(['4107']);
  });

  it('answers subtree membership for scope checks', () => {
    expect(tree.isWithin('410783101201', '410783', 2020)).toBe(true);
    expect(tree.isWithin('410783101201', '410783', 2016)).toBe(true);
    expect(tree.isWithin('410782100', '410783', 2020)).toBe(false);
    expect(tree.isWithin('410782100', '4107', 2020)).toBe(true);
  });

  it('lists ancestors nearest first', () => {
    expect(tree.ancestorsIn('410783101201', 2017).map((a) => a.code)).toEqual(['410783101', '410728', '4107', '41']);
  });
});

describe('population roll-up', () => {
  it('sums townships into the county valid in each year, and the county into the city', () => {
    const rows = [
      { areaCode: '410783001', value: 100_000 },
      { areaCode: '410783101', value: 50_000 },
      { areaCode: '410782100', value: 80_000 },
    ];
    for (const year of [2016, 2021]) {
      const rec = resolveRecorded(tree, year, rows);
      const county = year === 2016 ? '410728' : '410783';
      expect(populationOf(tree, year, rec, county)).toBe(150_000);
      expect(populationOf(tree, year, rec, '4107')).toBe(230_000);
    }
  });

  it('prefers an area’s own recorded total over the sum of its children (no double count)', () => {
    const rec = resolveRecorded(tree, 2021, [
      { areaCode: '410783', value: 900_000 },
      { areaCode: '410783001', value: 100_000 },
      { areaCode: '410782100', value: 80_000 },
    ]);
    expect(populationOf(tree, 2021, rec, '410783')).toBe(900_000);
    expect(populationOf(tree, 2021, rec, '4107')).toBe(980_000);
  });

  it('is null when nothing is recorded', () => {
    expect(populationOf(tree, 2021, new Map(), '4107')).toBeNull();
  });
});

describe('coveringPrefix', () => {
  it('covers county-level and finer areas through their city, others as they are', () => {
    expect(coveringPrefix(tree, ['410782', '410783101201'])).toBe('4107');
    expect(coveringPrefix(tree, ['4107'])).toBe('4107');
    expect(coveringPrefix(tree, ['41', '410782'])).toBe('41');
    expect(coveringPrefix(tree, [])).toBe('');
  });
});
