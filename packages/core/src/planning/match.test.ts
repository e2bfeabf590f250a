import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.ts';
import { bestMatch, dice, lcsLength, matchIndicator, normaliseName } from './match.ts';

// shared/fixtures/plans' table, kept in the repository beside the demo loader that ships it (a clone has no shared/).
const LIANZHOU = new URL('../../../server/src/planning/fixtures/lianzhou-2021-2025.csv', import.meta.url);

// Expected catalogue code of each Lianzhou row, by 序号.
const LIANZHOU_CODES: Record<string, string> = {
  '1': 'maternal-mortality',
  '2': 'infant-mortality',
  '3': 'under5-mortality',
  '4': 'premature-ncd-mortality',
  '5': 'health-literacy',
  '6': 'smoking-rate',
  '7': 'blood-donation-rate',
  '8': 'provincial-hygienic-towns-share',
  '9': 'beds-per-1000',
  '10': 'childcare-places-per-1000',
  '11': 'doctors-per-1000',
  '12': 'nurses-per-1000',
  '13': 'public-health-staff-per-1000',
  '14': 'gps-per-10000',
  '15': 'tcm-doctors-per-1000',
  '16': 'tcm-capable-primary-coverage',
  '17': 'geriatrics-department-share',
  '18': 'elderly-care-nursing-bed-share',
  '19': 'noise-protection-wearing',
};

describe('normaliseName', () => {
  it.each([
    ['每千常住人口拥有执业（助理）医师数', '每千执业医师'],
    ['每千人口执业(助理)医师数', '每千执业医师'],
    ['省卫生城（市）镇数量占比', '省卫生城镇数量率'],
    ['二级及以上综合性医院设立老年医学科的比例', '二级以上综合医院设立老年医学科率'],
    ['0～6岁儿童健康管理率', '0-6岁儿童健康管理率'],
    ['五岁以下儿童死亡率', '5岁以下儿童死亡率'],
    ['每千常住人口拥有中医类执业（助理）医师数', '每千中医执业医师'],
    ['三级公立医院数量', '三级公立医院'],
    ['ＩＣＵ床位占比', 'icu床位率'],
  ])('%s → %s', (name, skeleton) => {
    expect(normaliseName(name)).toBe(skeleton);
  });
});

describe('similarity primitives', () => {
  it('dice and lcs', () => {
    expect(dice('abc', 'abc')).toBe(1);
    expect(dice('ab', 'cd')).toBe(0);
    expect(dice('每千床位', '每千护士')).toBeCloseTo(2 / 6);
    expect(lcsLength('每千医疗卫生机构床位', '每千床位')).toBe(4);
    expect(lcsLength('', 'x')).toBe(0);
  });
});

describe('matchIndicator: the Lianzhou table', () => {
  const rows = readFileSync(LIANZHOU, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
  it('has 19 rows', () => expect(rows).toHaveLength(19));
  it.each(rows.map((r) => [r[2] ?? '', r[1] ?? '']))('%s', (name, seq) => {
    const best = bestMatch(name);
    expect(best?.code).toBe(LIANZHOU_CODES[seq]);
    expect(best?.confidence).toBeGreaterThanOrEqual(0.8);
  });
  it('a sibling indicator is not a confident second choice', () => {
    const [first, second] = matchIndicator('每千常住人口拥有中医类执业（助理）医师数');
    expect(first?.code).toBe('tcm-doctors-per-1000');
    expect(second?.code).toBe('doctors-per-1000');
    expect(second?.confidence).toBeLessThan(0.8);
  });
});

describe('matchIndicator: every name of SYSTEM.md §4', () => {
  it.each([
    ['人均预期寿命', 'life-expectancy'],
    ['健康预期寿命', 'healthy-life-expectancy'],
    ['孕产妇死亡率', 'maternal-mortality'],
    ['婴儿死亡率', 'infant-mortality'],
    ['5岁以下儿童死亡率', 'under5-mortality'],
    ['重大慢性病过早死亡率', 'premature-ncd-mortality'],
    ['居民健康素养水平', 'health-literacy'],
    ['居民心理健康素养水平', 'mental-health-literacy'],
    ['15岁以上人群吸烟率', 'smoking-rate'],
    ['经常参加体育锻炼人数比例', 'regular-exercise'],
    ['千人口献血率', 'blood-donation-rate'],
    ['省卫生城镇数量占比', 'provincial-hygienic-towns-share'],
    ['国家卫生县城覆盖率', 'national-hygienic-county-coverage'],
    ['省级及以上卫生乡镇比例', 'provincial-hygienic-townships-share'],
    ['个人卫生支出占卫生总费用比例', 'oop-share'],
    ['每千常住人口医疗卫生机构床位数', 'beds-per-1000'],
    ['每千常住人口执业(助理)医师数', 'doctors-per-1000'],
    ['每千常住人口中医类别执业(助理)医师数', 'tcm-doctors-per-1000'],
    ['每千常住人口注册护士数', 'nurses-per-1000'],
    ['每千人口药师(士)数', 'pharmacists-per-1000'],
    ['每千常住人口公共卫生人员数', 'public-health-staff-per-1000'],
    ['每万常住人口全科医生数', 'gps-per-10000'],
    ['每千人口3岁以下婴幼儿托位数', 'childcare-places-per-1000'],
    ['医护比', 'doctor-nurse-ratio'],
    ['床护比', 'bed-nurse-ratio'],
    ['适龄儿童免疫规划疫苗接种率（以乡镇为单位）', 'immunization-coverage'],
    ['甲乙类法定传染病报告发病率', 'notifiable-disease-incidence'],
    ['严重精神障碍管理率', 'smi-management'],
    ['高血压患者基层规范管理服务率', 'hypertension-management'],
    ['2型糖尿病患者基层规范管理服务率', 'diabetes-management'],
    ['65岁及以上老年人健康管理率', 'elderly-health-management'],
    ['孕产妇系统管理率', 'maternal-system-management'],
    ['3岁以下儿童系统管理率', 'child-u3-system-management'],
    ['0–6岁儿童健康管理率', 'child-0-6-health-management'],
    ['产前筛查率', 'prenatal-screening'],
    ['新生儿遗传代谢性疾病筛查率', 'newborn-screening'],
    ['儿童青少年总体近视率', 'child-myopia'],
    ['居民电子健康档案建档率', 'ehr-coverage'],
    ['家庭医生签约率（常住人口）', 'family-doctor-signing'],
    ['重点人群家庭医生签约率', 'family-doctor-signing-key'],
    ['县域就诊率', 'county-visit-rate'],
    ['县域内住院率', 'county-inpatient-rate'],
    ['县域内基层就诊率', 'county-primary-visit-share'],
    ['三级医院平均住院日', 'tertiary-hospital-alos'],
    ['病床使用率', 'bed-occupancy'],
    ['院内感染发生率', 'nosocomial-infection'],
    ['抗菌药物使用强度', 'antibiotic-use-intensity'],
    ['二级及以上综合医院设立老年医学科比例', 'geriatrics-department-share'],
    ['养老机构护理型床位占比', 'elderly-care-nursing-bed-share'],
    ['基层中医诊疗量占比', 'primary-tcm-visit-share'],
    ['具备中医药服务能力的基层机构覆盖率', 'tcm-capable-primary-coverage'],
    ['公有产权村卫生室比例', 'public-village-clinic-share'],
    ['三级公立医院数量', 'tertiary-public-hospitals'],
    ['15分钟内可到达医疗机构住户占比', 'access-15min'],
    ['重点行业劳动者防噪音耳塞正确佩戴率', 'noise-protection-wearing'],
    ['工作场所职业病危害因素监测合格率', 'occupational-hazard-monitoring-pass'],
  ])('%s', (name, code) => {
    const best = bestMatch(name);
    expect(best?.code).toBe(code);
    expect(best?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('matchIndicator: variants not listed as aliases', () => {
  it.each([
    ['每千人拥有床位数', 'beds-per-1000'],
    ['每千人口拥有执业医师数', 'doctors-per-1000'],
    ['中医类别执业医师', 'tcm-doctors-per-1000'],
    ['高血压规范管理率', 'hypertension-management'],
    ['每万人全科医生数', 'gps-per-10000'],
    ['每千常住人口中医执业（助理）医师数', 'tcm-doctors-per-1000'],
    ['居民健康档案建档率', 'ehr-coverage'],
    ['老年人健康管理率', 'elderly-health-management'],
  ])('%s', (name, code) => {
    const best = bestMatch(name);
    expect(best?.code).toBe(code);
    expect(best?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('the long Lianzhou TCM row still ranks first without its alias', () => {
    const bare = CATALOGUE.map((d) => ({ ...d, aliases: [] }));
    const best = bestMatch('具备中医药服务能力及相应医疗康复能力的社区卫生服务机构和乡镇卫生院覆盖率', bare);
    expect(best?.code).toBe('tcm-capable-primary-coverage');
  });
});

describe('matchIndicator: unrelated names', () => {
  it.each([
    '地区生产总值',
    '森林覆盖率',
    '城镇登记失业率',
    '人均可支配收入',
    '空气质量优良天数比例',
    '学前教育毛入园率',
    '出生人口性别比',
    '人口自然增长率',
    '每万人口拥有律师数',
    '每千常住人口社会工作者数',
    '城市生活垃圾无害化处理率',
  ])('%s scores below 0.5', (name) => {
    expect(bestMatch(name)?.confidence ?? 0).toBeLessThan(0.5);
  });
  it('related but different indicators stay below a confident match', () => {
    expect(bestMatch('医疗卫生机构数')?.confidence).toBeLessThan(0.8);
    expect(bestMatch('每千人口养老床位数')?.confidence).toBeLessThan(0.8);
  });
  it('a blank name has no candidates', () => {
    expect(matchIndicator('  ')).toEqual([]);
    expect(bestMatch('')).toBeNull();
  });
  it('returns `limit` candidates sorted by confidence', () => {
    const c = matchIndicator('每千常住人口注册护士数', { limit: 3 });
    expect(c).toHaveLength(3);
    expect(c[0]?.confidence).toBeGreaterThanOrEqual(c[1]?.confidence ?? 0);
    expect(c[0]).toMatchObject({ code: 'nurses-per-1000', confidence: 1, matched: '每千常住人口注册护士数' });
  });
});
