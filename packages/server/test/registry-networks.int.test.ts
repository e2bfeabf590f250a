// Administering networks (医联体) through the API: a county user builds its county's 医共体, a city user its
// city's groups; each refusal (another county, an institution outside the scope or the network's reach,
// a lead that is no member, a closed institution, a stale version) writes nothing; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, createUsers, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

describe.each(ENGINES)('network administration on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hx: string;
  let city: string;
  /** 辉县: a hospital and two health centres; 长垣: a hospital; 红旗区 (410702): a city hospital. */
  const I = { hxHospital: 0, hxCentre1: 0, hxCentre2: 0, cyHospital: 0, cityHospital: 0 };
  let hxNetwork = 0;
  let cyNetwork = 0;

  const path = (r: { json(): { error: { details: { path: string }[] } } }) => r.json().error.details.map((d) => d.path);
  const countNetworks = async () =>
    (await t.ctx.db.query<{ n: number }>('select count(*)::int as n from networks')).rows[0]!.n;
  const networkOf = async (id: number) =>
    (await t.ctx.db.query<{ n: number | null }>('select network_id as n from institutions where id = $1', [id]))
      .rows[0]!.n;
  const audits = async (action: string) =>
    (
      await t.ctx.db.query<{ entity_id: string; after: unknown }>(
        'select entity_id, after from audit_log where action = $1 order by id',
        [action],
      )
    ).rows;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    I.hxHospital = await createInstitution(t, admin, '辉县市人民医院', '410782001');
    I.hxCentre1 = await createInstitution(t, admin, '薄壁镇卫生院', '410782101', { category: 'B1' });
    I.hxCentre2 = await createInstitution(t, admin, '峪河镇卫生院', '410782102', { category: 'B1' });
    I.cyHospital = await createInstitution(t, admin, '长垣市人民医院', '410783001');
    I.cityHospital = await createInstitution(t, admin, '新乡市中心医院', '410702001');
    await createUsers(t, admin, [
      { username: 'hx-user', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-user', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
      { username: 'city-user', displayName: '新乡', role: 'city', scopeAreaCode: '4107' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '医院', role: 'institution', scopeInstitutionId: I.hxCentre1 },
    ]);
    hx = await t.login('hx-user', STRONG);
    city = await t.login('city-user', STRONG);
    const cy = await t.call(await t.login('cy-user', STRONG), 'POST', '/api/v1/networks', {
      countyCode: '410783',
      name: '长垣市医共体',
      type: 'county-medical-community',
      leadInstitutionId: I.cyHospital,
      memberIds: [I.cyHospital],
    });
    expect(cy.statusCode, cy.body).toBe(201);
    cyNetwork = cy.json().id;
  });

  afterAll(() => t?.close());

  it('lets a county user build its county’s medical community with members and lead in one step', async () => {
    const before = (await t.call(admin, 'GET', `/api/v1/institutions/${I.hxCentre1}`)).json().version;
    const r = await t.call(hx, 'POST', '/api/v1/networks', {
      countyCode: '410782',
      name: '辉县市紧密型县域医共体',
      type: 'county-medical-community',
      leadInstitutionId: I.hxHospital,
      memberIds: [I.hxHospital, I.hxCentre1],
    });
    expect(r.statusCode, r.body).toBe(201);
    const n = r.json();
    hxNetwork = n.id;
    expect(n).toMatchObject({ countyName: '辉县市', leadName: '辉县市人民医院', members: 2, version: 1 });
    expect(n.memberList.map((m: { name: string; isLead: boolean }) => [m.name, m.isLead])).toEqual([
      ['辉县市人民医院', true],
      ['薄壁镇卫生院', false],
    ]);
    // Joining is a change of the institution too: its version moves on, so a stale edit form is refused.
    const centre = (await t.call(admin, 'GET', `/api/v1/institutions/${I.hxCentre1}`)).json();
    expect(centre).toMatchObject({ networkId: hxNetwork, networkName: '辉县市紧密型县域医共体', version: before + 1 });
    const listed = (await t.call(hx, 'GET', '/api/v1/networks')).json().items;
    expect(listed.map((l: { name: string; countyName: string }) => [l.name, l.countyName])).toEqual([
      ['辉县市紧密型县域医共体', '辉县市'],
    ]);
    const [entry] = await audits('network.create');
    expect(entry).toBeDefined();
    expect((await audits('network.create')).map((a) => a.entity_id)).toContain(String(hxNetwork));
  });

  it('names every problem of a new network at once and writes nothing', async () => {
    const n = await countNetworks();
    const r = await t.call(admin, 'POST', '/api/v1/networks', {
      countyCode: '410782',
      name: ' ',
      type: 'friendship',
      leadInstitutionId: I.hxCentre2,
      memberIds: [I.cyHospital],
    });
    expect(r.statusCode, r.body).toBe(422);
    // the name, the kind, the lead who is no member, and the 长垣 hospital outside a 辉县 community
    expect(path(r).sort()).toEqual(['leadInstitutionId', 'memberIds.0', 'name', 'type']);
    expect(await countNetworks()).toBe(n);
    expect(await networkOf(I.cyHospital)).toBe(cyNetwork);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks',
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: { countyCode: '410782', name: '辉县市紧密型县域医共体', type: 'county-medical-community' },
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().error.details[0].message).toContain('already has a network of that name');
    const notCounty = await t.call(admin, 'POST', '/api/v1/networks', {
      countyCode: '4107',
      name: '新乡市医疗集团',
      type: 'urban-medical-group',
    });
    expect(notCounty.statusCode).toBe(422);
    expect(path(notCounty)).toEqual(['countyCode']);
  });

  it('refuses networks and members outside the caller’s scope or right', async () => {
    const n = await countNetworks();
    const body = { name: '长垣另一医共体', type: 'county-medical-community' };
    expect((await t.call(hx, 'POST', '/api/v1/networks', { ...body, countyCode: '410783' })).statusCode).toBe(403);
    const ro = await t.login('ro-user', STRONG);
    expect((await t.call(ro, 'POST', '/api/v1/networks', { ...body, countyCode: '410782' })).statusCode).toBe(403);
    const hosp = await t.login('hosp', STRONG);
    expect((await t.call(hosp, 'POST', '/api/v1/networks', { ...body, countyCode: '410782' })).statusCode).toBe(403);
    // An institution outside the county user's scope is absent to it, in a new network and added later.
    const outside = await t.call(hx, 'POST', '/api/v1/networks', {
      countyCode: '410782',
      name: '辉县市专科联盟',
      type: 'specialty-alliance',
      memberIds: [I.cyHospital],
    });
    expect(outside.statusCode).toBe(404);
    expect(
      (await t.call(hx, 'POST', `/api/v1/networks/${hxNetwork}/members`, { institutionId: I.cyHospital })).statusCode,
    ).toBe(404);
    // 长垣's network is absent to 辉县's user; the read-only user sees it and may not change it.
    expect((await t.call(hx, 'GET', `/api/v1/networks/${cyNetwork}`)).statusCode).toBe(404);
    expect((await t.call(hx, 'PUT', `/api/v1/networks/${cyNetwork}`, { ...body, version: 1 })).statusCode).toBe(404);
    expect((await t.call(ro, 'GET', `/api/v1/networks/${cyNetwork}`)).statusCode).toBe(200);
    expect((await t.call(ro, 'PUT', `/api/v1/networks/${cyNetwork}`, { ...body, version: 1 })).statusCode).toBe(403);
    // The institution user reads its own network only, and changes nothing.
    expect((await t.call(hosp, 'GET', `/api/v1/networks/${hxNetwork}`)).statusCode).toBe(200);
    expect((await t.call(hosp, 'GET', `/api/v1/networks/${cyNetwork}`)).statusCode).toBe(404);
    expect((await t.call(hosp, 'DELETE', `/api/v1/networks/${hxNetwork}/members/${I.hxCentre1}`)).statusCode).toBe(403);
    expect(await countNetworks()).toBe(n);
    expect(await networkOf(I.cyHospital)).toBe(cyNetwork);
    expect(await networkOf(I.hxCentre1)).toBe(hxNetwork);
  });

  it('edits name, kind and lead with optimistic concurrency', async () => {
    const current = (await t.call(hx, 'GET', `/api/v1/networks/${hxNetwork}`)).json();
    const edit = {
      name: '辉县市医共体',
      type: 'county-medical-community',
      leadInstitutionId: I.hxCentre2, // not a member
      version: current.version,
    };
    const notMember = await t.call(hx, 'PUT', `/api/v1/networks/${hxNetwork}`, edit);
    expect(notMember.statusCode).toBe(422);
    expect(path(notMember)).toEqual(['leadInstitutionId']);
    const ok = await t.call(hx, 'PUT', `/api/v1/networks/${hxNetwork}`, { ...edit, leadInstitutionId: I.hxCentre1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '辉县市医共体', leadName: '薄壁镇卫生院', version: current.version + 1 });
    const stale = await t.call(hx, 'PUT', `/api/v1/networks/${hxNetwork}`, { ...edit, leadInstitutionId: null });
    expect(stale.statusCode).toBe(409);
    const [audit] = (await audits('network.update')).filter((a) => a.entity_id === String(hxNetwork));
    expect(audit?.after).toMatchObject({ name: '辉县市医共体', leadInstitutionId: I.hxCentre1 });
    // back to the hospital as lead, for the tests below
    const back = await t.call(hx, 'PUT', `/api/v1/networks/${hxNetwork}`, {
      ...edit,
      leadInstitutionId: I.hxHospital,
      version: current.version + 1,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('keeps a network’s kind within the reach of its members', async () => {
    const group = await t.call(city, 'POST', '/api/v1/networks', {
      countyCode: '410702',
      name: '新乡市中心医院城市医疗集团',
      type: 'urban-medical-group',
      leadInstitutionId: I.cityHospital,
      memberIds: [I.cityHospital, I.hxCentre2],
    });
    expect(group.statusCode, group.body).toBe(201);
    const g = group.json();
    // A 辉县 health centre lies outside a 红旗区 county medical community.
    const narrow = await t.call(city, 'PUT', `/api/v1/networks/${g.id}`, {
      name: g.name,
      type: 'county-medical-community',
      leadInstitutionId: I.cityHospital,
      version: g.version,
    });
    expect(narrow.statusCode).toBe(422);
    expect(path(narrow)).toEqual(['type']);
    expect(narrow.json().error.details[0].message).toContain('峪河镇卫生院');
  });

  it('moves a member between networks only for a caller who may change both, never a lead', async () => {
    const { rows } = await t.ctx.db.query<{ id: number }>("select id from networks where name like '新乡市中心医院%'");
    const group = rows[0]!.id;
    // The county user may not take 峪河镇卫生院 out of the city's group (registered in 红旗区).
    const take = await t.call(hx, 'POST', `/api/v1/networks/${hxNetwork}/members`, { institutionId: I.hxCentre2 });
    expect(take.statusCode).toBe(403);
    expect(await networkOf(I.hxCentre2)).toBe(group);
    // The city user may; the group's lead may not leave it.
    const lead = await t.call(city, 'POST', `/api/v1/networks/${hxNetwork}/members`, { institutionId: I.cityHospital });
    expect(lead.statusCode).toBe(422); // led elsewhere, and outside 辉县
    expect(path(lead)).toEqual(['institutionId', 'institutionId']);
    const move = await t.call(city, 'POST', `/api/v1/networks/${hxNetwork}/members`, { institutionId: I.hxCentre2 });
    expect(move.statusCode, move.body).toBe(200);
    expect(move.json().members).toBe(3);
    expect(await networkOf(I.hxCentre2)).toBe(hxNetwork);
    const added = (await audits('network.member-add')).at(-1);
    expect(added?.after).toEqual({ institutionId: I.hxCentre2, networkId: hxNetwork });
  });

  it('removes members but not the lead, and deletes only an empty network', async () => {
    const leadOut = await t.call(hx, 'DELETE', `/api/v1/networks/${hxNetwork}/members/${I.hxHospital}`);
    expect(leadOut.statusCode).toBe(422);
    expect(leadOut.json().error.details[0].message).toContain('牵头单位');
    expect((await t.call(hx, 'DELETE', `/api/v1/networks/${hxNetwork}/members/${I.cyHospital}`)).statusCode).toBe(404);
    const out = await t.call(hx, 'DELETE', `/api/v1/networks/${hxNetwork}/members/${I.hxCentre2}`);
    expect(out.statusCode, out.body).toBe(200);
    expect(await networkOf(I.hxCentre2)).toBeNull();
    expect((await audits('network.member-remove')).length).toBe(1);

    const n = (await t.call(hx, 'GET', `/api/v1/networks/${hxNetwork}`)).json();
    const full = await t.call(hx, 'DELETE', `/api/v1/networks/${hxNetwork}?version=${n.version}`);
    expect(full.statusCode).toBe(422);
    const empty = await t.call(hx, 'POST', '/api/v1/networks', {
      countyCode: '410782',
      name: '辉县市儿科专科联盟',
      type: 'specialty-alliance',
    });
    expect(empty.statusCode, empty.body).toBe(201);
    const e = empty.json();
    expect((await t.call(hx, 'DELETE', `/api/v1/networks/${e.id}?version=${e.version + 5}`)).statusCode).toBe(409);
    expect((await t.call(hx, 'DELETE', `/api/v1/networks/${e.id}?version=${e.version}`)).statusCode).toBe(204);
    expect((await t.call(hx, 'GET', `/api/v1/networks/${e.id}`)).statusCode).toBe(404);
    expect((await audits('network.delete')).map((a) => a.entity_id)).toEqual([String(e.id)]);
  });
});
