// Issue 15 §3–§4: family-doctor teams, packages, contracts (overlap refused naming the existing one, renewal,
// cancellation), programme enrolments (one open per programme, hypertension from 35), follow-ups saved with the
// 规范's assessment (urgent, two consecutive uncontrolled → referral), the preview that saves nothing, checks,
// bilingual field errors for dates, and who may write: the keeper institution and the contracted team, not
// another institution, not the county officials (they manage teams and contracts), never a read-only user.
import { chinaToday } from '@weijian/core/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVillages } from '../src/registry/areas-seed.ts';
import { createInstitution, createUsers, daysAgo, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX_VILLAGE = '410782001001'; // 辉县市 城关街道 东关居委会
const CY_VILLAGE = '410783001001'; // 长垣市

describe.each(ENGINES)('care programmes on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, string> = {};
  let ids: Map<string, number>;
  let hx: number;
  let hx2: number;
  let cy: number;
  const r: Record<string, number> = {};
  let team: number;

  const resident = async (name: string, sex: 'M' | 'F', birth: string, area: string, keeper: number) => {
    const { rows } = await t.ctx.db.query<{ id: number }>(
      `insert into care_residents (county_code, name, sex, birth_date, area_code, township_code, keeper_institution_id,
                                   established, id_masked)
       values ($1, $2, $3, $4, $5, $6, $7, $8, '**************123X') returning id`,
      [area.slice(0, 6), name, sex, birth, area, area.slice(0, 9), keeper, '2020-01-01'],
    );
    return Number(rows[0]!.id);
  };
  const followupCount = async (id: number) =>
    Number(
      (
        await t.ctx.db.query<{ n: number }>('select count(*)::int as n from care_followups where resident_id = $1', [
          id,
        ])
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    await loadVillages(t.ctx.db, '410782');
    await loadVillages(t.ctx.db, '410783');
    t.ctx.services.registry.areas.invalidate();
    hx = await createInstitution(t, admin, '城关街道社区卫生服务中心', HX_VILLAGE.slice(0, 9));
    hx2 = await createInstitution(t, admin, '辉县市另一卫生院', '410782002');
    cy = await createInstitution(t, admin, '长垣市蒲西卫生院', CY_VILLAGE.slice(0, 9));
    ids = await createUsers(t, admin, [
      { username: 'hx-doc', displayName: '李医生', role: 'institution', scopeInstitutionId: hx },
      { username: 'hx2-doc', displayName: '王医生', role: 'institution', scopeInstitutionId: hx2 },
      { username: 'huixian-c', displayName: '辉县市卫健局', role: 'county', scopeAreaCode: '410782' },
      { username: 'changyuan-c', displayName: '长垣市卫健委', role: 'county', scopeAreaCode: '410783' },
      { username: 'viewer-c', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
    ]);
    for (const n of ids.keys()) u[n] = await t.login(n, STRONG);
    r.adult = await resident('张建国', 'M', '1960-05-01', HX_VILLAGE, hx);
    r.young = await resident('赵小青', 'F', '1995-03-03', HX_VILLAGE, hx);
    r.elder = await resident('钱老汉', 'M', '1950-07-07', HX_VILLAGE, hx2);
    r.child = await resident('孙小宝', 'F', daysAgo(200), HX_VILLAGE, hx);
    r.cy = await resident('周长垣', 'F', '1970-01-01', CY_VILLAGE, cy);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('manages teams and packages within scope, contracts with overlap refused, renewal and cancellation', async () => {
    const body = {
      institutionId: hx,
      code: 'HX-T1',
      name: '东关家庭医生团队',
      leadName: '李医生',
      leadUserId: ids.get('hx-doc'),
      members: [
        { name: '刘护士', duty: 'nurse' },
        { name: '李医生', userId: ids.get('hx-doc'), duty: 'doctor' },
      ],
    };
    // Another county's official, another institution's user and a read-only user are refused.
    expect((await t.call(u['changyuan-c']!, 'POST', '/api/v1/care/teams', body)).statusCode).toBe(404);
    expect((await t.call(u['hx2-doc']!, 'POST', '/api/v1/care/teams', body)).statusCode).toBe(404);
    expect((await t.call(u['viewer-c']!, 'POST', '/api/v1/care/teams', body)).statusCode).toBe(403);
    const created = await t.call(u['huixian-c']!, 'POST', '/api/v1/care/teams', body);
    expect(created.statusCode, created.body).toBe(201);
    team = created.json().id;
    expect(created.json()).toMatchObject({ countyCode: '410782', institutionName: '城关街道社区卫生服务中心' });
    expect(created.json().members.map((m: { name: string }) => m.name)).toEqual(['刘护士', '李医生']);
    const dup = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/teams', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain(`编号 ${team}`);
    const badUser = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/teams', {
      ...body,
      code: 'HX-T2',
      members: [{ name: '某', userId: 999_999 }],
    });
    expect(badUser.statusCode).toBe(422);
    expect(badUser.json().error.details[0].path).toBe('members.0.userId');
    // Lists follow the scope: the team is the institution's and the county's, not 长垣's nor another institution's.
    expect((await t.call(u['hx-doc']!, 'GET', '/api/v1/care/teams')).json().total).toBe(1);
    expect((await t.call(u['huixian-c']!, 'GET', '/api/v1/care/teams')).json().total).toBe(1);
    expect((await t.call(u['changyuan-c']!, 'GET', '/api/v1/care/teams')).json().total).toBe(0);
    expect((await t.call(u['hx2-doc']!, 'GET', '/api/v1/care/teams')).json().total).toBe(0);
    expect((await t.call(u['hx2-doc']!, 'GET', `/api/v1/care/teams/${team}`)).statusCode).toBe(404);
    // A filter outside the scope is refused, not answered with an empty list.
    expect((await t.call(u['huixian-c']!, 'GET', '/api/v1/care/teams?county=410783')).statusCode).toBe(403);
    expect((await t.call(u['changyuan-c']!, 'GET', `/api/v1/care/teams?institution=${hx}`)).statusCode).toBe(403);
    expect((await t.call(u['hx-doc']!, 'GET', `/api/v1/care/teams?institution=${hx2}`)).statusCode).toBe(403);
    const renamed = await t.call(u['hx-doc']!, 'PUT', `/api/v1/care/teams/${team}`, { name: '东关一团队' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().members).toHaveLength(2);

    const pkg = { countyCode: '410782', code: 'BASIC', name: '基础包', feeYuan: 0 };
    expect((await t.call(u['hx-doc']!, 'POST', '/api/v1/care/packages', pkg)).statusCode).toBe(403);
    expect((await t.call(u['changyuan-c']!, 'POST', '/api/v1/care/packages', pkg)).statusCode).toBe(403);
    const p = await t.call(u['huixian-c']!, 'POST', '/api/v1/care/packages', pkg);
    expect(p.statusCode, p.body).toBe(201);
    expect((await t.call(u['hx-doc']!, 'GET', '/api/v1/care/packages')).json().items[0].code).toBe('BASIC');

    const year = chinaToday().slice(0, 4);
    const contract = {
      residentId: r.adult,
      teamId: team,
      packageId: p.json().id,
      start: `${year}-01-01`,
      end: `${year}-12-31`,
    };
    expect((await t.call(u['changyuan-c']!, 'POST', '/api/v1/care/contracts', contract)).statusCode).toBe(404);
    expect((await t.call(u['hx2-doc']!, 'POST', '/api/v1/care/contracts', contract)).statusCode).toBe(404);
    const c1 = await t.call(u['huixian-c']!, 'POST', '/api/v1/care/contracts', contract);
    expect(c1.statusCode, c1.body).toBe(201);
    expect(c1.json()).toMatchObject({ active: true, teamName: '东关一团队', packageName: '基础包', renewedFrom: null });
    const overlap = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/contracts', {
      ...contract,
      start: `${year}-06-01`,
      end: `${Number(year) + 1}-05-31`,
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toContain(`编号 ${c1.json().id}`);
    const overlapEn = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/contracts?lang=en', {
      ...contract,
      start: `${year}-06-01`,
      end: `${Number(year) + 1}-05-31`,
    });
    expect(overlapEn.json().error.message).toContain(`overlapping this period (id ${c1.json().id}`);
    const backwards = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/contracts', {
      ...contract,
      start: `${year}-06-01`,
      end: `${year}-05-01`,
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error.details.map((d: { path: string }) => d.path)).toContain('end');
    const renewed = await t.call(u['hx-doc']!, 'POST', `/api/v1/care/contracts/${c1.json().id}/renew`, {
      end: `${Number(year) + 1}-12-31`,
    });
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json()).toMatchObject({ start: `${Number(year) + 1}-01-01`, renewedFrom: c1.json().id });
    // The team's own institution signs a resident kept elsewhere (钱老汉 is kept by another centre).
    const elder = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/contracts', { ...contract, residentId: r.elder });
    expect(elder.statusCode, elder.body).toBe(201);
    // Cancel the renewal; the resident's list shows both, one cancelled.
    expect(
      (await t.call(u['viewer-c']!, 'POST', `/api/v1/care/contracts/${renewed.json().id}/cancel`)).statusCode,
    ).toBe(403);
    const cancelled = await t.call(u['huixian-c']!, 'POST', `/api/v1/care/contracts/${renewed.json().id}/cancel`);
    expect(cancelled.json()).toMatchObject({ cancelled: true, active: false });
    const list = await t.call(u['hx-doc']!, 'GET', `/api/v1/care/contracts?resident=${r.adult}`);
    expect(
      list
        .json()
        .items.map((c: { cancelled: boolean }) => c.cancelled)
        .sort(),
    ).toEqual([false, true]);
    expect((await t.call(u['changyuan-c']!, 'GET', `/api/v1/care/contracts?resident=${r.adult}`)).statusCode).toBe(404);
    const audit = await t.ctx.db.query<{ action: string }>(
      `select action from audit_log where action like 'care.contract.%' order by id`,
    );
    expect(audit.rows.map((a) => a.action)).toEqual([
      'care.contract.create',
      'care.contract.renew',
      'care.contract.create',
      'care.contract.cancel',
    ]);
  });

  it('enrols by the programmes’ rules and saves follow-ups with the 规范’s assessment, owner side only', async () => {
    const start = daysAgo(200);
    const enrol = (who: string, id: number, body: Record<string, unknown>) =>
      t.call(u[who]!, 'POST', `/api/v1/care/residents/${id}/enrolments`, body);
    const young = await enrol('hx-doc', r.young!, { program: 'hypertension', start });
    expect(young.statusCode).toBe(422);
    expect(young.json().error.details[0]).toMatchObject({ path: 'program' });
    expect(young.json().error.details[0].message).toContain('35');
    const future = await enrol('hx-doc', r.adult!, { program: 'hypertension', start: daysAgo(-3) });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details[0]).toMatchObject({ path: 'start' });
    expect(future.json().error.details[0].message).toContain('晚于今天');
    expect(
      (await enrol('hx-doc', r.adult!, { program: 'hypertension', start: '1959-01-01' })).json().error.details[0]
        .message,
    ).toContain('早于出生日期');
    expect((await enrol('hx2-doc', r.adult!, { program: 'hypertension', start })).statusCode).toBe(404);
    expect((await enrol('changyuan-c', r.adult!, { program: 'hypertension', start })).statusCode).toBe(404);
    const e1 = await enrol('hx-doc', r.adult!, { program: 'hypertension', start });
    expect(e1.statusCode, e1.body).toBe(201);
    expect(e1.json()).toMatchObject({ doctorUserId: ids.get('hx-doc'), institutionId: hx, end: null });
    const again = await enrol('hx-doc', r.adult!, { program: 'hypertension', start: daysAgo(100) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`登记 ${e1.json().id}`);
    // 钱老汉 is kept by another centre: hx-doc writes as a member of the contracted team.
    const e3 = await enrol('hx-doc', r.elder!, { program: 'diabetes', start });
    expect(e3.statusCode, e3.body).toBe(201);
    expect((await enrol('hx-doc', r.adult!, { program: 'maternal', start })).statusCode).toBe(422);

    const fu = (who: string, body: Record<string, unknown>) =>
      t.call(u[who]!, 'POST', '/api/v1/care/followups', { residentId: r.adult, program: 'hypertension', ...body });
    const first = await fu('hx-doc', {
      date: daysAgo(100),
      mode: 'clinic',
      sbp: 150,
      dbp: 95,
      medication: '氨氯地平 5mg qd',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      classification: 'uncontrolled',
      nextDue: daysAgo(86),
      urgent: false,
      referralSuggested: false,
    });
    const second = await fu('hx-doc', { date: daysAgo(90), mode: 'home', sbp: 185, dbp: 100 });
    expect(second.json()).toMatchObject({ classification: 'uncontrolled', urgent: true, referralSuggested: true });
    expect(
      second
        .json()
        .reasons.map((x: { zh: string }) => x.zh)
        .join(),
    ).toContain('紧急转诊');
    const stored = await t.ctx.db.query(
      "select classification, urgent, referral_suggested, to_char(next_due, 'YYYY-MM-DD') as next_due, doctor_user_id from care_followups where id = $1",
      [second.json().id],
    );
    expect(stored.rows[0]).toMatchObject({
      classification: 'uncontrolled',
      urgent: true,
      referral_suggested: true,
      next_due: second.json().nextDue,
      doctor_user_id: ids.get('hx-doc'),
    });
    // The preview answers the same rules and writes nothing.
    const before = await followupCount(r.adult!);
    const preview = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/followups/assess', {
      residentId: r.adult,
      program: 'hypertension',
      date: daysAgo(0),
      sbp: 128,
      dbp: 82,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ classification: 'controlled', urgent: false, referralSuggested: false });
    expect(preview.json().nextDue > daysAgo(-80)).toBe(true);
    expect(await followupCount(r.adult!)).toBe(before);

    // Field errors, both languages; nothing written.
    const bad = await fu('hx-doc', { date: daysAgo(-1), sbp: 120 });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['date', 'dbp']);
    const notEnrolled = await fu('hx-doc', { date: daysAgo(300), sbp: 120, dbp: 80 });
    expect(notEnrolled.json().error.details[0]).toMatchObject({ path: 'program' });
    expect(await followupCount(r.adult!)).toBe(before);
    // Who may not write: another institution (no standing: 404), the county officials (403), another county (404),
    // read-only users (403).
    const ok = { date: daysAgo(5), sbp: 130, dbp: 80 };
    expect((await fu('hx2-doc', ok)).statusCode).toBe(404);
    expect((await fu('huixian-c', ok)).statusCode).toBe(403);
    expect((await fu('changyuan-c', ok)).statusCode).toBe(404);
    expect((await fu('viewer-c', ok)).statusCode).toBe(403);
    expect(await followupCount(r.adult!)).toBe(before);
    const teamSide = await t.call(u['hx-doc']!, 'POST', '/api/v1/care/followups', {
      residentId: r.elder,
      program: 'diabetes',
      date: daysAgo(3),
      fbg: 3.5,
    });
    expect(teamSide.json()).toMatchObject({ classification: 'controlled', urgent: true });

    // Checks by the programmes' ages and sex.
    const check = (id: number, type: string, date = daysAgo(2)) =>
      t.call(u['hx-doc']!, 'POST', '/api/v1/care/checks', { residentId: id, type, date });
    expect((await check(r.elder!, 'elderly-annual')).statusCode).toBe(201);
    expect((await check(r.child!, 'child')).statusCode).toBe(201);
    expect((await check(r.young!, 'elderly-annual')).json().error.details[0].path).toBe('type');
    expect((await check(r.adult!, 'prenatal')).statusCode).toBe(422);
    expect((await check(r.child!, 'child', daysAgo(300))).json().error.details[0].message).toContain('早于出生日期');

    // The record's programmes and key-population flags.
    const list = await t.call(u['hx-doc']!, 'GET', `/api/v1/care/residents/${r.elder}/enrolments`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().keyFlags).toEqual(['elderly', 'diabetes']);
    expect((await t.call(u['huixian-c']!, 'GET', `/api/v1/care/residents/${r.elder}/enrolments`)).statusCode).toBe(200);
    const elsewhere = await t.call(u['hx2-doc']!, 'GET', `/api/v1/care/residents/${r.adult}/enrolments`);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('REASON_REQUIRED');

    // Ending an enrolment: not before its start; a follow-up after the end is refused.
    const end = (body: Record<string, unknown>) =>
      t.call(u['hx-doc']!, 'PUT', `/api/v1/care/enrolments/${e1.json().id}`, body);
    expect((await end({ end: daysAgo(250) })).json().error.details[0].path).toBe('end');
    // 结案: a reason goes with an end date, names no unknown code, and is kept in the audit trail.
    expect((await end({ endReason: 'moved-out' })).json().error.details[0].path).toBe('endReason');
    expect((await end({ end: daysAgo(1), endReason: 'emigrated' })).statusCode).toBe(400);
    const ended = await end({ end: daysAgo(1), endReason: 'moved-out' });
    expect(ended.json()).toMatchObject({ end: daysAgo(1) });
    const trail = await t.ctx.db.query<{ after: { endReason?: string } }>(
      `select after from audit_log where action = 'care.enrolment.update' and entity_id = $1 order by id desc limit 1`,
      [String(e1.json().id)],
    );
    expect(trail.rows[0]?.after.endReason).toBe('moved-out');
    expect((await fu('hx-doc', { date: daysAgo(0), sbp: 120, dbp: 80 })).json().error.details[0].path).toBe('program');
    // The county official hands the follow-up over to nobody else's resident: 长垣's record stays out of reach.
    expect((await t.call(u['huixian-c']!, 'GET', `/api/v1/care/residents/${r.cy}/enrolments`)).statusCode).toBe(404);
  });
});
