// Coverage and 2SFCA after institution edits (issue 17: < 1 s after a facility edit): the snaps of villages and
// institutions and each village's institutions within the catchment are kept across registry edits
// (access/point-cache.ts). The answers must still follow every edit — a new clinic covers the township it
// stands in, a report's doctors change the ratios — while only the new institution is snapped and searched.
// The network: one road along latitude 35.40 in 辉县市 at 60 km/h; three townships on it (placed by a CDC
// centre E1 each, outside the medical categories) at 0, 9.06 and 18.13 minutes from a hospital at the west end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessServices } from '../src/access/services.ts';
import { createInstitution, multipart } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const LAT = 35.4;
const road = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { speed_kmh: 60 },
      geometry: {
        type: 'LineString',
        coordinates: [
          [113.7, LAT],
          [113.8, LAT],
          [113.9, LAT],
        ],
      },
    },
  ],
};

describe.each(ENGINES)('access after institution edits on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let T: string[] = [];
  let hospital = 0;
  let reportVersion = 0;
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    T = (
      await t.ctx.db.query<{ code: string }>(
        `select code from areas where parent_code = '410782' and valid_to is null order by code limit 3`,
      )
    ).rows.map((r) => r.code);
    hospital = await createInstitution(t, admin, '辉县市测试医院', T[0]!, { lng: 113.7, lat: LAT });
    for (const [i, lng] of [113.7, 113.8, 113.9].entries()) {
      await createInstitution(t, admin, `测试急救站${i}`, T[i]!, { category: 'E1', lng, lat: LAT });
    }
    for (const [i, resident] of [1310, 2620, 5240].entries()) {
      const r = await t.call(admin, 'PUT', `/api/v1/areas/${T[i]}/population/${year}`, { resident });
      expect(r.statusCode, r.body).toBe(200);
    }
    const r = await t.call(admin, 'PUT', `/api/v1/institutions/${hospital}/resources/${year}`, { doctors: 10 });
    expect(r.statusCode, r.body).toBe(200);
    reportVersion = r.json().version;
    const m = multipart('roads.geojson', Buffer.from(JSON.stringify(road)));
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/access/networks?city=4107',
      headers: { ...m.headers, cookie: admin },
      payload: m.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
  });

  afterAll(() => t?.close());

  const stats = () => ({ ...(t.ctx.services.access as AccessServices).analysis.cacheStats });
  const coverage = async () => {
    const r = await t.call(admin, 'GET', '/api/v1/access/coverage?area=410782&minutes=15');
    expect(r.statusCode, r.body).toBe(200);
    return new Map(r.json().children.map((c: { code: string; share: number }) => [c.code, c.share]));
  };
  const fca = async () => {
    const r = await t.call(admin, 'GET', '/api/v1/access/fca?area=410782&resource=doctors&minutes=15&level=township');
    expect(r.statusCode, r.body).toBe(200);
    return new Map(r.json().items.map((x: { code: string; per1000: number }) => [x.code, x.per1000]));
  };

  it('a new clinic covers its township and adds its doctors; only the clinic is snapped and searched', async () => {
    expect((await coverage()).get(T[2]!)).toBe(0);
    const f0 = await fca();
    expect(f0.get(T[0]!)).toBeCloseTo((10 / 3930) * 1000, 3);
    expect(f0.get(T[2]!)).toBe(0);
    const before = stats();

    // A clinic (D) in the uncovered township, at its seat; 5 doctors.
    const clinic = await createInstitution(t, admin, '测试村卫生室', T[2]!, {
      category: 'D4',
      ownership: 'government',
      lng: 113.9,
      lat: LAT,
    });
    const r = await t.call(admin, 'PUT', `/api/v1/institutions/${clinic}/resources/${year}`, { doctors: 5 });
    expect(r.statusCode, r.body).toBe(200);

    const c = await coverage();
    expect(c.get(T[2]!)).toBe(1);
    expect(c.get(T[0]!)).toBe(1);
    const f1 = await fca();
    // Hospital: 10 / (1,310 + 2,620); clinic (T1 is 9.06 min from it): 5 / (2,620 + 5,240).
    expect(f1.get(T[0]!)).toBeCloseTo((10 / 3930) * 1000, 3);
    expect(f1.get(T[1]!)).toBeCloseTo((10 / 3930 + 5 / 7860) * 1000, 3);
    expect(f1.get(T[2]!)).toBeCloseTo((5 / 7860) * 1000, 3);

    const after = stats();
    // The villages (here: the three township seats) were not snapped again, nor their catchment rows searched;
    // the clinic was snapped once (cached for the 2SFCA) and searched as one new column.
    expect(after.snapped - before.snapped).toBe(1);
    expect(after.snapReused - before.snapReused).toBeGreaterThanOrEqual(3 * 2);
    expect(after.rowsComputed - before.rowsComputed).toBe(0);
    expect(after.columnsComputed - before.columnsComputed).toBe(1);
  });

  it('a report edit changes the ratios without any search; a moved institution and village are searched again', async () => {
    const before = stats();
    const r = await t.call(admin, 'PUT', `/api/v1/institutions/${hospital}/resources/${year}`, {
      doctors: 20,
      version: reportVersion,
    });
    expect(r.statusCode, r.body).toBe(200);
    const f = await fca();
    expect(f.get(T[0]!)).toBeCloseTo((20 / 3930) * 1000, 3);
    const mid = stats();
    expect(mid.snapped - before.snapped).toBe(0);
    expect(mid.columnsComputed - before.columnsComputed).toBe(0);

    // The hospital moves to the east end. Its township's seat is the mean of its institutions (hospital and
    // CDC centre), so T0 moves too, to 113.80: both are snapped again, the hospital searched as a new column
    // and T0 as a new row. Every township is now within 9.06 minutes of the east end (hospital and clinic).
    const at = async () =>
      new Map(
        (await t.call(admin, 'GET', '/api/v1/access/nearest?area=4107'))
          .json()
          .items.map((v: { code: string; lng: number; lat: number }) => [v.code, `${v.lng},${v.lat}`]),
      );
    const seatsBefore = await at();
    const inst = (await t.call(admin, 'GET', `/api/v1/institutions/${hospital}`)).json();
    const moved = await t.call(admin, 'PUT', `/api/v1/institutions/${hospital}`, {
      ...pick(inst),
      lng: 113.9,
      lat: LAT,
      version: inst.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const c = await coverage();
    expect(T.map((code) => c.get(code))).toEqual([1, 1, 1]);
    const f2 = await fca();
    for (const code of T) expect(f2.get(code)).toBeCloseTo((25 / 9170) * 1000, 3);
    const after = stats();
    // The county's seat is placed from its townships' (T0's moved), and the townships without a position of
    // their own around the seat: those moved too. Exactly the moved points are snapped and searched again.
    const seatsAfter = await at();
    const movedSeats = [...seatsAfter].filter(([code, p]) => seatsBefore.get(code) !== p).map(([code]) => code);
    expect(movedSeats).toContain(T[0]);
    expect(movedSeats.length).toBeLessThan(seatsAfter.size);
    expect(after.snapped - mid.snapped).toBe(movedSeats.length + 1);
    expect(after.columnsComputed - mid.columnsComputed).toBe(1);
    expect(after.rowsComputed - mid.rowsComputed).toBe(movedSeats.length);
  });
});

/** The editable fields of an institution as read back (the update body). */
function pick(i: Record<string, unknown>) {
  const keys = ['name', 'category', 'gradeLevel', 'gradeClass', 'ownership', 'forProfit', 'areaCode', 'networkId'];
  return Object.fromEntries(keys.filter((k) => k in i).map((k) => [k, i[k]]));
}
