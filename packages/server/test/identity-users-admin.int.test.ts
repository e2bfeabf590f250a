// The administrator's user management: the list names each user's area or institution; creating and
// editing check the role's scope (present, existing, at the role's level) together with the password
// rules, all at once; a change of role or scope ends the user's sessions; every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitution, createUsers, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

describe.each(ENGINES)('user administration on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let adminId = 0;
  let hospital = 0;
  let ids: Map<string, number>;

  const paths = (r: { json(): { error: { details: { path: string }[] } } }) =>
    r.json().error.details.map((d) => d.path);
  const userCount = async () =>
    (await t.ctx.db.query<{ n: number }>('select count(*)::int as n from users')).rows[0]!.n;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    adminId = (await t.call(admin, 'GET', '/api/v1/auth/me')).json().user.id;
    hospital = await createInstitution(t, admin, '辉县市人民医院', '410782001');
    ids = await createUsers(t, admin, [
      { username: 'hx-user', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'hosp-user', displayName: '医院', role: 'institution', scopeInstitutionId: hospital },
    ]);
  });
  afterAll(() => t?.close());

  it('lists users with the names of their area or institution', async () => {
    const { items } = (await t.call(admin, 'GET', '/api/v1/users')).json();
    const byName = new Map(items.map((u: { username: string }) => [u.username, u]));
    expect(byName.get('hx-user')).toMatchObject({ scopeAreaCode: '410782', scopeAreaName: '辉县市' });
    expect(byName.get('hosp-user')).toMatchObject({
      scopeInstitutionId: hospital,
      scopeInstitutionName: '辉县市人民医院',
      scopeAreaName: null,
    });
    expect(byName.get('admin')).toMatchObject({ scopeAreaName: null, scopeInstitutionName: null });
  });

  it('names a weak password and a wrong scope together, and creates nothing', async () => {
    const n = await userCount();
    const r = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'new-county',
      displayName: '新县',
      password: 'password12',
      role: 'county',
      scopeAreaCode: '4107', // a city, not a county
    });
    expect(r.statusCode, r.body).toBe(422);
    expect(new Set(paths(r))).toEqual(new Set(['password', 'scopeAreaCode']));
    expect(r.json().error.details.at(-1).message).toContain('县级区划');
    const missing = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'new-city',
      displayName: '新市',
      password: STRONG,
      role: 'city',
      scopeAreaCode: '419999',
    });
    expect(missing.statusCode).toBe(422);
    expect(paths(missing)).toEqual(['scopeAreaCode']);
    const noInstitution = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'new-inst',
      displayName: '新机构',
      password: STRONG,
      role: 'institution',
      scopeAreaCode: '410782',
    });
    expect(noInstitution.statusCode).toBe(422);
    expect(paths(noInstitution)).toEqual(['scopeInstitutionId']);
    expect(await userCount()).toBe(n);
  });

  it('keeps only the scope the role uses', async () => {
    const r = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'both-scopes',
      displayName: '两种范围',
      password: STRONG,
      role: 'institution',
      scopeAreaCode: '410782',
      scopeInstitutionId: hospital,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().user).toMatchObject({ scopeAreaCode: null, scopeInstitutionId: hospital });
  });

  it('changes role and scope, ending the user’s sessions, and audits it', async () => {
    const id = ids.get('hx-user')!;
    const session = await t.login('hx-user', STRONG);
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const rename = await t.call(admin, 'PUT', `/api/v1/users/${id}`, {
      displayName: '辉县市卫健局',
      role: 'county',
      scopeAreaCode: '410782',
    });
    expect(rename.statusCode, rename.body).toBe(200);
    // A new name alone keeps the user signed in.
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).json().user.displayName).toBe('辉县市卫健局');
    const promote = await t.call(admin, 'PUT', `/api/v1/users/${id}`, {
      displayName: '新乡市卫健委',
      role: 'city',
      scopeAreaCode: '4107',
    });
    expect(promote.statusCode, promote.body).toBe(200);
    expect(promote.json().user).toMatchObject({ role: 'city', scopeAreaCode: '4107', scopeAreaName: '新乡市' });
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.login('hx-user', STRONG);
    expect((await t.call(again, 'GET', '/api/v1/auth/me')).json().user).toMatchObject({ role: 'city' });
    const { rows } = await t.ctx.db.query<{ before: { role: string }; after: { role: string } }>(
      `select before, after from audit_log where action = 'user.update' and entity_id = $1 order by id`,
      [String(id)],
    );
    expect(rows.map((r) => [r.before.role, r.after.role])).toEqual([
      ['county', 'county'],
      ['county', 'city'],
    ]);
  });

  it('refuses to change an administrator’s own role, an unknown user, and non-administrators', async () => {
    const self = await t.call(admin, 'PUT', `/api/v1/users/${adminId}`, {
      displayName: '平台管理员',
      role: 'readonly',
      scopeAreaCode: '4107',
    });
    expect(self.statusCode).toBe(422);
    expect(paths(self)).toEqual(['role']);
    const body = { displayName: 'x', role: 'readonly', scopeAreaCode: '4107' };
    expect((await t.call(admin, 'PUT', '/api/v1/users/999999', body)).statusCode).toBe(404);
    const hosp = await t.login('hosp-user', STRONG);
    expect((await t.call(hosp, 'PUT', `/api/v1/users/${ids.get('hosp-user')}`, body)).statusCode).toBe(403);
    const empty = await t.call(admin, 'PUT', `/api/v1/users/${ids.get('hosp-user')}`, {
      displayName: ' ',
      role: 'institution',
      scopeInstitutionId: 999999,
    });
    expect(empty.statusCode).toBe(422);
    expect(new Set(paths(empty))).toEqual(new Set(['displayName', 'scopeInstitutionId']));
    const unchanged = (await t.call(admin, 'GET', '/api/v1/users'))
      .json()
      .items.find((u: { username: string }) => u.username === 'hosp-user');
    expect(unchanged).toMatchObject({ displayName: '医院', scopeInstitutionId: hospital });
  });
});
