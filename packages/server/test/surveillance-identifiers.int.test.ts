// Issue 12, identifiers and card ownership, as a hostile user tries them: a read-only user must not be able to
// rebuild a 身份证号 from what cards, lists, history and audit values show; only the reporting unit's writers
// correct or delete a card (the patient's county reads and investigates); filters outside the caller's scope
// answer 403; every lookup by ID number is audited, hit or miss, without the number.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, createInstitution, createUsers, daysAgo, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const CY = '410783001'; // a township of 长垣市
const CY2 = '410783002';
const BIRTH = ['19840315', '19910702', '20150120'];
const PARENT = '王大山';
const ADDRESS = '城关镇解放路 18 号院 3 单元';
const WORK = '新乡市第一中学';
const PHONE = '13912345678';

describe.each(ENGINES)('case identifiers and ownership on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hxHospital: number;
  let cyHospital: number;
  const u: Record<string, string> = {};
  let seq = 0;
  /** Every card created, with its clear ID number. */
  const cards: { id: number; citizenId: string; birth: string }[] = [];

  const post = async (over: Record<string, unknown>, birth = BIRTH[seq % BIRTH.length]!) => {
    seq++;
    const id = citizenId(seq, birth);
    const r = await t.call(admin, 'POST', '/api/v1/surveillance/cases', {
      clientReportId: `ID-${seq}`,
      institutionId: hxHospital,
      diseaseCode: 'B0302',
      classification: 'confirmed',
      patientName: '张小明',
      parentName: PARENT,
      citizenId: id,
      occupation: '学生（大中小学）',
      workplace: WORK,
      addressCode: HX,
      addressText: ADDRESS,
      onsetDate: daysAgo(30),
      diagnosisAt: `${daysAgo(29)} 10:00`,
      reportedAt: `${daysAgo(29)} 12:00`,
      doctorName: '李医生',
      phone: PHONE,
      ...over,
    });
    expect(r.statusCode, r.body).toBe(201);
    cards.push({ id: r.json().id, citizenId: id, birth });
    return r.json().id as number;
  };

  /** No response body may hold a birth date, a clear identifier or a withheld detail. */
  const expectNothingIdentifying = (body: string) => {
    for (const c of cards) {
      expect(body).not.toContain(c.citizenId);
      expect(body).not.toContain(c.citizenId.slice(0, 17));
      expect(body).not.toContain(c.birth);
      expect(body).not.toContain(`${c.birth.slice(0, 4)}-${c.birth.slice(4, 6)}-${c.birth.slice(6)}`);
    }
    for (const s of [PARENT, ADDRESS, WORK, PHONE, PHONE.slice(0, 7)]) expect(body).not.toContain(s);
    // Masks show at most the last character of an ID number.
    for (const m of body.matchAll(/"citizen_?[iI]d_?[mM]asked":"([^"]*)"/g)) expect(m[1]).toMatch(/^\*+[\dX]?$/);
    for (const m of body.matchAll(/"birth_?[dD]ate":("[^"]*"|null)/g)) expect(m[1]).toBe('null');
  };

  let hxReportsCyPatient: number; // reported by 辉县市人民医院, the patient lives in 长垣市
  let cyReportsHxPatient: number; // reported by 长垣市人民医院, the patient lives in 辉县市

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    hxHospital = await createInstitution(t, admin, '辉县市人民医院', HX);
    cyHospital = await createInstitution(t, admin, '长垣市人民医院', CY);
    await createUsers(t, admin, [
      { username: 'city-t', displayName: '新乡市卫健委', role: 'city', scopeAreaCode: '4107' },
      { username: 'huixian-t', displayName: '辉县市卫健局', role: 'county', scopeAreaCode: '410782' },
      { username: 'changyuan-t', displayName: '长垣市卫健委', role: 'county', scopeAreaCode: '410783' },
      { username: 'hospital-t', displayName: '辉县医院', role: 'institution', scopeInstitutionId: hxHospital },
      { username: 'viewer-t', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
    ]);
    for (const n of ['city', 'huixian', 'changyuan', 'hospital', 'viewer']) u[n] = await t.login(`${n}-t`, STRONG);
    hxReportsCyPatient = await post({ addressCode: CY });
    cyReportsHxPatient = await post({ institutionId: cyHospital });
    await post({});
    await post({ institutionId: cyHospital, addressCode: CY2 });
  });
  afterAll(() => t?.close());

  it('shows a read-only user no birth date, no more than the last ID character and no withheld detail', async () => {
    const v = u.viewer!;
    const list = await t.call(v, 'GET', '/api/v1/surveillance/cases?limit=500');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(cards.length);
    expectNothingIdentifying(list.body);
    for (const item of list.json().items) {
      expect(item.citizenIdMasked).toMatch(/^\*{17}[\dX]$/);
      expect(item.birthDate).toBeNull();
      expect(item.ageYears).toEqual(expect.any(Number));
      expect(item.phoneMasked).toBe('*******5678');
      expect(item.workplace).toBe('***');
    }
    for (const c of cards) {
      const one = await t.call(v, 'GET', `/api/v1/surveillance/cases/${c.id}`);
      expect(one.statusCode).toBe(200);
      expectNothingIdentifying(one.body);
      expect(one.json()).toMatchObject({
        identityMasked: true,
        mayChange: false,
        citizenId: null,
        phone: null,
        birthDate: null,
        parentName: '王**',
        addressText: '***',
        workplace: '***',
        patientName: '张**',
      });
    }
  });

  it('masks history snapshots and audit values for everyone', async () => {
    const id = await post({});
    const r = await t.call(admin, 'PUT', `/api/v1/surveillance/cases/${id}`, {
      version: 1,
      reason: '订正病例分类',
      classification: 'clinical',
    });
    expect(r.statusCode, r.body).toBe(200);
    for (const who of [u.viewer!, u.city!, admin]) {
      const h = await t.call(who, 'GET', `/api/v1/surveillance/cases/${id}/history`);
      expect(h.statusCode).toBe(200);
      expect(h.json().items[0].before.disease_code).toBe('B0302');
      expectNothingIdentifying(h.body);
    }
    const log = await t.call(admin, 'GET', '/api/v1/audit?limit=500');
    expect(log.json().items.some((e: { action: string }) => e.action === 'case.correct')).toBe(true);
    expectNothingIdentifying(log.body);
  });

  it('gives full identifiers on the audited single read to the identifier right’s holders only', async () => {
    const full = async (who: string, id: number) => {
      const r = await t.call(who, 'GET', `/api/v1/surveillance/cases/${id}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const idOf = (id: number) => cards.find((c) => c.id === id)!.citizenId;
    // The patient's county and the reporting institution's county both work the card.
    expect((await full(u.changyuan!, hxReportsCyPatient)).citizenId).toBe(idOf(hxReportsCyPatient));
    expect((await full(u.huixian!, hxReportsCyPatient)).citizenId).toBe(idOf(hxReportsCyPatient));
    expect((await full(u.huixian!, cyReportsHxPatient)).citizenId).toBe(idOf(cyReportsHxPatient));
    expect((await full(u.city!, cyReportsHxPatient)).birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The reporting institution sees its own cards in full, and no others.
    const own = await full(u.hospital!, hxReportsCyPatient);
    expect(own).toMatchObject({ identityMasked: false, phone: PHONE, parentName: PARENT, mayChange: true });
    expect((await t.call(u.hospital!, 'GET', `/api/v1/surveillance/cases/${cyReportsHxPatient}`)).statusCode).toBe(404);
    // Lists stay masked for every role.
    for (const who of [admin, u.city!, u.huixian!, u.hospital!]) {
      expectNothingIdentifying((await t.call(who, 'GET', '/api/v1/surveillance/cases?limit=500')).body);
    }
  });

  it('lets only the reporting unit’s writers delete a card: 长垣 cannot delete 辉县市人民医院’s card', async () => {
    const cy = u.changyuan!;
    const read = (await t.call(cy, 'GET', `/api/v1/surveillance/cases/${hxReportsCyPatient}`)).json();
    expect(read.mayChange).toBe(false);
    const del = await t.call(cy, 'DELETE', `/api/v1/surveillance/cases/${hxReportsCyPatient}`, {
      version: read.version,
      reason: '重卡',
    });
    expect(del.statusCode, del.body).toBe(403);
    expect(del.json().error.message).toContain('辉县市人民医院');
    const still = (await t.call(admin, 'GET', `/api/v1/surveillance/cases/${hxReportsCyPatient}`)).json();
    expect(still).toMatchObject({ deleted: false, version: read.version });
    const put = await t.call(cy, 'PUT', `/api/v1/surveillance/cases/${hxReportsCyPatient}`, {
      version: read.version,
      reason: '订正',
      remarks: 'x',
    });
    expect(put.statusCode).toBe(403);
    // The viewer may not either; the owner (辉县's county, and the hospital) may.
    expect(
      (
        await t.call(u.viewer!, 'DELETE', `/api/v1/surveillance/cases/${hxReportsCyPatient}`, {
          version: 1,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const ok = await t.call(u.hospital!, 'PUT', `/api/v1/surveillance/cases/${hxReportsCyPatient}`, {
      version: read.version,
      reason: '补充备注',
      remarks: '已电话随访',
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses 辉县 correcting the address of 长垣市人民医院’s card, in Chinese and English', async () => {
    const hx = u.huixian!;
    const read = (await t.call(hx, 'GET', `/api/v1/surveillance/cases/${cyReportsHxPatient}`)).json();
    const body = { version: read.version, reason: '住址订正', addressCode: CY2 };
    const r = await t.call(hx, 'PUT', `/api/v1/surveillance/cases/${cyReportsHxPatient}`, body);
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('长垣市人民医院');
    const en = await t.call(hx, 'PUT', `/api/v1/surveillance/cases/${cyReportsHxPatient}?lang=en`, body);
    expect(en.json().error.message).toContain('reporting unit');
    const after = (await t.call(admin, 'GET', `/api/v1/surveillance/cases/${cyReportsHxPatient}`)).json();
    expect(after).toMatchObject({ addressCode: HX, version: read.version });
    // 长垣, the owner's county, may move it.
    const owner = await t.call(u.changyuan!, 'PUT', `/api/v1/surveillance/cases/${cyReportsHxPatient}`, body);
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('answers 403 to a list filter outside the caller’s scope, not an empty page', async () => {
    const hx = u.huixian!;
    const get = (who: string, q: string) => t.call(who, 'GET', `/api/v1/surveillance/cases?${q}`);
    expect((await get(hx, 'area=410783')).statusCode).toBe(403);
    expect((await get(hx, 'area=4108')).statusCode).toBe(403);
    expect((await get(hx, `institution=${cyHospital}`)).statusCode).toBe(403);
    expect((await get(hx, 'institution=999999')).statusCode).toBe(403);
    expect((await get(u.hospital!, `institution=${cyHospital}`)).statusCode).toBe(403);
    // An institution user's area is its institution's county (辉县市 here).
    expect((await get(u.hospital!, 'area=410783')).statusCode).toBe(403);
    expect((await get(u.hospital!, `area=${HX}`)).statusCode).toBe(200);
    expect((await get(u.hospital!, 'area=4107')).statusCode).toBe(200);
    expect((await get(u.viewer!, 'area=4108')).statusCode).toBe(403);
    const denied = await get(hx, 'area=410783');
    expect(denied.json().error.message).toContain('410783');
    // In scope: answered.
    expect((await get(hx, 'area=410782')).statusCode).toBe(200);
    expect((await get(hx, `institution=${hxHospital}`)).statusCode).toBe(200);
    expect((await get(u.city!, 'area=410783')).json().total).toBeGreaterThan(0);
    expect((await get(u.hospital!, `institution=${hxHospital}`)).statusCode).toBe(200);
    expect((await get(admin, 'area=4108')).statusCode).toBe(200);
  });

  it('audits every lookup by ID number, hit or miss, without the number; refuses it to read-only users', async () => {
    const hit = cards[0]!.citizenId;
    const miss = citizenId(999, '19700101');
    const found = await t.call(u.city!, 'GET', `/api/v1/surveillance/cases?citizenId=${hit}`);
    expect(found.json().total).toBe(1);
    const none = await t.call(u.city!, 'GET', `/api/v1/surveillance/cases?citizenId=${miss}`);
    expect(none.json().total).toBe(0);
    const ro = await t.call(u.viewer!, 'GET', `/api/v1/surveillance/cases?citizenId=${hit}`);
    expect(ro.statusCode).toBe(403);
    const outside = await t.call(u.huixian!, 'GET', `/api/v1/surveillance/cases?area=410783&citizenId=${miss}`);
    expect(outside.statusCode).toBe(403);
    const log = await t.call(admin, 'GET', '/api/v1/audit?action=case.lookup&limit=50');
    const entries = log.json().items as { username: string; after: { hits?: number; refused?: boolean } }[];
    expect(entries.filter((e) => e.username === 'city-t').map((e) => e.after.hits)).toEqual(
      expect.arrayContaining([0, 1]),
    );
    expect(entries.some((e) => e.username === 'viewer-t' && e.after.refused)).toBe(true);
    expect(entries.some((e) => e.username === 'huixian-t' && e.after.refused)).toBe(true);
    expect(log.body).not.toContain(hit);
    expect(log.body).not.toContain(miss);
  });

  it('cuts masks and audit values stored before the rule to the rule’s form (migration 009)', async () => {
    const id = cards[0]!.id;
    const db = t.ctx.db;
    await db.query(
      `update case_reports set citizen_id_masked = '410799********0017', phone_masked = '139****5678' where id = $1`,
      [id],
    );
    const snapshot = {
      disease_code: 'B0302',
      patient_name: '张**',
      parent_name: PARENT,
      citizen_id_masked: '410799********0017',
      phone_masked: '139****5678',
      birth_date: '1984-03-15',
      workplace: WORK,
      address_code: '410782001002',
      address_text: ADDRESS,
    };
    await db.query(
      `insert into audit_log (action, entity, entity_id, before, after) values ('case.correct', 'case_report', $1, $2, $3)`,
      [
        String(id),
        JSON.stringify(snapshot),
        JSON.stringify({ citizenId: '410799********0017', addressCode: '410782001002' }),
      ],
    );
    const sql = readFileSync(
      new URL('../src/surveillance/migrations/009_case_identifier_masks.sql', import.meta.url),
      'utf8',
    );
    await db.exec(sql);
    await db.exec(sql); // idempotent
    const { rows } = await db.query<{ citizen_id_masked: string; phone_masked: string }>(
      'select citizen_id_masked, phone_masked from case_reports where id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ citizen_id_masked: '*****************7', phone_masked: '*******5678' });
    const audit = await db.query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `select before, after from audit_log where entity = 'case_report' and entity_id = $1 and action = 'case.correct' order by id desc limit 1`,
      [String(id)],
    );
    expect(audit.rows[0]!.before).toEqual({
      disease_code: 'B0302',
      patient_name: '张**',
      parent_name: '王**',
      citizen_id_masked: '*****************7',
      phone_masked: '*******5678',
      birth_date: null,
      workplace: '***',
      address_code: '410782001',
      address_text: '***',
    });
    expect(audit.rows[0]!.after).toEqual({ citizenId: '*****************7', addressCode: '410782001' });
    expectNothingIdentifying((await t.call(admin, 'GET', '/api/v1/audit?limit=500')).body);
  });
});
