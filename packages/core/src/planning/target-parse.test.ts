import { describe, expect, it } from 'vitest';
import { formatTarget, parseTarget } from './target-parse.ts';
import type { Target } from './types.ts';

// Strip `text` so expectations read as the JSON shape; the text is checked once separately.
function p(text: string, opts?: Parameters<typeof parseTarget>[1]): Omit<Target, 'text'> | null {
  const t = parseTarget(text, opts);
  if (t === null) return null;
  const { text: _text, ...rest } = t;
  return rest;
}
const th = (op: string, value: number, unit: string | null) => ({ kind: 'threshold', op, value, unit });
const ap = (value: number, unit: string | null) => ({ kind: 'approx', value, unit });
const rg = (min: number, max: number, unit: string | null) => ({ kind: 'range', min, max, unit });
const tr = (direction: string) => ({ kind: 'trend', direction });
const an = (delta: number, unit: string | null) => ({ kind: 'annual-change', delta, unit });
const rel = (delta: number, unit: string | null, base: number) => ({ kind: 'relative', delta, unit, base });

describe('parseTarget: forms named in the issue', () => {
  it.each([
    ['≥80岁', th('>=', 80, '岁')],
    ['≤10.5/10万', th('<=', 10.5, '1/10万')],
    ['＜0.17%', th('<', 0.17, '%')],
    ['＜8', th('<', 8, null)],
    ['≥60.0', th('>=', 60, null)],
    ['＞95％', th('>', 95, '%')],
    ['≥９０％', th('>=', 90, '%')],
    ['>=90%', th('>=', 90, '%')],
    ['<= 5', th('<=', 5, null)],
    ['=100%', th('=', 100, '%')],
    ['达到90%以上', th('>=', 90, '%')],
    ['90%以上', th('>=', 90, '%')],
    ['90%及以上', th('>=', 90, '%')],
    ['不低于55%', th('>=', 55, '%')],
    ['不高于20%', th('<=', 20, '%')],
    ['不超过110%', th('<=', 110, '%')],
    ['低于5‰', th('<', 5, '‰')],
    ['控制在27%以内', th('<=', 27, '%')],
    ['保持在98%以上', th('>=', 98, '%')],
    ['27%左右', ap(27, '%')],
    ['8张左右', ap(8, '张')],
    ['稳定在65%左右', ap(65, '%')],
    ['控制在27%左右', ap(27, '%')],
    ['约30%', ap(30, '%')],
    ['10-20公里', rg(10, 20, '公里')],
    ['10─20公里', rg(10, 20, '公里')],
    ['2%—3%', rg(2, 3, '%')],
    ['2%~3%', rg(2, 3, '%')],
    ['2%～3%', rg(2, 3, '%')],
    ['2-3所', rg(2, 3, '所')],
    ['1—2个', rg(1, 2, '个')],
    ['30-100000人', rg(30, 100000, '人')],
    ['持续提升', tr('increase')],
    ['稳步提高', tr('increase')],
    ['同比例提高', tr('increase')],
    ['同步提高', tr('increase')],
    ['逐步降低', tr('decrease')],
    ['持续降低', tr('decrease')],
    ['保持下降态势', tr('decrease')],
    ['上升趋势减缓', tr('slower-increase')],
    ['下降趋势减缓', tr('slower-decrease')],
    ['保持', tr('maintain')],
    ['保持稳定', tr('maintain')],
    ['每年降低1个百分点左右', an(-1, '百分点')],
    ['力争每年降低1个百分点左右', an(-1, '百分点')],
    ['力争每年下降0.5个百分点', an(-0.5, '百分点')],
    ['每年提高2个百分点', an(2, '百分点')],
    ['年均增长5%', an(5, '%')],
    ['1个', th('=', 1, '个')],
    ['20所', th('=', 20, '所')],
    ['4名以上', th('>=', 4, '人')],
    ['比2020年提高1岁', rel(1, '岁', 2020)],
    ['比"十三五"末提高1岁', rel(1, '岁', 2020)],
    ['比“十三五”末提高1岁', rel(1, '岁', 2020)],
    ['比十三五末提高1岁', rel(1, '岁', 2020)],
    ['比2020年下降10%', rel(-10, '%', 2020)],
    ['较2015年增加1.57张', rel(1.57, '张', 2015)],
    ['全覆盖', th('>=', 100, '%')],
    ['1.1万个', th('=', 11000, '个')],
    ['≧90%', th('>=', 90, '%')],
    ['⩾90%', th('>=', 90, '%')],
    ['≦5‰', th('<=', 5, '‰')],
    ['⩽5‰', th('<=', 5, '‰')],
    ['降至5‰以下', th('<=', 5, '‰')],
    ['提高到80%', th('>=', 80, '%')],
    ['85-93', rg(85, 93, null)],
    ['逐年下降', tr('decrease')],
    ['有所提高', tr('increase')],
    ['明显下降', tr('decrease')],
    ['稳中有升', tr('increase')],
    ['实现全覆盖', th('>=', 100, '%')],
  ])('%s', (text, expected) => {
    expect(p(text)).toEqual(expected);
  });

  it('keeps the original text on every target', () => {
    expect(parseTarget(' 达到90%以上 ')).toEqual({
      kind: 'threshold',
      op: '>=',
      value: 90,
      unit: '%',
      text: '达到90%以上',
    });
    expect(parseTarget('持续提升')).toEqual({ kind: 'trend', direction: 'increase', text: '持续提升' });
  });
});

describe('parseTarget: bare numbers follow the indicator direction', () => {
  it.each([
    ['30.0', 'higher', th('>=', 30, null)],
    ['30.0', 'lower', th('<=', 30, null)],
    ['30.0', undefined, th('=', 30, null)],
    ['30.0', 'neutral', th('=', 30, null)],
    ['20所', 'higher', th('>=', 20, '所')],
    ['达到90%', 'higher', th('>=', 90, '%')],
    ['达到90%', undefined, th('>=', 90, '%')],
    ['达到8/10万', 'lower', th('<=', 8, '1/10万')],
    ['保持在100%', 'higher', th('>=', 100, '%')],
  ] as const)('%s (%s)', (text, direction, expected) => {
    expect(p(text, { direction })).toEqual(expected);
  });
});

describe('parseTarget: units', () => {
  it('takes the unit column when the text has none, normalised', () => {
    expect(p('＜8', { unit: '1/10万' })).toEqual(th('<', 8, '1/10万'));
    expect(p('＜11.56', { unit: '％' })).toEqual(th('<', 11.56, '%'));
    expect(p('＜3', { unit: '‰' })).toEqual(th('<', 3, '‰'));
    expect(p('6.56', { unit: '张', direction: 'higher' })).toEqual(th('>=', 6.56, '张'));
    expect(p('4.0', { unit: '名', direction: 'higher' })).toEqual(th('>=', 4, '人'));
    expect(p('2.6', { unit: '人/千人', direction: 'higher' })).toEqual(th('>=', 2.6, '人'));
    expect(p('10', { unit: '辆' })).toEqual(th('=', 10, null));
  });
  it('prefers the unit inside the text', () => {
    expect(p('90%以上', { unit: '‰' })).toEqual(th('>=', 90, '%'));
    expect(p('每年降低1个百分点', { unit: '%' })).toEqual(an(-1, '百分点'));
  });
  it('maps 名 → 人, 家 → 所, 日 → 天, km → 公里', () => {
    expect(p('≥2名')).toEqual(th('>=', 2, '人'));
    expect(p('建成1家')).toEqual({ kind: 'unparsed' });
    expect(p('1家')).toEqual(th('=', 1, '所'));
    expect(p('≤9日')).toEqual(th('<=', 9, '天'));
    expect(p('≤5km')).toEqual(th('<=', 5, '公里'));
    expect(p('10分钟')).toEqual(th('=', 10, '分钟'));
    expect(p('≥100元')).toEqual(th('>=', 100, '元'));
  });
});

describe('parseTarget: no value and unparsed', () => {
  it.each(['—', '-', '－', '——', '/', '', '  ', '无'])('"%s" is no value (null)', (text) => {
    expect(parseTarget(text)).toBeNull();
  });
  it.each([
    '不超过近5年的平均发病水平',
    '达到国家平均水平',
    '1:1.25',
    '≤90%以上',
    '逐步建立',
    '90%以上（城区）',
    '≥5台',
    'abc',
  ])('"%s" stays unparsed, verbatim', (text) => {
    expect(parseTarget(text)).toEqual({ kind: 'unparsed', text });
  });
});

describe('parseTarget: every target of the Lianzhou table (seed 001 annex)', () => {
  it.each([
    ['＜8', '1/10万', 'lower', th('<', 8, '1/10万')],
    ['＜3', '‰', 'lower', th('<', 3, '‰')],
    ['＜4', '‰', 'lower', th('<', 4, '‰')],
    ['＜11.56', '％', 'lower', th('<', 11.56, '%')],
    ['30.0', '％', 'higher', th('>=', 30, '%')],
    ['＜20', '％', 'lower', th('<', 20, '%')],
    ['持续提升', '‰', 'higher', tr('increase')],
    ['持续提升', '％', 'higher', tr('increase')],
    ['6.56', '张', 'higher', th('>=', 6.56, '张')],
    ['5.5', '个', 'higher', th('>=', 5.5, '个')],
    ['2.6', '人', 'higher', th('>=', 2.6, '人')],
    ['3.80', '人', 'higher', th('>=', 3.8, '人')],
    ['1.0', '人', 'higher', th('>=', 1, '人')],
    ['4.0', '人', 'higher', th('>=', 4, '人')],
    ['0.53', '人', 'higher', th('>=', 0.53, '人')],
    ['100.00', '％', 'higher', th('>=', 100, '%')],
    ['≥60.0', '％', 'higher', th('>=', 60, '%')],
    ['≥55.0', '％', 'higher', th('>=', 55, '%')],
    ['≥80.0', '％', 'higher', th('>=', 80, '%')],
  ] as const)('%s [%s]', (text, unit, direction, expected) => {
    expect(p(text, { unit, direction })).toEqual(expected);
  });
});

describe('parseTarget: target phrases of the seed plans', () => {
  it.each([
    // 000 新乡 (running text)
    ['比“十三五”末提高1岁', rel(1, '岁', 2020)],
    ['同步提高', tr('increase')],
    ['达到90%以上', th('>=', 90, '%')],
    ['控制在27%左右', ap(27, '%')],
    ['达到38.5%', th('>=', 38.5, '%')],
    ['达到20%以上', th('>=', 20, '%')],
    ['力争每年降低1个百分点左右', an(-1, '百分点')],
    ['达75%以上', th('>=', 75, '%')],
    ['保持在98%以上', th('>=', 98, '%')],
    ['保持在85%以上', th('>=', 85, '%')],
    ['控制在90%以上', th('>=', 90, '%')],
    ['稳定在65%左右', ap(65, '%')],
    ['达到20所', th('>=', 20, '所')],
    ['2-3所', rg(2, 3, '所')],
    ['达到90%以上', th('>=', 90, '%')],
    ['25%以上', th('>=', 25, '%')],
    ['力争达到20%', th('>=', 20, '%')],
    ['要达到70%', th('>=', 70, '%')],
    ['不低于55%', th('>=', 55, '%')],
    ['不低于1.5张', th('>=', 1.5, '张')],
    ['持续降低', tr('decrease')],
    // 001 连州 (running text)
    ['达到78.5岁', th('>=', 78.5, '岁')],
    ['控制在3‰及以下', th('<=', 3, '‰')],
    ['下降到8/10万及以下', th('<=', 8, '1/10万')],
    ['≥2.75人', th('>=', 2.75, '人')],
    ['≥3.87人', th('>=', 3.87, '人')],
    ['≥1.0人', th('>=', 1, '人')],
    ['达到6.56张', th('>=', 6.56, '张')],
    ['4名以上', th('>=', 4, '人')],
    ['达到90%', th('>=', 90, '%')],
    ['98%以上', th('>=', 98, '%')],
    ['力争达到30%', th('>=', 30, '%')],
    ['≥80%', th('>=', 80, '%')],
    ['达到50%以上', th('>=', 50, '%')],
    ['达5.5个', th('>=', 5.5, '个')],
    ['保持在90%以上', th('>=', 90, '%')],
    ['90%以上', th('>=', 90, '%')],
    // 002 荆门
    ['达到7.5张', th('>=', 7.5, '张')],
    ['达到3.2人', th('>=', 3.2, '人')],
    ['达到0.62人', th('>=', 0.62, '人')],
    ['达到3.93人', th('>=', 3.93, '人')],
    ['不得超过编制床位的110%', { kind: 'unparsed' }],
    ['不少于70%', th('>=', 70, '%')],
    ['不低于0.87人', th('>=', 0.87, '人')],
    ['不低于20%', th('>=', 20, '%')],
    ['≤5公里', th('<=', 5, '公里')],
    ['10─20公里', rg(10, 20, '公里')],
    ['2%—3%', rg(2, 3, '%')],
    ['1—2个', rg(1, 2, '个')],
    ['达到4.5个', th('>=', 4.5, '个')],
    ['达到1.1万个', th('>=', 11000, '个')],
    ['达到100%', th('>=', 100, '%')],
    ['达到20%以上', th('>=', 20, '%')],
    ['50%以上', th('>=', 50, '%')],
    ['不低于25%', th('>=', 25, '%')],
    ['不低于85%', th('>=', 85, '%')],
    ['达到2.5张', th('>=', 2.5, '张')],
    ['15%以上', th('>=', 15, '%')],
    ['10分钟', th('=', 10, '分钟')],
    ['30分钟', th('=', 30, '分钟')],
    // 003 贵州 and trailing punctuation
    ['到2025年达到90%以上。', th('>=', 90, '%')],
  ])('%s', (text, expected) => {
    expect(p(text)).toEqual(expected);
  });
});

describe('formatTarget', () => {
  it.each([
    ['≥60.0', '％', '≥60%', '≥ 60%'],
    ['＜8', '1/10万', '<8/10万', '< 8 per 100,000'],
    ['27%左右', null, '27%左右', 'about 27%'],
    ['10-20公里', null, '10–20公里', '10–20 km'],
    ['持续提升', null, '持续提高', 'increase'],
    ['上升趋势减缓', null, '上升趋势减缓', 'slower increase'],
    ['每年降低1个百分点左右', null, '每年降低1个百分点', '−1 percentage points per year'],
    ['比"十三五"末提高1岁', null, '比2020年提高1岁', '+1 years vs 2020'],
    ['20所', null, '20所', '20 institutions'],
    ['逐步建立', null, '逐步建立', '逐步建立'],
  ] as const)('%s', (text, unit, zh, en) => {
    const t = parseTarget(text, { unit });
    expect(formatTarget(t, 'zh')).toBe(zh);
    expect(formatTarget(t, 'en')).toBe(en);
  });
  it('formats no value as a dash', () => {
    expect(formatTarget(null, 'zh')).toBe('—');
  });
  it('round-trips: the formatted Chinese parses back to the same target', () => {
    for (const text of [
      '≥80岁',
      '≤10.5/10万',
      '27%左右',
      '2%—3%',
      '持续提升',
      '每年降低1个百分点',
      '比2020年下降10%',
    ]) {
      const t = parseTarget(text);
      const back = parseTarget(formatTarget(t, 'zh'));
      expect({ ...back, text: '' }).toEqual({ ...t, text: '' });
    }
  });
});
