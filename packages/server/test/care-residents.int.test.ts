// Care residents and records (issue 15 §1–2): creating a record (ID checked against sex and birth date, village of
// the scope, duplicates named), who may open it (keeper, team, area masked, others with a reason), every opening
// logged for the resident, merge, conditions, and the resident role's own view.
import { citizenIdCheckChar } from '@weijian/core/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVillages } from '../src/registry/areas-seed.ts';
import { createInstitution, createUsers, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const idOf = (birth: string, seq: number) => {
  const first17 = `410782${birth}${String(seq).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
};

describe.each(ENGINES)('care residents (%s)', (engine) => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let village: string;
  let otherVillage: string;
  let keeper: number;

  beforeAll(async () => {
    t = await makeApp(engine);
    await loadVillages(t.ctx.db, '410782');
    await loadVillages(t.ctx.db, '410783');
    const v = async (prefix: string) =>
      (
        await t.ctx.db.query<{ code: string }>(
          'select code from areas where level = 5 and code like $1 order by code limit 1',
          [`${prefix}%`],
        )
      ).rows[0]!.code;
    village = await v('410782');
    otherVillage = await v('410783');
    c.admin = await t.login('admin');
    keeper = await createInstitution(t, c.admin, '甲镇卫生院', village.slice(0, 9), { category: 'B1' });
    const other = await createInstitution(t, c.admin, '乙镇卫生院', village.slice(0, 9), { category: 'B1' });
    await createUsers(t, c.admin, [
      { username: 'keeper', displayName: '建档医生', role: 'institution', scopeInstitutionId: keeper },
      { username: 'other', displayName: '外院医生', role: 'institution', scopeInstitutionId: other },
      { username: 'huixian', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'changyuan', displayName: '长垣', role: 'county', scopeAreaCode: '410783' },
      { username: 'viewer', displayName: '只读', role: 'readonly', scopeAreaCode: '410782' },
    ]);
    for (const u of ['keeper', 'other', 'huixian', 'changyuan', 'viewer']) c[u] = await t.login(u, STRONG);
  }, 600_000);
  afterAll(() => t?.close());

  it('creates records with the ID cross-checked, refuses duplicates naming the record, lists them masked', async () => {
    const id = idOf('19600315', 123); // odd 17th digit: male
    const bad = await t.call(c.keeper!, 'POST', '/api/v1/care/residents', {
      name: '张三',
      sex: 'F',
      birthDate: '1960-03-16',
      area: otherVillage,
      idNumber: id,
      phone: '12',
    });
    expect(bad.statusCode, bad.body).toBe(422);
    const paths = bad
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['area', 'birthDate', 'phone', 'sex']);

    const ok = await t.call(c.keeper!, 'POST', '/api/v1/care/residents', {
      name: '张三',
      sex: 'M',
      birthDate: '1960-03-15',
      area: village,
      idNumber: id,
      phone: '138 1234 5678',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const rec = ok.json().record;
    expect(rec).toMatchObject({
      idNumber: id,
      phone: '13812345678',
      keeperInstitutionId: keeper,
      countyCode: '410782',
    });
    expect(rec.idMasked).toBe(`*****************${id.slice(-1)}`);
    expect(rec.established).not.toBeNull();

    const dup = await t.call(c.huixian!, 'POST', '/api/v1/care/residents', {
      name: '张叁',
      sex: 'M',
      birthDate: '1960-03-15',
      area: village,
      idNumber: id.toLowerCase(),
    });
    expect(dup.statusCode, dup.body).toBe(409);
    expect(dup.json().error.message).toContain(`#${rec.id}`);
    expect(dup.json().error.message).toContain('甲镇卫生院');
    expect(dup.json().error.message).not.toContain(id);

    // Name lists: the keeper and the county see the record (identifiers masked); the other clinic does not.
    const mine = await t.call(c.keeper!, 'GET', '/api/v1/care/residents?q=张');
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: rec.id, name: '张三', standing: 'keeper', idMasked: rec.idMasked }),
    ]);
    expect(JSON.stringify(mine.json())).not.toContain(id);
    expect((await t.call(c.huixian!, 'GET', '/api/v1/care/residents')).json().items[0].standing).toBe('area');
    const asAdmin = await t.call(c.admin!, 'GET', '/api/v1/care/residents?q=张');
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(asAdmin.json().items.map((r: { standing: string }) => r.standing)).toEqual(['admin']);
    expect((await t.call(c.other!, 'GET', '/api/v1/care/residents?q=张')).json().items).toEqual([]);
    expect((await t.call(c.changyuan!, 'GET', '/api/v1/care/residents')).json().items).toEqual([]);
    // By 身份证号: the other clinic finds it, name masked, standing null (open with a reason); another county's
    // official does not.
    const found = await t.call(c.other!, 'GET', `/api/v1/care/residents?q=${id}`);
    expect(found.json().items).toEqual([expect.objectContaining({ id: rec.id, name: '张*', standing: null })]);
    expect((await t.call(c.changyuan!, 'GET', `/api/v1/care/residents?q=${id}`)).json().items).toEqual([]);
    const byPhone = await t.call(c.keeper!, 'GET', '/api/v1/care/residents?q=13812345678');
    expect(byPhone.json().items.map((r: { id: number }) => r.id)).toEqual([rec.id]);
  }, 180_000);

  it('opens a record by standing or stated reason, logs every opening, and never logs identifiers', async () => {
    const id = idOf('19700101', 111);
    const created = await t.call(c.keeper!, 'POST', '/api/v1/care/residents', {
      name: '李四',
      sex: 'M',
      birthDate: '1970-01-01',
      area: village,
      idNumber: id,
    });
    const rid = created.json().record.id as number;
    const url = `/api/v1/care/residents/${rid}`;

    const asKeeper = await t.call(c.keeper!, 'GET', url);
    expect(asKeeper.json()).toMatchObject({ record: { idNumber: id }, access: { basis: 'keeper', write: true } });
    const asCounty = await t.call(c.huixian!, 'GET', url);
    expect(asCounty.json()).toMatchObject({ record: { idNumber: null }, access: { basis: 'area', write: false } });
    const refused = await t.call(c.other!, 'GET', url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('REASON_REQUIRED');
    const withReason = await t.call(c.other!, 'GET', `${url}?reason=referral`);
    expect(withReason.statusCode, withReason.body).toBe(200);
    expect(withReason.json()).toMatchObject({ record: { idNumber: id }, access: { basis: 'referral', write: false } });
    expect((await t.call(c.changyuan!, 'GET', url)).statusCode).toBe(404);
    expect((await t.call(c.changyuan!, 'GET', `${url}?reason=treatment`)).statusCode).toBe(404);
    expect((await t.call(c.other!, 'GET', `${url}?reason=curiosity`)).statusCode).toBe(400);
    // A clinician who only read with a reason may not write; read-only users never do.
    expect((await t.call(c.other!, 'PUT', url, { household: 'x' })).statusCode).toBe(404);
    expect((await t.call(c.viewer!, 'PUT', url, { household: 'x' })).statusCode).toBe(403);
    expect((await t.call(c.huixian!, 'PUT', url, { movedOut: '2024-05-01' })).statusCode).toBe(200);

    const openings = await t.call(c.keeper!, 'GET', `${url}/openings`);
    expect(openings.statusCode, openings.body).toBe(200);
    expect(openings.json().items.map((o: { username: string; basis: string }) => `${o.username}:${o.basis}`)).toEqual([
      'other:referral',
      'huixian:area',
      'keeper:keeper',
    ]);
    expect(openings.json().items[0].institutionName).toBe('乙镇卫生院');
    expect((await t.call(c.other!, 'GET', `${url}/openings`)).statusCode).toBe(404);

    const { rows } = await t.ctx.db.query<{ action: string; after: unknown; before: unknown }>(
      `select action, after, before from audit_log where entity = 'care_resident' and entity_id = $1 order by id`,
      [String(rid)],
    );
    expect(rows.filter((r) => r.action === 'care.record.open')).toHaveLength(3);
    const logged = JSON.stringify(rows);
    for (const secret of [id, '李四', id.slice(-6)]) expect(logged).not.toContain(secret);
  }, 180_000);

  it('merges two records of one person, keeps conditions, and shows a resident their own record and openings', async () => {
    const id = idOf('19550505', 135);
    const a = (
      await t.call(c.keeper!, 'POST', '/api/v1/care/residents', {
        name: '王五',
        sex: 'M',
        birthDate: '1955-05-05',
        area: village,
        idNumber: id,
      })
    ).json().record.id as number;
    const b = (
      await t.call(c.keeper!, 'POST', '/api/v1/care/residents', {
        name: '王五',
        sex: 'M',
        birthDate: '1955-05-05',
        area: village,
        phone: '13900000001',
      })
    ).json().record.id as number;
    const badIcd = await t.call(c.keeper!, 'POST', `/api/v1/care/residents/${b}/conditions`, { icd10: 'I1' });
    expect(badIcd.statusCode).toBe(422);
    const cond = await t.call(c.keeper!, 'POST', `/api/v1/care/residents/${b}/conditions`, {
      icd10: 'i10',
      name: '高血压',
    });
    expect(cond.json().conditions).toEqual([{ icd10: 'I10', name: '高血压', diagnosed: null }]);
    expect(
      (await t.call(c.huixian!, 'POST', `/api/v1/care/residents/${b}/conditions`, { icd10: 'E11' })).statusCode,
    ).toBe(403);

    const merged = await t.call(c.keeper!, 'POST', `/api/v1/care/residents/${b}/merge`, { into: a });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().record).toMatchObject({ id: a, phone: '13900000001', idNumber: id });
    expect(merged.json().timeline.conditions.map((x: { icd10: string }) => x.icd10)).toEqual(['I10']);
    expect((await t.call(c.keeper!, 'GET', `/api/v1/care/residents/${b}`)).json().record.mergedInto).toBe(a);
    expect((await t.call(c.keeper!, 'POST', `/api/v1/care/residents/${b}/merge`, { into: a })).statusCode).toBe(422);
    const audit = await t.ctx.db.query(
      `select 1 from audit_log where action = 'care.resident.merge' and entity_id = $1`,
      [String(a)],
    );
    expect(audit.rows).toHaveLength(1);

    // The resident account, linked to the merged-away record: /care/me follows the merge.
    const made = await t.call(c.admin!, 'POST', '/api/v1/users', {
      username: 'wangwu',
      displayName: '王五',
      password: STRONG,
      role: 'resident',
      residentCountyCode: '410782',
      residentId: b,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().user).toMatchObject({ role: 'resident', residentId: b, scopeAreaCode: null });
    const missing = await t.call(c.admin!, 'POST', '/api/v1/users', {
      username: 'nobody',
      displayName: 'x',
      password: STRONG,
      role: 'resident',
    });
    expect(missing.statusCode).toBe(422);
    const me = await t.login('wangwu', STRONG);
    await t.call(c.other!, 'GET', `/api/v1/care/residents/${a}?reason=consultation`);
    const mine = await t.call(me, 'GET', '/api/v1/care/me');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().record).toMatchObject({ id: a, idNumber: id });
    expect(mine.json().openings[0]).toMatchObject({
      username: 'other',
      institutionName: '乙镇卫生院',
      basis: 'consultation',
    });
    // Nothing else: not the lists, not a record by id (own included), not other contexts' data.
    expect((await t.call(me, 'GET', '/api/v1/care/residents')).statusCode).toBe(403);
    expect((await t.call(me, 'GET', `/api/v1/care/residents/${a}`)).statusCode).toBe(404);
    expect((await t.call(me, 'GET', '/api/v1/areas/410782')).statusCode).toBe(403);
    expect((await t.call(c.keeper!, 'GET', '/api/v1/care/me')).statusCode).toBe(403);
  }, 180_000);
});
