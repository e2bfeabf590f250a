// The access context through the API on a tiny hand-made network with known answers: a GeoJSON road along
// latitude 35.40 in 辉县市 at 60 km/h, a hospital at its west end, three townships placed on it (by a CDC
// emergency centre E1 each: outside the medical categories A–D, so it only positions its township) at 0, 9.06 and 18.13 minutes.
// Import (good and bad files, all-or-nothing), coverage and uncovered villages, travel times, the network's
// GeoJSON, scope denials, and the plan indicator access-15min computed from the network.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, createUsers, multipart, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const LAT = 35.4;
/** Minutes at 60 km/h along the parallel 35.40° between longitudes (haversine, mean Earth radius). */
const minutesBetween = (lng1: number, lng2: number) => {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const s = Math.cos(LAT * rad) ** 2 * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return ((2 * R * Math.asin(Math.sqrt(s))) / 1000) * 1; // km at 60 km/h = minutes
};

const road = (coords: [number, number][], props: Record<string, unknown> = { speed_kmh: 60 }) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'LineString', coordinates: coords },
});

const network = () =>
  Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        road([
          [113.7, LAT],
          [113.75, LAT],
          [113.8, LAT],
        ]),
        road([
          [113.8, LAT],
          [113.85, LAT],
          [113.9, LAT],
        ]),
      ],
    }),
  );

/** A minimal .osm.pbf: a header block and one data block with plain nodes and ways (the parser's own protobuf writers). */
async function osmPbf(
  nodes: [number, number, number][],
  ways: { id: number; refs: number[]; tags: Record<string, string> }[],
) {
  const fileformat: string = 'osm-pbf-parser-node/proto/fileformat.js';
  const osmformat: string = 'osm-pbf-parser-node/proto/osmformat.js';
  // biome-ignore lint/suspicious/noExplicitAny: the proto modules are untyped JavaScript
  const ff: any = await import(fileformat);
  // biome-ignore lint/suspicious/noExplicitAny: the proto modules are untyped JavaScript
  const of: any = await import(osmformat);
  const pbfModule: string = 'pbf';
  // biome-ignore lint/suspicious/noExplicitAny: pbf ships no types
  const Pbf: any = (await import(pbfModule)).default;
  const encode = (write: (o: unknown, p: unknown) => void, obj: unknown) => {
    const pbf = new Pbf();
    write(obj, pbf);
    return Buffer.from(pbf.finish());
  };
  const blob = (type: string, raw: Buffer) => {
    const body = encode(ff.Blob.write, { raw_size: raw.length, zlib_data: deflateSync(raw) });
    const header = encode(ff.BlobHeader.write, { type, datasize: body.length });
    const len = Buffer.alloc(4);
    len.writeUInt32BE(header.length);
    return Buffer.concat([len, header, body]);
  };
  const strings = [''];
  const sid = (v: string) => (strings.includes(v) ? strings.indexOf(v) : strings.push(v) - 1);
  const wayMsgs = ways.map((w) => {
    const keys = Object.keys(w.tags).map(sid);
    const vals = Object.values(w.tags).map(sid);
    const refs = w.refs.map((r, i) => r - (i ? w.refs[i - 1]! : 0));
    return { id: w.id, keys, vals, refs };
  });
  const block = {
    stringtable: { s: strings.map((x) => Buffer.from(x)) },
    primitivegroup: [
      { nodes: nodes.map(([id, lon, lat]) => ({ id, lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7) })) },
      { ways: wayMsgs },
    ],
    granularity: 100,
  };
  return Buffer.concat([
    blob('OSMHeader', encode(of.HeaderBlock.write, { required_features: ['OsmSchema-V0.6'] })),
    blob('OSMData', encode(of.PrimitiveBlock.write, block)),
  ]);
}

describe.each(ENGINES)('access on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let cityUser: string;
  let countyUser: string;
  let otherCounty: string;
  let viewer: string;
  let T: string[] = [];
  let hospital = 0;

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
      const r = await t.call(admin, 'PUT', `/api/v1/areas/${T[i]}/population/2024`, { resident });
      expect(r.statusCode, r.body).toBe(200);
    }
    await createUsers(t, admin, [
      { username: 'xx-city', displayName: '新乡', role: 'city', scopeAreaCode: '4107' },
      { username: 'hx-county', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-county', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
      { username: 'xx-view', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
    ]);
    cityUser = await t.login('xx-city', STRONG);
    countyUser = await t.login('hx-county', STRONG);
    otherCounty = await t.login('cy-county', STRONG);
    viewer = await t.login('xx-view', STRONG);
  });

  afterAll(() => t?.close());

  const upload = (cookie: string, filename: string, body: Buffer, query = 'city=4107') => {
    const m = multipart(filename, body);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/access/networks?${query}`,
      headers: { ...m.headers, cookie },
      payload: m.payload,
    });
  };

  it('imports a GeoJSON network; bad files and callers without the right change nothing', async () => {
    // Coverage before any network: a 422 naming the missing network.
    const none = await t.call(countyUser, 'GET', '/api/v1/access/coverage?area=410782');
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details[0].message).toContain('尚无路网');

    expect((await upload(countyUser, 'roads.geojson', network())).statusCode).toBe(403);
    expect((await upload(viewer, 'roads.geojson', network())).statusCode).toBe(403);
    const bad = await upload(
      cityUser,
      'bad.geojson',
      Buffer.from(
        JSON.stringify({ type: 'FeatureCollection', features: [road([[113.7, LAT]], { speed_kmh: 'fast' })] }),
      ),
    );
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'features[0].properties.speed_kmh', row: 1 });
    const notXml = await upload(cityUser, 'roads.osm', Buffer.from('<osm><node id="1" lat="35" lon="113"'));
    expect(notXml.statusCode, notXml.body).toBe(422);
    expect((await t.call(cityUser, 'GET', '/api/v1/access/networks')).json().total).toBe(0);

    const ok = await upload(cityUser, 'roads.geojson', network(), 'city=4107&name=测试路网');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().network).toMatchObject({
      name: '测试路网',
      source: 'geojson',
      lines: 2,
      isCurrent: true,
      synthetic: false,
    });
    const list = await t.call(countyUser, 'GET', '/api/v1/access/networks');
    expect(list.json().items.map((n: { name: string }) => n.name)).toEqual(['测试路网']);
    const geo = await t.call(countyUser, 'GET', `/api/v1/access/networks/${ok.json().network.id}/geojson`);
    expect(geo.json().features).toHaveLength(2);
  });

  it('answers coverage with the hand-worked shares, uncovered villages and travel times', async () => {
    const near = await t.call(countyUser, 'GET', '/api/v1/access/nearest?area=410782');
    expect(near.statusCode, near.body).toBe(200);
    const m = new Map(near.json().items.map((v: { code: string; minutes: number | null }) => [v.code, v.minutes]));
    expect(m.get(T[0]!)).toBeCloseTo(0, 2);
    expect(m.get(T[1]!)).toBeCloseTo(minutesBetween(113.7, 113.8), 1);
    expect(m.get(T[2]!)).toBeCloseTo(minutesBetween(113.7, 113.9), 1);

    const c15 = (await t.call(countyUser, 'GET', '/api/v1/access/coverage?area=410782&minutes=15')).json();
    expect(c15.area).toMatchObject({
      households: 3500,
      householdsCovered: 1500,
      share: 0.4286,
      residentsCovered: 3930,
    });
    const c20 = (await t.call(countyUser, 'GET', '/api/v1/access/coverage?area=410782&minutes=20')).json();
    expect(c20.area.share).toBe(1);
    const row = c15.children.find((c: { code: string }) => c.code === T[2]);
    expect(row).toMatchObject({ households: 2000, householdsCovered: 0, share: 0 });

    const un = (await t.call(countyUser, 'GET', '/api/v1/access/uncovered?area=410782&minutes=15')).json();
    expect(un.items[0]).toMatchObject({ code: T[2], households: 2000, facilityId: hospital });

    // The plan indicator access-15min is the access module's measure this year: 1,500 of 3,500 households.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const ind = await t.call(
      countyUser,
      'GET',
      `/api/v1/indicators/access-15min/values?area=410782&from=${year}&to=${year}`,
    );
    expect(ind.statusCode, ind.body).toBe(200);
    const values = JSON.stringify(ind.json()).match(/"value":(-?[\d.]+)/g) ?? [];
    expect(
      values.map((v) => Number(v.split(':')[1])).some((v) => Math.abs(v - 42.857) < 0.05),
      ind.body,
    ).toBe(true);

    // The spatial standards, checked by the access module for planning's standards: the county and the
    // township that fail the 15-minute rule are listed; every village is at an emergency centre (radius 0 km).
    const std = await t.call(countyUser, 'GET', '/api/v1/standards/check?area=410782&year=2024');
    expect(std.statusCode, std.body).toBe(200);
    const failing = std
      .json()
      .violations.filter((v: { standard: string }) => v.standard === 'households-within-15-minutes')
      .map((v: { areaCode: string; actual: number }) => [v.areaCode, v.actual]);
    expect(failing).toEqual([
      ['410782', 42.9],
      [T[2], 0],
    ]);
    const by = Object.fromEntries(
      std.json().summary.byStandard.map((b: { code: string; status: string }) => [b.code, b.status]),
    );
    expect(by).toMatchObject({ 'households-within-15-minutes': 'violated', 'emergency-service-radius': 'ok' });

    // 2SFCA, hand-worked: 10 doctors at the hospital; within 30 minutes of it live T0 and T1 (1,310 + 2,620
    // residents), within 15 only those two as well: R = 10 / 3,930; T0 and T1 reach R × 1,000 = 2.545 per 1,000.
    const res = await t.call(admin, 'PUT', `/api/v1/institutions/${hospital}/resources/2024`, { doctors: 10 });
    expect(res.statusCode, res.body).toBe(200);
    const fca = await t.call(
      countyUser,
      'GET',
      '/api/v1/access/fca?area=410782&resource=doctors&minutes=15&level=township',
    );
    expect(fca.statusCode, fca.body).toBe(200);
    const per = new Map(fca.json().items.map((r: { code: string; per1000: number }) => [r.code, r.per1000]));
    expect(per.get(T[0]!)).toBeCloseTo((10 / 3930) * 1000, 3);
    expect(per.get(T[1]!)).toBeCloseTo((10 / 3930) * 1000, 3);
    expect(per.get(T[2]!)).toBe(0);
    const e2 = (await t.call(countyUser, 'GET', '/api/v1/access/fca?area=410782&minutes=15&decay=gaussian')).json();
    // With the Gaussian decay T1 (9 of 15 minutes away) gets less than T0 at the door.
    const e2per = new Map(e2.items.map((r: { code: string; per1000: number }) => [r.code, r.per1000]));
    expect(e2per.get(T[1]!)).toBeLessThan(e2per.get(T[0]!) as number);
    const csv = await t.call(countyUser, 'GET', '/api/v1/access/fca/export?area=410782&minutes=15&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF区划代码')).toBe(true);
    expect(csv.body).toContain(`${T[0]},`);
    expect((await t.call(otherCounty, 'GET', '/api/v1/access/fca?area=410782')).statusCode).toBe(403);

    const iso = await t.call(countyUser, 'GET', `/api/v1/access/isochrone?institution=${hospital}&minutes=5,10`);
    expect(iso.statusCode, iso.body).toBe(200);
    expect(iso.json().features.map((f: { properties: { minutes: number } }) => f.properties.minutes)).toEqual([5, 10]);
    expect(iso.json().features[1].geometry.coordinates.length).toBeGreaterThan(0);
    expect((await t.call(otherCounty, 'GET', `/api/v1/access/isochrone?institution=${hospital}`)).statusCode).toBe(404);

    const tt = await t.call(countyUser, 'POST', '/api/v1/access/travel-times', {
      area: '410782',
      origins: [{ id: 'east', lng: 113.9, lat: LAT + 0.001 }],
      destinations: [{ institutionId: hospital }],
    });
    expect(tt.statusCode, tt.body).toBe(200);
    // 111 m off-road at 5 km/h (≈1.33 min) plus the road.
    expect(tt.json().minutes[0][0]).toBeCloseTo(minutesBetween(113.7, 113.9) + ((0.001 * 111.195) / 5) * 60, 0);
  });

  it('places one more site where it covers the uncovered township, exactly, and saves it as a scenario', async () => {
    const r = await t.call(countyUser, 'POST', '/api/v1/access/placement', {
      area: '410782',
      model: 'mclp',
      sites: 1,
      minutes: 15,
    });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ model: 'mclp', optimal: true, coveredToday: 1500, coveredAfter: 3500, kept: 1 });
    expect(p.sites).toHaveLength(1);
    expect(p.sites[0].addedHouseholds).toBe(2000);
    // The chosen seat reaches T[2] within 15 minutes: T[2] itself or T[1] (9.06 min away).
    expect([T[1], T[2]]).toContain(p.sites[0].id);
    const lscp = (
      await t.call(countyUser, 'POST', '/api/v1/access/placement', { area: '410782', model: 'lscp' })
    ).json();
    expect(lscp).toMatchObject({ objective: 1, optimal: true, coveredAfter: 3500 });

    const body = { area: '410782', name: '补一处', params: { minutes: 15 }, result: p };
    expect((await t.call(viewer, 'POST', '/api/v1/access/scenarios', body)).statusCode).toBe(403);
    expect((await t.call(otherCounty, 'POST', '/api/v1/access/scenarios', body)).statusCode).toBe(403);
    const saved = await t.call(countyUser, 'POST', '/api/v1/access/scenarios', body);
    expect(saved.statusCode, saved.body).toBe(201);
    const list = (await t.call(cityUser, 'GET', '/api/v1/access/scenarios?area=4107')).json();
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(['补一处']);
    expect((await t.call(otherCounty, 'GET', '/api/v1/access/scenarios?area=410782')).statusCode).toBe(403);
  });

  it('imports OSM XML and PBF extracts (highway, oneway, maxspeed kept); a broken extract keeps the current network', async () => {
    const xml = `<?xml version="1.0"?><osm version="0.6">
      <node id="1" lat="35.40" lon="113.70"/><node id="2" lat="35.40" lon="113.80"/><node id="3" lat="35.45" lon="113.80"/>
      <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/><tag k="maxspeed" v="60"/></way>
      <way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="oneway" v="-1"/></way>
      <way id="12"><nd ref="1"/><nd ref="3"/><tag k="building" v="yes"/></way></osm>`;
    const x = await upload(cityUser, 'xinxiang.osm', Buffer.from(xml));
    expect(x.statusCode, x.body).toBe(201);
    expect(x.json()).toMatchObject({
      network: { source: 'osm-xml', lines: 2 },
      stats: { nodes: 3, ways: 3, roads: 2 },
    });
    const geo = (await t.call(cityUser, 'GET', `/api/v1/access/networks/${x.json().network.id}/geojson`)).json();
    expect(geo.features[1]).toMatchObject({
      properties: { highway: 'residential', oneway: true },
      geometry: {
        coordinates: [
          [113.8, 35.45],
          [113.8, 35.4],
        ],
      },
    });

    const pbf = await osmPbf(
      [
        [1, 113.7, 35.4],
        [2, 113.8, 35.4],
        [3, 113.9, 35.4],
      ],
      [
        { id: 10, refs: [1, 2, 3], tags: { highway: 'trunk', oneway: 'yes', maxspeed: '60' } },
        { id: 11, refs: [3, 99], tags: { highway: 'track' } },
      ],
    );
    const p = await upload(cityUser, 'xinxiang.osm.pbf', pbf);
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({
      network: { source: 'osm-pbf', lines: 1 },
      stats: { nodes: 3, roads: 2, missingNodes: 1 },
    });
    // A cut-off extract: 422, and the PBF network stays current.
    const broken = await upload(cityUser, 'cut.osm.pbf', pbf.subarray(0, pbf.length - 7));
    expect(broken.statusCode, broken.body).toBe(422);
    const list = (await t.call(cityUser, 'GET', '/api/v1/access/networks')).json();
    expect(
      list.items.filter((n: { isCurrent: boolean }) => n.isCurrent).map((n: { source: string }) => n.source),
    ).toEqual(['osm-pbf']);
    // One-way trunk eastwards: the hospital at its west end cannot be reached from the townships east of it.
    const near = (await t.call(countyUser, 'GET', '/api/v1/access/nearest?area=410782')).json();
    const minutes = (code: string) => near.items.find((v: { code: string }) => v.code === code).minutes;
    expect(minutes(T[0]!)).toBeCloseTo(0, 2);
    expect(minutes(T[1]!)).toBeNull();
  });

  it('refuses areas outside the caller’s scope and roles without the right', async () => {
    expect((await t.call(otherCounty, 'GET', '/api/v1/access/coverage?area=410782')).statusCode).toBe(403);
    expect((await t.call(otherCounty, 'GET', '/api/v1/access/uncovered?area=410782')).statusCode).toBe(403);
    const tt = await t.call(otherCounty, 'POST', '/api/v1/access/travel-times', {
      area: '410783',
      origins: [{ lng: 113.9, lat: LAT }],
      destinations: [{ institutionId: hospital }],
    });
    expect(tt.statusCode).toBe(404);
    expect(
      (
        await t.call(cityUser, 'PUT', '/api/v1/access/profiles/drive', {
          speeds: {},
          defaultKmh: 20,
          offroadKmh: 5,
          version: 0,
        })
      ).statusCode,
    ).toBe(403);
  });
});
