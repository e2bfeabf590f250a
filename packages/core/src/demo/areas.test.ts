import { describe, expect, it } from 'vitest';
import { buildAreaTree, cleanVillageName, countyKind, isUrbanVillage, shortCountyName, townshipKind } from './areas.ts';
import { syntheticXinxiangAreas } from './synthetic-areas.ts';

describe('area classification', () => {
  it('tells districts, counties, county-level cities and functional zones apart', () => {
    expect(countyKind('410702', '红旗区')).toBe('district');
    expect(countyKind('410721', '新乡县')).toBe('county');
    expect(countyKind('410782', '辉县市')).toBe('city');
    expect(countyKind('410771', '新乡高新技术产业开发区')).toBe('zone');
    expect(countyKind('410773', '新乡市平原城乡一体化示范区')).toBe('zone');
  });

  it('reads township kinds from names, else from the code', () => {
    expect(townshipKind('410702001', '渠东街道')).toBe('street');
    expect(townshipKind('410782101', '孟庄镇')).toBe('town');
    expect(townshipKind('410782201', '沙窑乡')).toBe('township');
    expect(townshipKind('410782002', '某某办事处')).toBe('street');
    expect(townshipKind('410782400', '某某农场')).toBe('other');
  });

  it('reads urban and rural villages', () => {
    expect(isUrbanVillage('410782101001', '111')).toBe(true);
    expect(isUrbanVillage('410782101201', '220')).toBe(false);
    expect(isUrbanVillage('410782101003', null)).toBe(true);
    expect(isUrbanVillage('410782101203', null)).toBe(false);
  });

  it('shortens names for use inside institution names', () => {
    expect(shortCountyName('新乡高新技术产业开发区')).toBe('新乡高新区');
    expect(shortCountyName('新乡市平原城乡一体化示范区')).toBe('平原示范区');
    expect(shortCountyName('辉县市')).toBe('辉县市');
    expect(cleanVillageName('南李庄村委会', false)).toBe('南李庄村');
    expect(cleanVillageName('和平社区居委会', true)).toBe('和平社区');
    expect(cleanVillageName('东关居民委员会', true)).toBe('东关社区');
  });

  it('builds the synthetic 新乡 tree with the expected counts', () => {
    const counties = buildAreaTree(syntheticXinxiangAreas());
    expect(counties).toHaveLength(15);
    const townships = counties.flatMap((c) => c.townships);
    expect(townships.length).toBeGreaterThanOrEqual(165);
    expect(townships.length).toBeLessThanOrEqual(175);
    const villages = townships.flatMap((t) => t.villages);
    expect(villages.length).toBeGreaterThanOrEqual(3800);
    expect(villages.length).toBeLessThanOrEqual(4000);
  });
});
