// A stand-in for 新乡's division list with the real county codes, names and seats but invented
// townships and villages (same counts and code structure as the statistical division codes). For tests
// and benchmarks that must not depend on the area data package.

import type { DemoAreaInput } from './types.ts';

interface CountySpec {
  code: string;
  name: string;
  lng?: number;
  lat?: number;
  streets: number;
  towns: number;
  xiang: number;
  /** Villages per town or 乡, communities per street. */
  villages: number;
  communities: number;
}

const COUNTIES: CountySpec[] = [
  {
    code: '410702',
    name: '红旗区',
    lng: 113.875,
    lat: 35.303,
    streets: 8,
    towns: 2,
    xiang: 0,
    villages: 18,
    communities: 9,
  },
  {
    code: '410703',
    name: '卫滨区',
    lng: 113.866,
    lat: 35.302,
    streets: 7,
    towns: 1,
    xiang: 0,
    villages: 16,
    communities: 8,
  },
  {
    code: '410704',
    name: '凤泉区',
    lng: 113.906,
    lat: 35.384,
    streets: 3,
    towns: 2,
    xiang: 0,
    villages: 24,
    communities: 6,
  },
  {
    code: '410711',
    name: '牧野区',
    lng: 113.909,
    lat: 35.315,
    streets: 9,
    towns: 2,
    xiang: 0,
    villages: 18,
    communities: 8,
  },
  {
    code: '410721',
    name: '新乡县',
    lng: 113.806,
    lat: 35.191,
    streets: 0,
    towns: 7,
    xiang: 1,
    villages: 30,
    communities: 0,
  },
  {
    code: '410724',
    name: '获嘉县',
    lng: 113.657,
    lat: 35.26,
    streets: 1,
    towns: 9,
    xiang: 2,
    villages: 22,
    communities: 6,
  },
  {
    code: '410725',
    name: '原阳县',
    lng: 113.94,
    lat: 35.065,
    streets: 2,
    towns: 8,
    xiang: 5,
    villages: 31,
    communities: 6,
  },
  {
    code: '410726',
    name: '延津县',
    lng: 114.205,
    lat: 35.141,
    streets: 1,
    towns: 8,
    xiang: 5,
    villages: 28,
    communities: 5,
  },
  {
    code: '410727',
    name: '封丘县',
    lng: 114.419,
    lat: 35.041,
    streets: 2,
    towns: 10,
    xiang: 8,
    villages: 28,
    communities: 6,
  },
  {
    code: '410781',
    name: '卫辉市',
    lng: 114.065,
    lat: 35.398,
    streets: 4,
    towns: 7,
    xiang: 3,
    villages: 28,
    communities: 6,
  },
  {
    code: '410782',
    name: '辉县市',
    lng: 113.805,
    lat: 35.462,
    streets: 5,
    towns: 14,
    xiang: 3,
    villages: 29,
    communities: 6,
  },
  {
    code: '410783',
    name: '长垣市',
    lng: 114.668,
    lat: 35.201,
    streets: 5,
    towns: 11,
    xiang: 3,
    villages: 30,
    communities: 6,
  },
  { code: '410771', name: '新乡高新技术产业开发区', streets: 2, towns: 1, xiang: 0, villages: 18, communities: 10 },
  { code: '410772', name: '新乡经济技术开发区', streets: 1, towns: 2, xiang: 0, villages: 20, communities: 8 },
  { code: '410773', name: '新乡市平原城乡一体化示范区', streets: 1, towns: 3, xiang: 2, villages: 24, communities: 6 },
];

const FIRST = '东西南北大小前后上中下新老马王李张刘陈杨赵黄周吴高林何郭罗梁宋胡孟冀占沙薄峪';
const SECOND = [
  '庄',
  '屯',
  '营',
  '寨',
  '桥',
  '店',
  '集',
  '河',
  '岗',
  '湾',
  '堤',
  '楼',
  '固',
  '城',
  '坡',
  '口',
  '洼',
  '铺',
  '园',
  '寺',
  '头',
  '湖',
  '村',
  '堡',
  '井',
];

/** Invented but plausible place names, unique within one county. */
function placeNames(count: number, salt: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let i = salt;
  while (out.length < count) {
    const a = FIRST[i % FIRST.length]!;
    const b = FIRST[Math.floor(i / FIRST.length) % FIRST.length]!;
    const c = SECOND[(i * 7) % SECOND.length]!;
    const name = out.length % 3 === 0 ? `${a}${c}` : `${a}${b}${c}`;
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
    i += 37;
  }
  return out;
}

export function syntheticXinxiangAreas(): DemoAreaInput[] {
  const out: DemoAreaInput[] = [];
  COUNTIES.forEach((c, ci) => {
    const county: DemoAreaInput = { code: c.code, name: c.name, level: 3, parentCode: '410700', urbanRural: null };
    if (c.lng !== undefined && c.lat !== undefined) {
      county.lng = c.lng;
      county.lat = c.lat;
    }
    out.push(county);
    const townshipCount = c.streets + c.towns + c.xiang;
    const names = placeNames(townshipCount, ci * 101);
    const villageNames = placeNames(townshipCount * Math.max(c.villages, c.communities) + 40, ci * 211 + 5);
    let vn = 0;
    let n = 0;
    const addTownship = (serial: number, suffix: string, communities: number, villages: number) => {
      const code = `${c.code}${String(serial).padStart(3, '0')}`;
      out.push({ code, name: `${names[n++]}${suffix}`, level: 4, parentCode: c.code, urbanRural: null });
      for (let k = 1; k <= communities; k++) {
        out.push({
          code: `${code}${String(k).padStart(3, '0')}`,
          name: `${villageNames[vn++]}社区居委会`,
          level: 5,
          parentCode: code,
          urbanRural: suffix === '街道' ? '111' : '121',
        });
      }
      for (let k = 0; k < villages; k++) {
        out.push({
          code: `${code}${String(200 + k).padStart(3, '0')}`,
          name: `${villageNames[vn++]}村委会`,
          level: 5,
          parentCode: code,
          urbanRural: '220',
        });
      }
    };
    for (let s = 1; s <= c.streets; s++)
      addTownship(s, '街道', c.communities, s === 1 ? 0 : Math.floor(c.villages / 4));
    for (let t = 0; t < c.towns; t++) addTownship(100 + t, '镇', 1, c.villages + ((t * 5) % 7) - 2);
    for (let x = 0; x < c.xiang; x++) addTownship(200 + x, '乡', 0, c.villages - 3 + ((x * 3) % 5));
  });
  return out;
}
