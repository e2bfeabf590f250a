import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicatorByCode } from './catalogue.ts';
import { bestMatch } from './match.ts';
import { parsePlanTable } from './table-parse.ts';

// shared/fixtures/plans' table, kept in the repository beside the demo loader that ships it (a clone has no shared/).
const LIANZHOU = new URL('../../../server/src/planning/fixtures/lianzhou-2021-2025.csv', import.meta.url);

/** Minimal RFC 4180 reader, enough for the fixture (the real readers live outside core). */
function csv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.replace(/\r$/, ''));
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe('parsePlanTable: the Lianzhou fixture', () => {
  const table = parsePlanTable(csv(readFileSync(LIANZHOU, 'utf8')));

  it('finds the header and its years', () => {
    expect(table.header).toEqual({
      row: 0,
      columns: { domain: 0, seq: 1, name: 2, unit: 3, baseline: 4, target: 5, nature: 6 },
      baselineYear: 2020,
      targetYear: 2025,
    });
  });

  it('reads 19 rows with no errors and every target understood', () => {
    expect(table.errors).toEqual([]);
    expect(table.rows).toHaveLength(19);
    for (const r of table.rows) {
      expect(r.target).not.toBeNull();
      expect(r.target?.kind).not.toBe('unparsed');
    }
  });

  it('reads each row', () => {
    const r = (seq: string) => table.rows.find((x) => x.seq === seq);
    expect(r('1')).toEqual({
      row: 1,
      domain: '健康水平',
      seq: '1',
      name: '孕产妇死亡率',
      unit: '1/10万',
      baselineText: '30.85',
      baseline: 30.85,
      targetText: '＜8',
      target: { kind: 'threshold', op: '<', value: 8, unit: '1/10万', text: '＜8' },
      nature: 'expected',
      direction: null,
      directionSource: null,
    });
    expect(r('4')).toMatchObject({
      unit: '%',
      baseline: 5.1,
      target: { kind: 'threshold', op: '<', value: 11.56, unit: '%' },
    });
    expect(r('5')).toMatchObject({
      domain: '健康生活',
      target: { kind: 'threshold', op: '>=', value: 30, unit: '%', text: '30.0' },
      direction: 'higher',
      directionSource: 'baseline',
    });
    expect(r('6')).toMatchObject({
      baselineText: '—',
      baseline: null,
      target: { kind: 'threshold', op: '<', value: 20 },
    });
    expect(r('7')).toMatchObject({ unit: '‰', target: { kind: 'trend', direction: 'increase', text: '持续提升' } });
    expect(r('9')).toMatchObject({
      domain: '健康服务',
      name: '每千常住人口拥有医疗卫生机构床位数',
      unit: '张',
      baseline: 6.22,
      target: { kind: 'threshold', op: '>=', value: 6.56, unit: '张' },
    });
    expect(r('11')).toMatchObject({ unit: '人', target: { kind: 'threshold', op: '>=', value: 2.6, unit: '人' } });
    // 100 → 100: the numbers give no direction, so the target reads as "= 100%".
    expect(r('16')).toMatchObject({
      baseline: 100,
      target: { kind: 'threshold', op: '=', value: 100, unit: '%' },
      direction: null,
    });
    expect(r('17')).toMatchObject({ target: { kind: 'threshold', op: '>=', value: 60, unit: '%' } });
    expect(r('19')).toMatchObject({
      baseline: null,
      nature: 'binding',
      target: { kind: 'threshold', op: '>=', value: 80 },
    });
  });

  it('carries domains: 4 健康水平, 4 健康生活, 11 健康服务', () => {
    const count = (d: string) => table.rows.filter((r) => r.domain === d).length;
    expect([count('健康水平'), count('健康生活'), count('健康服务')]).toEqual([4, 4, 11]);
  });

  it('takes directions from the catalogue when asked', () => {
    const withCatalogue = parsePlanTable(csv(readFileSync(LIANZHOU, 'utf8')), {
      directionOf: (name) => {
        const m = bestMatch(name);
        return m && m.confidence >= 0.8 ? indicatorByCode(m.code)?.direction : undefined;
      },
    });
    const row16 = withCatalogue.rows.find((r) => r.seq === '16');
    expect(row16).toMatchObject({ direction: 'higher', directionSource: 'given', target: { op: '>=', value: 100 } });
    expect(withCatalogue.rows.every((r) => r.directionSource === 'given')).toBe(true);
  });
});

describe('parsePlanTable: a messy table', () => {
  // Title rows, blank lines, headers 指标类别/指标/基期值/目标值/属性, group heading rows, blank group cells,
  // cells split over lines (DOCX), full-width digits and symbols, units inside names, notes under the table.
  const cells = [
    ['某市卫生健康事业发展“十四五”规划主要指标', '', '', '', '', '', ''],
    ['（2021—2025年）'],
    [],
    ['指标\n类别', '序号', '指  标', '单位', '基期值\n(2020年)', '目标值\n(2025年)', '属性'],
    ['一、健康水平'],
    ['', '１', '人均预期寿命', '岁', '76.7', '比“十三五”末提高1岁', '预期性'],
    ['', '2', '孕产妇死亡率（1/10万）', '', '3.81', '≤10', '约束性'],
    ['健康\n服务', '3', '每千人口床位数', '张/千人', '6.61', '7.5张左右', '预期性'],
    ['', '4', '县域内基层就诊率', '％', '—', '稳定在65%左右', ''],
    ['', '5', '三级公立医院数量', '所', '14', '20', '预期性'],
    ['', '6', '每万人口救护车数', '辆', '0.3', '0.33', '预期'],
    ['', '7', '儿童青少年总体近视率', '%', '52.1', '力争每年降低1个百分点左右', '约束性'],
    ['', '8', '个人卫生支出占卫生总费用比例', '%', '28.5', '27%以内', '约束'],
    ['', '9', '二级以上医院急诊观察床位占比', '%', '1.5', '2%—3%', '预期性'],
    ['', '10', '医护比', '', '1:1.03', '1:1.2', '预期性'],
    ['', '10a', '床护比（约束性）', '', '', '', ''],
    ['', '', '', '', '5', '6', ''],
    ['', '11', '家庭医生签约率★', '%', '45', '上升', '未知'],
    [' 注：带★为新增指标。'],
    ['', '12', '不应读到这一行', '%', '1', '2', '预期性'],
  ];
  const table = parsePlanTable(cells);

  it('finds the header below the titles', () => {
    expect(table.header).toEqual({
      row: 3,
      columns: { domain: 0, seq: 1, name: 2, unit: 3, baseline: 4, target: 5, nature: 6 },
      baselineYear: 2020,
      targetYear: 2025,
    });
  });

  it('reads the rows up to the notes, carrying group cells down', () => {
    expect(table.rows.map((r) => [r.seq, r.domain, r.name])).toEqual([
      ['1', '健康水平', '人均预期寿命'],
      ['2', '健康水平', '孕产妇死亡率'],
      ['3', '健康服务', '每千人口床位数'],
      ['4', '健康服务', '县域内基层就诊率'],
      ['5', '健康服务', '三级公立医院数量'],
      ['6', '健康服务', '每万人口救护车数'],
      ['7', '健康服务', '儿童青少年总体近视率'],
      ['8', '健康服务', '个人卫生支出占卫生总费用比例'],
      ['9', '健康服务', '二级以上医院急诊观察床位占比'],
      ['10', '健康服务', '医护比'],
      ['10a', '健康服务', '床护比'],
      ['11', '健康服务', '家庭医生签约率'],
    ]);
  });

  it('understands the targets', () => {
    const t = (seq: string) => table.rows.find((r) => r.seq === seq);
    expect(t('1')?.target).toEqual({ kind: 'relative', delta: 1, unit: '岁', base: 2020, text: '比“十三五”末提高1岁' });
    expect(t('2')).toMatchObject({
      unit: '1/10万',
      nature: 'binding',
      target: { kind: 'threshold', op: '<=', value: 10, unit: '1/10万' },
    });
    expect(t('3')).toMatchObject({ unit: '张', target: { kind: 'approx', value: 7.5, unit: '张' } });
    expect(t('4')).toMatchObject({ baseline: null, nature: null, target: { kind: 'approx', value: 65, unit: '%' } });
    expect(t('5')).toMatchObject({ target: { kind: 'threshold', op: '>=', value: 20, unit: '所' } });
    // 辆 is not a canonical unit: kept on the row as written, null in the target.
    expect(t('6')).toMatchObject({
      unit: '辆',
      nature: 'expected',
      target: { kind: 'threshold', op: '>=', value: 0.33, unit: null },
    });
    expect(t('7')).toMatchObject({ nature: 'binding', target: { kind: 'annual-change', delta: -1, unit: '百分点' } });
    expect(t('8')).toMatchObject({ nature: 'binding', target: { kind: 'threshold', op: '<=', value: 27, unit: '%' } });
    expect(t('9')).toMatchObject({ target: { kind: 'range', min: 2, max: 3, unit: '%' } });
    expect(t('11')).toMatchObject({
      name: '家庭医生签约率',
      nature: null,
      target: { kind: 'trend', direction: 'increase' },
    });
    expect(t('2')?.name).toBe('孕产妇死亡率');
  });

  it('reports what it could not read, row by row, in both languages', () => {
    expect(table.errors.map((e) => [e.row, e.column])).toEqual([
      [14, 'baseline'],
      [14, 'target'],
      [16, 'name'],
      [17, 'nature'],
    ]);
    expect(table.rows.find((r) => r.seq === '10a')).toMatchObject({ nature: 'binding', target: null, baseline: null });
    const ratio = table.rows.find((r) => r.seq === '10');
    expect(ratio).toMatchObject({
      baseline: null,
      baselineText: '1:1.03',
      target: { kind: 'unparsed', text: '1:1.2' },
    });
    for (const e of table.errors) {
      expect(e.message.zh.length).toBeGreaterThan(0);
      expect(e.message.en.length).toBeGreaterThan(0);
    }
  });
});

describe('parsePlanTable: header variants', () => {
  it.each([
    [
      ['领域', '指标名称', '2020年现状', '2025年目标值', '指标性质'],
      { domain: 0, name: 1, baseline: 2, target: 3, nature: 4 },
    ],
    [['类别', '主要指标', '现状', '目标', '性质'], { domain: 0, name: 1, baseline: 2, target: 3, nature: 4 }],
    [['序号', '指标', '2020年', '2023年', '2025年'], { seq: 0, name: 1, baseline: 2, target: 4 }],
    [['指标名称', '单位', '2025年目标值'], { name: 0, unit: 1, target: 2 }],
    [['指标名称', '基期值', '目标值'], { name: 0, baseline: 1, target: 2 }],
  ])('%j', (header, columns) => {
    const t = parsePlanTable([header, header.map((_, i) => (i === columns.name ? '孕产妇死亡率' : '1'))]);
    expect(t.header?.columns).toEqual(columns);
    expect(t.rows).toHaveLength(1);
  });

  it('reports a table without a header', () => {
    const t = parsePlanTable([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(t.header).toBeNull();
    expect(t.rows).toEqual([]);
    expect(t.errors[0]?.message.en).toMatch(/header/);
  });

  it('accepts null and undefined cells and ragged rows', () => {
    const t = parsePlanTable([
      ['指标名称', '单位', '2020年', '2025年'],
      ['病床使用率', null, undefined, '85%—93%'],
      ['床护比'],
    ]);
    expect(t.rows.map((r) => r.target?.kind)).toEqual(['range', undefined]);
    expect(t.rows[1]?.target).toBeNull();
  });
});

describe('parsePlanTable: pasted tab-separated text (a Jingmen-style table)', () => {
  // Built from the resource targets of seed 002 and the goals of seed 000, as a planner would paste them.
  const tsv = [
    '荆门市“十四五”医疗卫生服务体系主要指标',
    '领域\t序号\t指标名称\t单位\t2020年基期值\t2025年目标值\t指标属性',
    '资源配置\t1\t每千人口医疗卫生机构床位数\t张\t6.9\t7.5\t预期性',
    '\t2\t每千人口执业（助理）医师数\t人\t2.9\t3.2\t预期性',
    '\t3\t每千人口中医类别执业（助理）医师数\t人\t0.5\t0.62\t预期性',
    '\t4\t每千人口注册护士数\t人\t3.5\t4.2\t预期性',
    '\t5\t每千人口药师（士）数\t人\t0.4\t0.54\t预期性',
    '\t6\t每万人口全科医生数\t人\t3.1\t3.93\t约束性',
    '\t7\t每千人口3岁以下婴幼儿托位数\t个\t1.2\t4.5\t预期性',
    '\t8\t二级以上综合性医院老年医学科开设率\t%\t60\t100\t预期性',
    '服务能力\t9\t县域就诊率\t%\t88\t达到90%以上\t预期性',
    '\t10\t县域内基层就诊率\t%\t60\t稳定在65%左右\t预期性',
    '\t11\t个人卫生支出占卫生总费用比例\t%\t28.2\t控制在27%左右\t约束性',
    '\t12\t儿童青少年总体近视率\t%\t52\t力争每年降低1个百分点左右\t约束性',
    '\t13\t人均预期寿命\t岁\t76.7\t比“十三五”末提高1岁\t预期性',
    '\t14\t三级公立医院数量\t所\t14\t20\t预期性',
    '\t15\t省级及以上卫生乡镇比例\t%\t—\t不低于55%\t预期性',
  ].join('\n');
  const cells = tsv.split('\n').map((line) => line.split('\t'));
  const table = parsePlanTable(cells, {
    directionOf: (name) => {
      const m = bestMatch(name);
      return m && m.confidence >= 0.8 ? indicatorByCode(m.code)?.direction : undefined;
    },
  });

  it('reads every row with every target understood and no errors', () => {
    expect(table.errors).toEqual([]);
    expect(table.header).toMatchObject({ row: 1, baselineYear: 2020, targetYear: 2025 });
    expect(table.rows).toHaveLength(15);
    expect(table.rows.every((r) => r.target !== null && r.target.kind !== 'unparsed')).toBe(true);
    expect(table.rows.filter((r) => r.nature === 'binding').map((r) => r.seq)).toEqual(['6', '11', '12']);
  });

  it('matches every row to the catalogue with confidence ≥ 0.8', () => {
    const codes = table.rows.map((r) => {
      const m = bestMatch(r.name);
      expect(m?.confidence, r.name).toBeGreaterThanOrEqual(0.8);
      return m?.code;
    });
    expect(codes).toEqual([
      'beds-per-1000',
      'doctors-per-1000',
      'tcm-doctors-per-1000',
      'nurses-per-1000',
      'pharmacists-per-1000',
      'gps-per-10000',
      'childcare-places-per-1000',
      'geriatrics-department-share',
      'county-visit-rate',
      'county-primary-visit-share',
      'oop-share',
      'child-myopia',
      'life-expectancy',
      'tertiary-public-hospitals',
      'provincial-hygienic-townships-share',
    ]);
  });

  it('reads bare numbers by the catalogue direction', () => {
    expect(table.rows[0]?.target).toMatchObject({ kind: 'threshold', op: '>=', value: 7.5, unit: '张' });
    expect(table.rows[13]?.target).toMatchObject({ kind: 'threshold', op: '>=', value: 20, unit: '所' });
  });
});
