// Issue 15 §5: work lists. Records are written straight into the care tables (as an import would leave them)
// and the list must answer, per doctor (enrolments held + residents contracted with their teams), team,
// institution and township: one item per follow-up or check due by the 规范's schedules (stored next date of
// the latest follow-up, clipped to the quarter's end while no face-to-face visit happened this quarter; the
// enrolment's quarter when none; elderly yearly, child and maternal visits), filtered, sorted, keyset-paged,
// masked, exportable to XLSX; and refuse other scopes. It also times one doctor's list of ~1,000 patients.
import { addMonths, addYears, quarterEnd, quarterStart } from '@weijian/core/care';
import { chinaToday } from '@weijian/core/platform';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFollowups } from '../src/care/bulk-repo.ts';
import { loadVillages } from '../src/registry/areas-seed.ts';
import { createInstitution, createUsers, daysAgo, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX_VILLAGE = '410782001001';
const HX_VILLAGE2 = '410782001002';
const CY_VILLAGE = '410783001001';

interface Row {
  residentId: number;
  name: string;
  kind: string;
  program: string | null;
  checkType: string | null;
  dueDate: string;
  overdueDays: number;
  idMasked: string | null;
  villageName: string | null;
}

describe.each(ENGINES)('care work lists on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  const u: Record<string, string> = {};
  let ids: Map<string, number>;
  let hx: number;
  let hx2: number;
  let team: number;
  const today = chinaToday();
  const r: Record<string, number> = {};
  /** The items each resident must produce for the doctor, by hand from the 规范's rules. */
  const expected: { name: string; kind: string; program: string | null; checkType: string | null; due: string }[] = [];

  const q = (sql: string, params: unknown[] = []) => t.ctx.db.query<Record<string, unknown>>(sql, params);
  const resident = async (
    name: string,
    sex: string,
    birth: string,
    area: string,
    over: Record<string, unknown> = {},
  ) => {
    const { rows } = await q(
      `insert into care_residents (county_code, name, sex, birth_date, area_code, township_code, keeper_institution_id,
                                   id_masked, phone_masked, death_date)
       values ($1, $2, $3, $4, $5, $6, $7, '****************1X', '138****5678', $8) returning id`,
      [area.slice(0, 6), name, sex, birth, area, area.slice(0, 9), over.keeper ?? hx, over.death ?? null],
    );
    return Number(rows[0]!.id);
  };
  const enrol = async (id: number, county: string, program: string, start: string, doctor: number, lmp?: string) =>
    q(
      `insert into care_enrolments (county_code, resident_id, program, start_date, doctor_user_id, institution_id, lmp)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [county, id, program, start, doctor, hx, lmp ?? null],
    );
  const followup = (id: number, program: string, date: string, mode: string, nextDue: string) =>
    q(
      `insert into care_followups (county_code, resident_id, program, date, mode, sbp, dbp, classification, next_due)
       values ('410782', $1, $2, $3, $4, 150, 95, 'uncontrolled', $5)`,
      [id, program, date, mode, nextDue],
    );
  const list = async (cookie: string, query: string) => {
    const res = await t.call(cookie, 'GET', `/api/v1/care/worklist?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; due: number; overdue: number; nextCursor: string | null; items: Row[] };
  };
  /** Due as programmeDue gives it for a chronic programme: the stored date, clipped at the quarter's end
   *  while the quarter has no face-to-face visit. */
  const chronicDue = (nextDue: string, f2fThisQuarter: boolean) =>
    f2fThisQuarter || nextDue <= quarterEnd(today) ? nextDue : quarterEnd(today);

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    await loadVillages(t.ctx.db, '410782');
    await loadVillages(t.ctx.db, '410783');
    t.ctx.services.registry.areas.invalidate();
    hx = await createInstitution(t, admin, '城关街道社区卫生服务中心', '410782001');
    hx2 = await createInstitution(t, admin, '辉县市另一卫生院', '410782002');
    ids = await createUsers(t, admin, [
      { username: 'doc', displayName: '李医生', role: 'institution', scopeInstitutionId: hx },
      { username: 'doc2', displayName: '张医生', role: 'institution', scopeInstitutionId: hx },
      { username: 'other-doc', displayName: '王医生', role: 'institution', scopeInstitutionId: hx2 },
      { username: 'huixian-c', displayName: '辉县市卫健局', role: 'county', scopeAreaCode: '410782' },
      { username: 'changyuan-c', displayName: '长垣市卫健委', role: 'county', scopeAreaCode: '410783' },
    ]);
    for (const n of ids.keys()) u[n] = await t.login(n, STRONG);
    const doc = ids.get('doc')!;
    team = Number(
      (
        await q(
          `insert into care_teams (county_code, code, institution_id, name, lead_name) values ('410782', 'T1', $1, '一队', '刘')
           returning id`,
          [hx],
        )
      ).rows[0]!.id,
    );
    await q(
      `insert into care_team_members (county_code, team_id, seq, name, user_id) values ('410782', $1, 1, '李', $2)`,
      [team, doc],
    );
    const contract = (id: number) =>
      q(
        `insert into care_contracts (county_code, resident_id, team_id, start_date, end_date)
         values ('410782', $1, $2, $3, $4)`,
        [id, team, daysAgo(300), addYears(today, 1)],
      );

    // A: hypertension, latest follow-up 30 days ago (clinic) proposed 16 days ago → overdue by 16 days.
    r.a = await resident('甲', 'M', '1965-01-01', HX_VILLAGE);
    await enrol(r.a, '410782', 'hypertension', daysAgo(400), doc);
    await followup(r.a, 'hypertension', daysAgo(40), 'clinic', daysAgo(26));
    await followup(r.a, 'hypertension', daysAgo(30), 'clinic', daysAgo(16));
    expected.push({
      name: '甲',
      kind: 'followup',
      program: 'hypertension',
      checkType: null,
      due: chronicDue(daysAgo(16), daysAgo(30) >= quarterStart(today)),
    });
    // B: diabetes, a phone follow-up yesterday proposing 80 days ahead.
    r.b = await resident('乙', 'F', '1966-02-02', HX_VILLAGE2);
    await enrol(r.b, '410782', 'diabetes', daysAgo(400), doc);
    await followup(r.b, 'diabetes', daysAgo(1), 'phone', daysAgo(-80));
    expected.push({
      name: '乙',
      kind: 'followup',
      program: 'diabetes',
      checkType: null,
      due: chronicDue(daysAgo(-80), false),
    });
    // C: hypertension enrolled 5 days ago, never seen: due by the end of the enrolment's quarter.
    r.c = await resident('丙', 'M', '1970-03-03', HX_VILLAGE);
    await enrol(r.c, '410782', 'hypertension', daysAgo(5), doc);
    expected.push({
      name: '丙',
      kind: 'followup',
      program: 'hypertension',
      checkType: null,
      due: quarterEnd(daysAgo(5)),
    });
    // D: 76 years old, contracted with the doctor's team, never checked: the yearly check is due from 1 January.
    r.d = await resident('丁', 'M', '1950-07-07', HX_VILLAGE, { keeper: hx2 });
    await contract(r.d);
    expected.push({
      name: '丁',
      kind: 'check',
      program: null,
      checkType: 'elderly-annual',
      due: `${today.slice(0, 4)}-01-01`,
    });
    // E: a baby of 100 days, contracted: the 3-month visit is the latest one missed.
    const born = daysAgo(100);
    r.e = await resident('戊', 'F', born, HX_VILLAGE);
    await contract(r.e);
    expected.push({ name: '戊', kind: 'check', program: 'child', checkType: 'child', due: addMonths(born, 3) });
    // F: pregnant, LMP 60 days ago, booked: the first prenatal visit is due before 13 weeks.
    r.f = await resident('己', 'F', '1995-05-05', HX_VILLAGE);
    await enrol(r.f, '410782', 'maternal', daysAgo(10), doc, daysAgo(60));
    expected.push({ name: '己', kind: 'check', program: 'maternal', checkType: 'prenatal', due: daysAgo(60 - 90) });
    // G: another doctor's patient; H: dead; I: a 长垣 resident the doctor holds (outside 辉县 officials' area).
    r.g = await resident('庚', 'M', '1965-01-01', HX_VILLAGE);
    await enrol(r.g, '410782', 'hypertension', daysAgo(400), ids.get('doc2')!);
    r.h = await resident('辛', 'M', '1965-01-01', HX_VILLAGE, { death: daysAgo(3) });
    await enrol(r.h, '410782', 'hypertension', daysAgo(400), doc);
    r.i = await resident('壬', 'M', '1965-01-01', CY_VILLAGE);
    await enrol(r.i, '410783', 'hypertension', daysAgo(400), doc);
    // I has no follow-up: due at the end of its enrolment's quarter (long past).
    expected.push({
      name: '壬',
      kind: 'followup',
      program: 'hypertension',
      checkType: null,
      due: quarterEnd(daysAgo(400)),
    });
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists a doctor’s due follow-ups and checks by the schedules, filtered, sorted and paged', async () => {
    const all = await list(u.doc!, 'status=all&limit=500');
    const got = all.items.map((i) => ({
      name: i.name,
      kind: i.kind,
      program: i.program,
      checkType: i.checkType,
      due: i.dueDate,
    }));
    const byKey = (x: { name: string; checkType: string | null }) => `${x.name}${x.checkType}`;
    expect([...got].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [...expected].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    // Sorted by due date; identifiers masked; the village named.
    expect(all.items.map((i) => i.dueDate)).toEqual(all.items.map((i) => i.dueDate).sort());
    expect(all.items.find((i) => i.name === '甲')).toMatchObject({
      idMasked: '****************1X',
      villageName: '东关居民委员会',
      overdueDays: 16,
    });
    expect(JSON.stringify(all)).not.toMatch(/1965-01-01|13812345678/);

    const horizon = daysAgo(-14);
    const dueList = await list(u.doc!, 'limit=500');
    expect(dueList.items.map((i) => i.name).sort()).toEqual(
      expected
        .filter((e) => e.due <= horizon)
        .map((e) => e.name)
        .sort(),
    );
    const overdue = await list(u.doc!, 'status=overdue');
    expect(overdue.items.map((i) => i.name).sort()).toEqual(
      expected
        .filter((e) => e.due < today)
        .map((e) => e.name)
        .sort(),
    );
    expect(overdue.items.every((i) => i.overdueDays > 0)).toBe(true);
    expect((await list(u.doc!, 'status=all&program=elderly')).items.map((i) => i.name)).toEqual(['丁']);
    expect((await list(u.doc!, 'status=all&program=hypertension')).items.map((i) => i.name).sort()).toEqual(
      ['丙', '壬', '甲'].sort(),
    );

    // Keyset paging by name, two at a time: every item once, in order.
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(u.doc!, `status=all&sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.total).toBe(expected.length);
      names.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    expect(names).toEqual(expected.map((e) => e.name).sort());
    const bad = await t.call(u.doc!, 'GET', '/api/v1/care/worklist?sort=due&cursor=eyJzIjoieCJ9');
    expect(bad.statusCode).toBe(422);

    // The team's list holds its contracted residents; the institution's its kept records and enrolments.
    expect((await list(u.doc!, `team=${team}&status=all`)).items.map((i) => i.name).sort()).toEqual(['丁', '戊']);
    const inst = await list(u.doc!, `institution=${hx}&status=all&limit=500`);
    expect(inst.items.map((i) => i.name)).toContain('庚');
    expect(inst.items.map((i) => i.name)).not.toContain('辛');
    // 辉县's officials see the township's list and the doctor's, without the 长垣 resident.
    const township = await list(u['huixian-c']!, 'township=410782001&status=all&limit=500');
    expect(township.items.map((i) => i.name)).toEqual(
      expect.arrayContaining(['甲', '乙', '丙', '丁', '戊', '己', '庚']),
    );
    const ofDoctor = await list(u['huixian-c']!, `doctor=${ids.get('doc')}&status=all`);
    expect(ofDoctor.items.map((i) => i.name)).not.toContain('壬');
    expect(ofDoctor.total).toBe(expected.length - 1);
  });

  it('refuses other scopes and exports the filtered list to XLSX', async () => {
    const status = async (cookie: string, query: string) =>
      (await t.call(cookie, 'GET', `/api/v1/care/worklist?${query}`)).statusCode;
    expect(await status(u['changyuan-c']!, `team=${team}`)).toBe(404);
    expect(await status(u['other-doc']!, `team=${team}`)).toBe(404);
    expect(await status(u['other-doc']!, `institution=${hx}`)).toBe(404);
    expect(await status(u['other-doc']!, `doctor=${ids.get('doc')}`)).toBe(403);
    expect(await status(u['other-doc']!, 'township=410782001')).toBe(403);
    expect(await status(u['changyuan-c']!, 'township=410782001')).toBe(403);
    expect(await status(null as unknown as string, 'status=all')).toBe(401);
    // A colleague of the same institution may open the doctor's list.
    expect(await status(u.doc2!, `doctor=${ids.get('doc')}`)).toBe(200);

    const res = await t.call(u.doc!, 'GET', '/api/v1/care/worklist.xlsx?status=all&lang=zh');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    const rows: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1 && typeof row.getCell(2).value === 'string' && row.getCell(11).value)
        rows.push(String(row.getCell(2).value));
    });
    expect(rows.sort()).toEqual(expected.map((e) => e.name).sort());
    expect(res.rawPayload.toString('latin1')).not.toContain('13812345678');
  });

  it('answers one doctor’s list of ~1,000 patients quickly (the indexes of 026)', async () => {
    const doc2 = ids.get('doc2')!;
    await q(
      `insert into care_residents (county_code, name, sex, birth_date, area_code, township_code, keeper_institution_id)
       select '410782', '患者' || g, 'M', date '1940-01-01' + g * 7, $1, '410782001', $2 from generate_series(1, 1000) g`,
      [HX_VILLAGE, hx],
    );
    await q(
      `insert into care_enrolments (county_code, resident_id, program, start_date, doctor_user_id, institution_id)
       select county_code, id, case when id % 4 = 0 then 'diabetes' else 'hypertension' end, date '2020-01-01', $1, $2
         from care_residents where name like '患者%'`,
      [doc2, hx],
    );
    await q(
      `insert into care_followups (county_code, resident_id, program, date, mode, sbp, dbp, classification, next_due)
       select e.county_code, e.resident_id, e.program, $1::date - k * 85 - (e.resident_id % 30)::int, 'clinic', 132, 84,
              'controlled', $1::date - k * 85 - (e.resident_id % 30)::int + 90
         from care_enrolments e, generate_series(0, 7) k where e.doctor_user_id = $2`,
      [today, doc2],
    );
    await q('analyze');
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    let total = 0;
    for (let k = 0; k < 20; k++) {
      const t0 = performance.now();
      const page = await list(u.doc2!, 'status=due');
      times.push(performance.now() - t0);
      total = page.total;
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95) - 1]!;
    console.log(
      `[bench] worklist of one doctor (1,001 patients, 8,000 follow-ups, ${engine}): ${total} due items, p50 ${times[10]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, CPU ${((cpu.user + cpu.system) / 1000 / 20).toFixed(1)} ms per request`,
    );
    expect(total).toBeGreaterThan(100);
  });

  it('keeps each enrolment’s follow-up state exact through saves, edits, deletes, moves and imports (031)', async () => {
    const doc = ids.get('doc')!;
    // The stored state against a recomputation from care_followups: rows that differ, are missing or are extra.
    const drift = async () =>
      (
        await q(`
      with fresh as (
        select e.county_code, e.id, f.date, f.next_due, f.classification, f.mode, f.urgent,
               (select max(p.date) from care_followups p
                 where p.county_code = e.county_code and p.resident_id = e.resident_id and p.program = e.program
                   and p.date >= e.start_date and p.mode <> 'phone') as f2f
          from care_enrolments e
          left join lateral (
            select date, next_due, classification, mode, urgent from care_followups f
             where f.county_code = e.county_code and f.resident_id = e.resident_id and f.program = e.program
               and f.date >= e.start_date
             order by f.date desc, f.id desc limit 1) f on true)
      select count(*)::int as n
        from fresh full join care_enrolment_state s on s.county_code = fresh.county_code and s.enrolment_id = fresh.id
       where s.enrolment_id is null or fresh.id is null
          or (fresh.date, fresh.next_due, fresh.classification, fresh.mode, fresh.urgent, fresh.f2f)
             is distinct from (s.last_date, s.last_next_due, s.last_class, s.last_mode, s.last_urgent, s.last_f2f)`)
      ).rows[0]!.n;
    const dueOf = async (name: string) =>
      (await list(u.doc!, 'status=all&program=hypertension&limit=500')).items.find((i) => i.name === name)?.dueDate;
    const inQuarter = (d: string) => d >= quarterStart(today);
    expect(await drift()).toBe(0);

    // Saved: a clinic visit 20 days ago proposing a date 10 days ahead.
    r.j = await resident('癸', 'M', '1960-01-01', HX_VILLAGE);
    await enrol(r.j, '410782', 'hypertension', daysAgo(400), doc);
    expect(await dueOf('癸')).toBe(quarterEnd(daysAgo(400)));
    await followup(r.j, 'hypertension', daysAgo(20), 'clinic', daysAgo(-10));
    expect(await drift()).toBe(0);
    expect(await dueOf('癸')).toBe(chronicDue(daysAgo(-10), inQuarter(daysAgo(20))));
    // Edited: another next date, then the visit made a phone call (no face-to-face visit this quarter).
    await q('update care_followups set next_due = $2 where resident_id = $1', [r.j, daysAgo(-30)]);
    expect(await dueOf('癸')).toBe(chronicDue(daysAgo(-30), inQuarter(daysAgo(20))));
    await q(`update care_followups set mode = 'phone' where resident_id = $1`, [r.j]);
    expect(await drift()).toBe(0);
    expect(await dueOf('癸')).toBe(chronicDue(daysAgo(-30), false));
    // Deleted: back to the enrolment's quarter.
    await q('delete from care_followups where resident_id = $1', [r.j]);
    expect(await drift()).toBe(0);
    expect(await dueOf('癸')).toBe(quarterEnd(daysAgo(400)));
    // Imported (COPY, as NDJSON import writes): a home visit 5 days ago proposing 60 days ahead.
    await t.ctx.db.tx((tx) =>
      insertFollowups(tx, [
        {
          county: '410782',
          residentId: r.j!,
          program: 'hypertension',
          date: daysAgo(5),
          mode: 'home',
          nextDue: daysAgo(-60),
        },
        {
          county: '410782',
          residentId: r.b!,
          program: 'diabetes',
          date: daysAgo(2),
          mode: 'clinic',
          nextDue: daysAgo(-85),
        },
      ]),
    );
    expect(await drift()).toBe(0);
    expect(await dueOf('癸')).toBe(chronicDue(daysAgo(-60), inQuarter(daysAgo(5))));
    // A follow-up dated after today does not count yet: the list reads past the stored state for it.
    await followup(r.j, 'hypertension', daysAgo(-3), 'clinic', daysAgo(-200));
    expect(await drift()).toBe(0);
    expect(await dueOf('癸')).toBe(chronicDue(daysAgo(-60), inQuarter(daysAgo(5))));
    // The enrolment restarted after its follow-ups: none of them counts.
    await q(`update care_enrolments set start_date = $2 where resident_id = $1`, [r.j, daysAgo(4)]);
    expect(await drift()).toBe(0);
    expect(await dueOf('癸')).toBe(quarterEnd(daysAgo(4)));
    // Moved to another record (what a merge does to follow-ups and enrolments), then removed.
    await q('update care_followups set resident_id = $2 where resident_id = $1', [r.j, r.a]);
    await q('update care_enrolments set resident_id = $2 where resident_id = $1', [r.j, r.c]);
    expect(await drift()).toBe(0);
    await q('delete from care_enrolments where resident_id = $1 and start_date = $2', [r.c, daysAgo(4)]);
    expect(await drift()).toBe(0);
  });
});
