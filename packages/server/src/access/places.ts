// Where the people and the institutions of a city are, from the registry: every village (the demand points,
// weighted by households), township and county seat, with a position and residents. Positions: the area's own
// coordinates; else the mean position of the institutions registered in it (a village clinic stands in its
// village); else, for townships, the registry's township centroid; else a deterministic spot near the parent
// (core syntheticVillagePosition / syntheticTownshipPosition), so the network generator, the demand points and
// the map agree. Residents: a village's own recorded figure, else its township's shared equally among its
// villages (the registry records population per township). Households = residents ÷ HOUSEHOLD_SIZE. Where the
// villages of a city are not loaded, each township is one demand point at its centroid with its residents.
import { type SyntheticCounty, syntheticTownshipPosition, syntheticVillagePosition } from '@weijian/core/access';
import type { AreaTree } from '@weijian/core/registry';
import type { AreaRecord, InstitutionDirectory, LocatedInstitution } from '../registry/index.ts';

/**
 * Persons per household: the 2020 census's average family-household size for China (第七次全国人口普查,
 * 2.62). A village whose households are recorded would use them; the registry records residents only.
 */
export const HOUSEHOLD_SIZE = 2.62;

export interface VillagePlace {
  code: string;
  name: string;
  townshipCode: string;
  countyCode: string;
  lng: number;
  lat: number;
  urban: boolean;
  residents: number;
  households: number;
  /** The residents are the village's own recorded figure (not a share of its township's). */
  recorded: boolean;
}

export interface AreaPlace {
  code: string;
  name: string;
  level: number;
  lng: number;
  lat: number;
}

export interface CityPlaces {
  city: string;
  year: number;
  counties: (AreaPlace & { district: boolean })[];
  townships: (AreaPlace & { countyCode: string; urban: boolean })[];
  villages: VillagePlace[];
  /** Located institutions open at the end of the year. */
  institutions: LocatedInstitution[];
}

const DEFAULT_CENTRE = { lng: 113.9, lat: 35.3 };

const mean = (pts: readonly { lng: number; lat: number }[]) =>
  pts.length
    ? { lng: pts.reduce((s, p) => s + p.lng, 0) / pts.length, lat: pts.reduce((s, p) => s + p.lat, 0) / pts.length }
    : null;

const isDistrict = (name: string) => /区$/.test(name);
const isStreet = (name: string) => /(街道|办事处)$/.test(name);
/** Urban when the 城乡分类代码 starts with 1; without one, 居委会 codes 001–199. */
const isUrbanVillage = (a: AreaRecord) =>
  a.urbanRural ? a.urbanRural.startsWith('1') : Number(a.code.slice(9, 12)) >= 1 && Number(a.code.slice(9, 12)) <= 199;

export async function cityPlaces(
  tree: AreaTree,
  directory: InstitutionDirectory,
  city: string,
  year: number,
): Promise<CityPlaces> {
  const [institutions, residents] = await Promise.all([
    directory.located(city, year),
    directory.localResidents(city, year),
  ]);
  const byArea = new Map<string, LocatedInstitution[]>();
  for (const i of institutions) {
    for (const key of [i.areaCode, i.areaCode.slice(0, 9)]) {
      const list = byArea.get(key) ?? [];
      list.push(i);
      byArea.set(key, list);
    }
  }
  const own = (a: AreaRecord) => (a.lng !== null && a.lat !== null ? { lng: a.lng, lat: a.lat } : null);
  const out: CityPlaces = { city, year, counties: [], townships: [], villages: [], institutions };
  for (const county of tree.childrenIn(city, year) as AreaRecord[]) {
    const townshipNodes = tree.childrenIn(county.code, year) as AreaRecord[];
    const seat =
      own(county) ??
      mean((byArea.get(county.code) ?? []).filter((i) => i.areaCode === county.code)) ??
      mean(townshipNodes.map((t) => own(t) ?? mean(byArea.get(t.code) ?? [])).filter((p) => p !== null)) ??
      DEFAULT_CENTRE;
    const district = isDistrict(county.name);
    out.counties.push({ code: county.code, name: county.name, level: 3, ...seat, district });
    for (const t of townshipNodes) {
      const at = own(t) ?? mean(byArea.get(t.code) ?? []) ?? syntheticTownshipPosition(t.code, seat, district);
      const urban = isStreet(t.name);
      out.townships.push({ code: t.code, name: t.name, level: 4, ...at, countyCode: county.code, urban });
      // Villages not loaded (`weijian areas load`): the township itself is the one demand point, at its centroid.
      const children = tree.childrenIn(t.code, year) as AreaRecord[];
      const villageNodes = children.length ? children : [{ ...t, lng: at.lng, lat: at.lat }];
      const unrecorded = villageNodes.filter((v) => !residents.has(v.code)).length;
      const recordedSum = villageNodes.reduce((s, v) => s + (residents.get(v.code) ?? 0), 0);
      const share = unrecorded ? Math.max(0, (residents.get(t.code) ?? 0) - recordedSum) / unrecorded : 0;
      for (const v of villageNodes) {
        const vUrban = isUrbanVillage(v);
        const vAt =
          own(v) ??
          mean((byArea.get(v.code) ?? []).filter((i) => i.areaCode === v.code)) ??
          syntheticVillagePosition(v.code, at, vUrban);
        const recorded = residents.has(v.code);
        const r = recorded ? residents.get(v.code)! : v.code === t.code ? 0 : share;
        out.villages.push({
          code: v.code,
          name: v.name,
          townshipCode: t.code,
          countyCode: county.code,
          ...vAt,
          urban: vUrban,
          residents: r,
          households: r / HOUSEHOLD_SIZE,
          recorded,
        });
      }
    }
  }
  return out;
}

/** The places as the synthetic network generator takes them. */
export function syntheticInput(p: CityPlaces): SyntheticCounty[] {
  return p.counties.map((c) => ({
    code: c.code,
    seat: { lng: c.lng, lat: c.lat },
    district: c.district,
    townships: p.townships
      .filter((t) => t.countyCode === c.code)
      .map((t) => ({
        code: t.code,
        at: { lng: t.lng, lat: t.lat },
        urban: t.urban,
        villages: p.villages
          .filter((v) => v.townshipCode === t.code)
          .map((v) => ({ code: v.code, at: { lng: v.lng, lat: v.lat }, urban: v.urban })),
      })),
  }));
}
