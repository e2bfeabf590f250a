// Reads the area list handed to the generator into a county → township → village tree and decides,
// from codes and names, what each area is: districts get city hospitals, streets get community health
// centres, towns and 乡 get a township health centre, rural villages a village clinic.

import type { DemoAreaInput } from './types.ts';

export type CountyKind = 'district' | 'county' | 'city' | 'zone';
export type TownshipKind = 'street' | 'town' | 'township' | 'other';

export interface County {
  code: string;
  name: string;
  /** Short form used inside institution names (新乡高新技术产业开发区 → 新乡高新区). */
  short: string;
  kind: CountyKind;
  lng: number;
  lat: number;
  townships: Township[];
}

export interface Township {
  code: string;
  name: string;
  kind: TownshipKind;
  county: County;
  villages: Village[];
  lng: number;
  lat: number;
  /** False when the input gave no coordinates and the generator placed the township itself. */
  located: boolean;
  urbanVillages: number;
  ruralVillages: number;
}

export interface Village {
  code: string;
  /** Name without 村民委员会/居委会 suffixes: 南李庄村, 和平社区. */
  name: string;
  urban: boolean;
  township: Township;
}

/** Where institutions go when the input carries no coordinates: the middle of 新乡. */
export const DEFAULT_CENTRE = { lng: 113.9, lat: 35.3 } as const;

export function countyKind(code: string, name: string): CountyKind {
  const suffix = Number(code.slice(4, 6));
  if (/开发区|示范区|管理区|园区/.test(name) || (suffix >= 71 && suffix <= 79)) return 'zone';
  if (name.endsWith('区')) return 'district';
  if (name.endsWith('市')) return 'city';
  if (name.endsWith('县')) return 'county';
  if (suffix <= 20) return 'district';
  return suffix >= 81 ? 'city' : 'county';
}

export function townshipKind(code: string, name: string): TownshipKind {
  if (/街道(办事处)?$/.test(name)) return 'street';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  // Statistical division codes: 001–099 streets, 100–199 towns, 200–399 乡, 400+ farms, zones and the like.
  const n = Number(code.slice(6, 9));
  if (n >= 1 && n <= 99) return 'street';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 399) return 'township';
  return 'other';
}

/** Urban when the 城乡分类代码 starts with 1; without one, the code tells 居委会 (001–199) from 村委会. */
export function isUrbanVillage(code: string, urbanRural: string | null): boolean {
  if (urbanRural !== null && /^[12]/.test(urbanRural)) return urbanRural.startsWith('1');
  const n = Number(code.slice(9, 12));
  return n >= 1 && n <= 199;
}

export function shortCountyName(name: string): string {
  return name
    .replace('高新技术产业开发区', '高新区')
    .replace('经济技术开发区', '经开区')
    .replace(/^(.+?市)(.+)城乡一体化示范区$/, '$1$2示范区')
    .replace(/^新乡市(.+示范区)$/, '$1');
}

export function cleanVillageName(name: string, urban: boolean): string {
  if (/(村民委员会|村委会)$/.test(name)) return name.replace(/(村民委员会|村委会)$/, '村');
  const base = name.replace(/(居民委员会|居委会|委员会)$/, '');
  if (/(村|社区)$/.test(base)) return base;
  return base + (urban ? '社区' : '村');
}

export function buildAreaTree(areas: readonly DemoAreaInput[]): County[] {
  const counties = new Map<string, County>();
  for (const a of areas) {
    if (a.level !== 3) continue;
    const kind = countyKind(a.code, a.name);
    counties.set(a.code, {
      code: a.code,
      name: a.name,
      short: shortCountyName(a.name),
      kind,
      lng: a.lng ?? DEFAULT_CENTRE.lng,
      lat: a.lat ?? DEFAULT_CENTRE.lat,
      townships: [],
    });
  }
  const townships = new Map<string, Township>();
  for (const a of areas) {
    if (a.level !== 4) continue;
    const county = counties.get(a.parentCode) ?? counties.get(a.code.slice(0, 6));
    if (!county) continue;
    const t: Township = {
      code: a.code,
      name: a.name,
      kind: townshipKind(a.code, a.name),
      county,
      villages: [],
      lng: a.lng ?? county.lng,
      lat: a.lat ?? county.lat,
      located: a.lng !== undefined && a.lat !== undefined,
      urbanVillages: 0,
      ruralVillages: 0,
    };
    townships.set(a.code, t);
    county.townships.push(t);
  }
  for (const a of areas) {
    if (a.level !== 5) continue;
    const township = townships.get(a.parentCode) ?? townships.get(a.code.slice(0, 9));
    if (!township) continue;
    const urban = isUrbanVillage(a.code, a.urbanRural);
    township.villages.push({ code: a.code, name: cleanVillageName(a.name, urban), urban, township });
    if (urban) township.urbanVillages++;
    else township.ruralVillages++;
  }
  // Input order may vary with the source; code order keeps the output stable.
  const list = [...counties.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const c of list) {
    c.townships.sort((a, b) => a.code.localeCompare(b.code));
    for (const t of c.townships) t.villages.sort((a, b) => a.code.localeCompare(b.code));
  }
  return list;
}
