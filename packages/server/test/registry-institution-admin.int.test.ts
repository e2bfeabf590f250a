// Administering institutions through the API: closing (撤销) with a date and reason and reopening, which
// stay in the registry as history; a network's lead is not closed or moved away; the institution's own
// staff cannot close it or move it; every refusal writes nothing and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, createUsers, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

describe.each(ENGINES)('institution administration on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hx: string;
  const I = { hospital: 0, centre: 0, clinic: 0, changyuan: 0 };
  let network = 0;

  const get = async (id: number) => (await t.call(admin, 'GET', `/api/v1/institutions/${id}`)).json();
  const paths = (r: { json(): { error: { details: { path: string }[] } } }) =>
    r.json().error.details.map((d) => d.path);
  const audits = async (action: string) =>
    (
      await t.ctx.db.query<{ entity_id: string; before: unknown; after: unknown }>(
        'select entity_id, before, after from audit_log where action = $1 order by id',
        [action],
      )
    ).rows;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    I.hospital = await createInstitution(t, admin, '辉县市人民医院', '410782001', { openedOn: '1950-05-01' });
    I.centre = await createInstitution(t, admin, '薄壁镇卫生院', '410782101', { category: 'B1' });
    I.clinic = await createInstitution(t, admin, '峪河镇卫生院', '410782102', { category: 'B1' });
    I.changyuan = await createInstitution(t, admin, '长垣市人民医院', '410783001');
    await createUsers(t, admin, [
      { username: 'hx-user', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '医院', role: 'institution', scopeInstitutionId: I.centre },
    ]);
    hx = await t.login('hx-user', STRONG);
    const n = await t.call(hx, 'POST', '/api/v1/networks', {
      countyCode: '410782',
      name: '辉县市医共体',
      type: 'county-medical-community',
      leadInstitutionId: I.hospital,
      memberIds: [I.hospital, I.centre],
    });
    expect(n.statusCode, n.body).toBe(201);
    network = n.json().id;
  });

  afterAll(() => t?.close());

  it('closes an institution with a date and reason, keeps it as history, and reopens it', async () => {
    const before = await get(I.centre);
    const r = await t.call(hx, 'POST', `/api/v1/institutions/${I.centre}/close`, {
      closedOn: '2024-06-30',
      reason: '并入辉县市人民医院',
      version: before.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ closedOn: '2024-06-30', closedReason: '并入辉县市人民医院' });
    expect(r.json().version).toBe(before.version + 1);
    // Still listed (as history) and still a member of its network, no longer counted as a current one.
    const list = (await t.call(hx, 'GET', '/api/v1/institutions?area=410782&q=薄壁')).json();
    expect(list.items.map((i: { closedOn: string | null }) => i.closedOn)).toEqual(['2024-06-30']);
    const net = (await t.call(hx, 'GET', `/api/v1/networks/${network}`)).json();
    expect(net.members).toBe(1);
    expect(net.memberList.find((m: { id: number }) => m.id === I.centre)?.closedOn).toBe('2024-06-30');
    const [entry] = await audits('institution.close');
    expect(entry).toMatchObject({
      entity_id: String(I.centre),
      after: { closedOn: '2024-06-30', reason: '并入辉县市人民医院' },
    });

    const again = await t.call(hx, 'POST', `/api/v1/institutions/${I.centre}/close`, {
      closedOn: '2024-07-01',
      reason: 'x',
      version: before.version + 1,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details[0].message).toContain('已于 2024-06-30 撤销');

    const stale = await t.call(hx, 'POST', `/api/v1/institutions/${I.centre}/reopen`, { version: before.version });
    expect(stale.statusCode).toBe(409);
    const reopen = await t.call(hx, 'POST', `/api/v1/institutions/${I.centre}/reopen`, {
      version: before.version + 1,
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(reopen.json()).toMatchObject({ closedOn: null, closedReason: null });
    const [reopened] = await audits('institution.reopen');
    expect(reopened?.before).toEqual({ closedOn: '2024-06-30', reason: '并入辉县市人民医院' });
  });

  it('names every problem of a closing at once and writes nothing', async () => {
    const before = await get(I.hospital);
    const r = await t.call(hx, 'POST', `/api/v1/institutions/${I.hospital}/close`, {
      closedOn: '1949-12-31',
      reason: '  ',
      version: before.version,
    });
    expect(r.statusCode, r.body).toBe(422);
    // before its opening, the lead of its network, and no reason
    expect(paths(r)).toEqual(['closedOn', 'closedOn', 'reason']);
    expect(r.json().error.details[1].message).toContain('牵头单位');
    const future = await t.call(hx, 'POST', `/api/v1/institutions/${I.clinic}/close`, {
      closedOn: '2099-01-01',
      reason: '规划撤并',
      version: (await get(I.clinic)).version,
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details[0].message).toContain('晚于今天');
    const badDate = await t.call(hx, 'POST', `/api/v1/institutions/${I.clinic}/close`, {
      closedOn: '2024-02-30',
      reason: '规划撤并',
      version: 1,
    });
    expect(badDate.statusCode).toBe(400);
    expect((await get(I.hospital)).version).toBe(before.version);
    expect((await get(I.hospital)).closedOn).toBeNull();
    expect((await get(I.clinic)).closedOn).toBeNull();
  });

  it('leaves closing to the area’s writers', async () => {
    const body = async (id: number) => ({ closedOn: '2024-01-01', reason: '测试', version: (await get(id)).version });
    const hosp = await t.login('hosp', STRONG);
    const ro = await t.login('ro-user', STRONG);
    expect(
      (await t.call(hosp, 'POST', `/api/v1/institutions/${I.centre}/close`, await body(I.centre))).statusCode,
    ).toBe(403);
    expect((await t.call(ro, 'POST', `/api/v1/institutions/${I.clinic}/close`, await body(I.clinic))).statusCode).toBe(
      403,
    );
    expect(
      (await t.call(hx, 'POST', `/api/v1/institutions/${I.changyuan}/close`, await body(I.changyuan))).statusCode,
    ).toBe(404);
    // Nor may the institution's staff close it through an edit of its record.
    const own = await get(I.centre);
    const edit = await t.call(hosp, 'PUT', `/api/v1/institutions/${I.centre}`, {
      ...own,
      closedOn: '2024-01-01',
    });
    expect(edit.statusCode).toBe(403);
    expect((await get(I.centre)).closedOn).toBeNull();
    expect(await audits('institution.close')).toHaveLength(1);
  });

  it('applies the network rules to an edit of the institution’s network too', async () => {
    const hospital = await get(I.hospital);
    const strip = ({ id: _i, ...rest }: Record<string, unknown>) => rest;
    // The lead may not leave its network by an edit of its own record.
    const leave = await t.call(hx, 'PUT', `/api/v1/institutions/${I.hospital}`, {
      ...strip(hospital),
      networkId: null,
    });
    expect(leave.statusCode).toBe(422);
    expect(paths(leave)).toEqual(['networkId']);
    // Nor be closed by setting its closing date.
    const close = await t.call(hx, 'PUT', `/api/v1/institutions/${I.hospital}`, {
      ...strip(hospital),
      closedOn: '2024-01-01',
    });
    expect(close.statusCode).toBe(422);
    expect(paths(close)).toEqual(['closedOn']);
    // A 长垣 hospital cannot join 辉县's county medical community.
    const cy = await get(I.changyuan);
    const join = await t.call(admin, 'PUT', `/api/v1/institutions/${I.changyuan}`, {
      ...strip(cy),
      networkId: network,
    });
    expect(join.statusCode).toBe(422);
    expect(paths(join)).toEqual(['networkId']);
    // A 辉县 health centre can, and the network counts it.
    const clinic = await get(I.clinic);
    const ok = await t.call(hx, 'PUT', `/api/v1/institutions/${I.clinic}`, { ...strip(clinic), networkId: network });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.call(hx, 'GET', `/api/v1/networks/${network}`)).json().members).toBe(3);
    expect((await get(I.hospital)).networkId).toBe(network);
    expect((await get(I.changyuan)).networkId).toBeNull();
  });
});
