// The spatial resource standards (SYSTEM.md §5) the access context checks for planning's standards module
// (the standards naming `module: 'access'`): households within 15 minutes of a medical institution, the
// community health centre's 15-minute circle per street, the emergency circles (10 minutes in districts, 30 in
// counties) and the emergency service radius (household-weighted straight-line distance, ≤ 5 km urban,
// ≤ 20 km rural). Results per place, so the check lists the counties, townships and streets that fail.
import { haversineM } from '@weijian/core/access';
import type { StandardCheckProvider, StandardCheckResult } from '../platform/module.ts';
import type { AnalysisService, NearestTable } from './analysis-service.ts';
import { cityOf } from './networks-service.ts';
import type { VillagePlace } from './places.ts';

/** Emergency facilities: 急救中心（站） and hospitals (whose emergency departments take 120 calls in most counties). */
export const EMERGENCY_CATEGORIES = ['E', 'A'];
export const CHC_CATEGORIES = ['B'];

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

interface Place {
  code: string;
  name: string;
  countyCode: string | null;
  villages: number[];
}

const noData = (p: Place, required: number): StandardCheckResult => ({
  areaCode: p.code,
  name: p.name,
  countyCode: p.countyCode,
  status: 'no-data',
  actual: null,
  required,
  gap: null,
  gapText: null,
});

// Villages of a table bucketed by code prefix (per prefix length): each place's villages are then a lookup, not
// a scan of the city's ~3,600 villages per township (which cost ~100 ms a check on the demo city).
const villageBuckets = new WeakMap<NearestTable['places'], Map<number, Map<string, number[]>>>();
function villageIndex(t: NearestTable, length: number): Map<string, number[]> {
  let byLength = villageBuckets.get(t.places);
  if (!byLength) {
    byLength = new Map();
    villageBuckets.set(t.places, byLength);
  }
  let index = byLength.get(length);
  if (!index) {
    index = new Map();
    t.places.villages.forEach((v, i) => {
      const k = v.code.slice(0, length);
      const list = index!.get(k);
      if (list) list.push(i);
      else index!.set(k, [i]);
    });
    byLength.set(length, index);
  }
  return index;
}

// Straight-line metres from each village to its nearest facility of a table, computed once per table.
const straightLines = new WeakMap<NearestTable, Float64Array>();
function straightLine(t: NearestTable): Float64Array {
  let out = straightLines.get(t);
  if (!out) {
    out = new Float64Array(t.places.villages.length);
    t.places.villages.forEach((v, i) => {
      let best = Number.POSITIVE_INFINITY;
      for (const f of t.facilities) best = Math.min(best, haversineM(v, f));
      out![i] = best;
    });
    straightLines.set(t, out);
  }
  return out;
}

export function accessStandardChecks(analysis: AnalysisService): StandardCheckProvider[] {
  return [
    {
      module: 'access',
      async check(code, root, year, paramsOf) {
        if (!(await analysis.networks.loaded(root))) return null;
        const tree = await analysis.areas.tree();
        const node = tree.get(root);
        if (!node || root.length < 4) return null;
        const city = cityOf(root);
        const table = (categories?: string[]) => analysis.nearestTable(city, { categories }, year);
        const villagesOf = (t: NearestTable, prefix: string) => villageIndex(t, prefix.length).get(prefix) ?? [];
        const counties = (t: NearestTable): Place[] => {
          const list = node.level <= 2 ? t.places.counties.filter((c) => c.code.startsWith(root)) : [];
          const own = { code: root, name: node.name, countyCode: node.level === 3 ? root : null };
          return [own, ...list.map((c) => ({ code: c.code, name: c.name, countyCode: c.code }))].map((p) => ({
            ...p,
            villages: villagesOf(t, p.code),
          }));
        };
        const shareCheck = (t: NearestTable, p: Place, minutes: number, min: number): StandardCheckResult => {
          let total = 0;
          let covered = 0;
          for (const i of p.villages) {
            const v: VillagePlace = t.places.villages[i]!;
            total += v.households;
            const m = t.minutes[i];
            if (m !== null && m !== undefined && m <= minutes) covered += v.households;
          }
          if (total <= 0) return noData(p, min);
          const share = (covered / total) * 100;
          const gap = Math.max(0, Math.ceil((min / 100) * total - covered));
          return {
            areaCode: p.code,
            name: p.name,
            countyCode: p.countyCode,
            status: share >= min ? 'ok' : 'violated',
            actual: round(share),
            required: min,
            gap: share >= min ? 0 : gap,
            gapText:
              share >= min
                ? null
                : {
                    zh: `缺 ${gap} 户（${minutes}分钟内可到达）`,
                    en: `${gap} households short (within ${minutes} minutes)`,
                  },
          };
        };
        if (code === 'households-within-15-minutes') {
          const t = await table();
          const out = counties(t).map((p) => shareCheck(t, p, 15, paramsOf(p.code).min ?? 90));
          // The townships that pull their county down are places that fail too.
          for (const tw of t.places.townships) {
            if (!tw.code.startsWith(root) || tw.code === root) continue;
            const p = { code: tw.code, name: tw.name, countyCode: tw.countyCode, villages: villagesOf(t, tw.code) };
            const r = shareCheck(t, p, 15, paramsOf(tw.code).min ?? 90);
            if (r.status === 'violated') out.push(r);
          }
          return out;
        }
        if (code === 'chc-15-minute-circle') {
          const t = await table(CHC_CATEGORIES);
          return t.places.townships
            .filter((tw) => tw.urban && tw.code.startsWith(root.length > 9 ? root.slice(0, 9) : root))
            .map((tw) => {
              const params = paramsOf(tw.code);
              const p = { code: tw.code, name: tw.name, countyCode: tw.countyCode, villages: villagesOf(t, tw.code) };
              return shareCheck(t, p, params.minutes ?? 15, params.min ?? 90);
            });
        }
        if (code === 'emergency-circle') {
          const t = await table(EMERGENCY_CATEGORIES);
          return counties(t)
            .filter((p) => p.countyCode)
            .map((p) => {
              const params = paramsOf(p.code);
              const district = t.places.counties.find((c) => c.code === p.code)?.district ?? false;
              const minutes = district ? (params.urbanMinutes ?? 10) : (params.countyMinutes ?? 30);
              return shareCheck(t, p, minutes, params.min ?? 90);
            });
        }
        if (code === 'emergency-service-radius') {
          const t = await table(EMERGENCY_CATEGORIES);
          return counties(t)
            .filter((p) => p.countyCode)
            .map((p): StandardCheckResult => {
              const params = paramsOf(p.code);
              const district = t.places.counties.find((c) => c.code === p.code)?.district ?? false;
              const limit = district ? (params.urbanKm ?? 5) : (params.ruralMaxKm ?? 20);
              let weight = 0;
              let sum = 0;
              for (const i of p.villages) {
                const v = t.places.villages[i]!;
                const best = straightLine(t)[i]!;
                if (!Number.isFinite(best) || v.households <= 0) continue;
                weight += v.households;
                sum += v.households * best;
              }
              if (weight <= 0) return noData(p, limit);
              const km = sum / weight / 1000;
              const ok = km <= limit;
              return {
                areaCode: p.code,
                name: p.name,
                countyCode: p.countyCode,
                status: ok ? 'ok' : 'violated',
                actual: round(km, 2),
                required: limit,
                gap: ok ? 0 : round(km - limit, 2),
                gapText: ok
                  ? null
                  : {
                      zh: `超出 ${round(km - limit, 1)} 公里（平均服务半径，${district ? '城市' : '农村'}标准 ${limit} 公里）`,
                      en: `${round(km - limit, 1)} km too far (mean service radius; ${district ? 'urban' : 'rural'} limit ${limit} km)`,
                    },
              };
            });
        }
        return null;
      },
    },
  ];
}
