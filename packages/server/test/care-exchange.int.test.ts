// Care NDJSON import (issue 15 §7): all-or-nothing with every bad line named, dry run, external ids mapped to
// rows (residents of the file or stored ones, team codes of the county), scope, and the import rate.
import { citizenIdCheckChar } from '@weijian/core/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTeams } from '../src/care/bulk-repo.ts';
import { parseCareText } from '../src/care/exchange-routes.ts';
import { AccessPolicy } from '../src/platform/access-policy.ts';
import { loadVillages } from '../src/registry/areas-seed.ts';
import { createUsers, multipart, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const ndjson = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
const idOf = (birth: string, seq: number) => {
  const first17 = `410782${birth}${String(seq).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
};

describe.each(ENGINES)('care import (%s)', (engine) => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let village: string;
  let otherVillage: string;
  const post = (cookie: string, body: string, q = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/care/import${q}`,
      headers: { cookie, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
  const count = async (table: string) =>
    (await t.ctx.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

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
    const inst = (
      await t.ctx.db.query<{ id: number }>(`select id from institutions where county_code = '410782' limit 1`)
    ).rows[0];
    c.admin = await t.login('admin');
    await t.ctx.db.tx((q) =>
      insertTeams(q, [
        { county: '410782', code: 'T1', institutionId: inst?.id ?? 1, name: '一队', leadName: '王医生' },
      ]),
    );
    await createUsers(t, c.admin, [
      { username: 'huixian', displayName: '辉县', role: 'county', scopeAreaCode: '410782' },
      { username: 'viewer', displayName: '只读', role: 'readonly', scopeAreaCode: '410782' },
    ]);
    for (const u of ['huixian', 'viewer']) c[u] = await t.login(u, STRONG);
  }, 600_000);
  afterAll(() => t?.close());

  it('refuses a file with bad lines naming each, writes nothing; a dry run counts; then imports and maps ids', async () => {
    const good = [
      { kind: 'resident', id: 'R1', sex: 'M', birthDate: '1950-02-03', area: village, idNumber: idOf('19500203', 11) },
      { kind: 'resident', id: 'R2', sex: 'F', birthDate: '2021-06-01', area: village, established: '2021-06-10' },
      { kind: 'enrolment', resident: 'R1', program: 'hypertension', start: '2023-01-05' },
      {
        kind: 'followup',
        resident: 'R1',
        program: 'hypertension',
        date: '2024-03-01',
        mode: 'clinic',
        sbp: 150,
        dbp: 95,
      },
      { kind: 'check', resident: 'R2', type: 'child', date: '2024-05-01' },
      { kind: 'contract', resident: 'R1', team: 'T1', start: '2024-01-01', end: '2024-12-31' },
    ];
    const badLines = [
      ...good,
      { kind: 'resident', id: 'R3', sex: 'M', birthDate: '1960-01-01', area: otherVillage },
      { kind: 'followup', resident: 'NOPE', program: 'diabetes', date: '2024-03-01', mode: 'phone' },
      { kind: 'contract', resident: 'R2', team: 'T9', start: '2024-01-01', end: '2024-12-31' },
    ];
    const text = `${ndjson(badLines)}{not json\n`;
    const refused = await post(c.huixian!, text);
    expect(refused.statusCode, refused.body).toBe(422);
    const paths = refused.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['line 7.area', 'line 8.resident', 'line 9.team', 'line 10']);
    expect(await count('care_residents')).toBe(0);

    const dry = await post(c.huixian!, ndjson(good), '?dryRun=true');
    expect(dry.json()).toEqual({
      dryRun: true,
      lines: 6,
      residents: 2,
      enrolments: 1,
      followups: 1,
      checks: 1,
      contracts: 1,
    });
    expect(await count('care_residents')).toBe(0);
    expect((await post(c.viewer!, ndjson(good))).statusCode).toBe(403);

    const done = await post(c.huixian!, ndjson(good));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, residents: 2, contracts: 1 });
    const r1 = (
      await t.ctx.db.query<{ id: number; idh: string | null }>(
        `select id::int as id, id_hmac as idh from care_residents where external_id = 'R1'`,
      )
    ).rows[0]!;
    expect(r1.idh).not.toBeNull();
    const linked = await t.ctx.db.query(
      `select 1 from care_followups f join care_contracts c on c.resident_id = f.resident_id where f.resident_id = $1`,
      [r1.id],
    );
    expect(linked.rows).toHaveLength(1);

    // A later file refers to stored residents by their external id; a resident sent again is refused, named.
    const later = await post(
      c.huixian!,
      ndjson([
        {
          kind: 'followup',
          resident: 'R1',
          program: 'hypertension',
          date: '2024-06-01',
          mode: 'home',
          sbp: 130,
          dbp: 80,
        },
        { kind: 'resident', id: 'R2', sex: 'F', birthDate: '2021-06-01', area: village },
      ]),
    );
    expect(later.statusCode).toBe(422);
    expect(later.json().error.details[0]).toMatchObject({ path: 'line 2.id' });
    expect(later.json().error.details[0].message).toContain('#');
    const again = await post(
      c.huixian!,
      ndjson([
        {
          kind: 'followup',
          resident: 'R1',
          program: 'hypertension',
          date: '2024-06-01',
          mode: 'home',
          sbp: 130,
          dbp: 80,
        },
      ]),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(await count('care_followups')).toBe(2);
  }, 180_000);

  it('imports a CSV of the residents template, Chinese labels and bad rows named by sheet row', async () => {
    const tpl = await t.call(c.huixian!, 'GET', '/api/v1/care/templates/residents.csv');
    expect(tpl.statusCode).toBe(200);
    const header = tpl.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    expect(header.startsWith('居民编号,姓名,身份证号,性别,出生日期')).toBe(true);
    const cols = header.split(',').length;
    const row = (cells: string[]) => [...cells, ...Array(cols - cells.length).fill('')].join(',');
    const upload = (text: string) => {
      const m = multipart('residents.csv', Buffer.from(`${header}\n${text}`));
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/care/import?kind=residents',
        headers: { ...m.headers, cookie: c.huixian! },
        payload: m.payload,
      });
    };
    const bad = await upload(
      `${row(['S1', '赵六', '', '男', '1962/3/4', village])}\n${row(['S2', '钱七', '', '未知', '1962-03-04', village])}\n`,
    );
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['row 3.sex']);
    const ok = await upload(`${row(['S1', '赵六', '', '男', '1962/3/4', village])}\n`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ residents: 1, lines: 1 });
    const stored = await t.ctx.db.query<{ sex: string; b: string }>(
      `select sex, to_char(birth_date, 'YYYY-MM-DD') as b from care_residents where external_id = 'S1'`,
    );
    expect(stored.rows).toEqual([{ sex: 'M', b: '1962-03-04' }]);
  }, 180_000);

  it('reads an uploaded .ndjson file as the NDJSON body: bad lines named, nothing stored', async () => {
    const send = (text: string) => {
      const m = multipart('care.ndjson', Buffer.from(text));
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/care/import',
        headers: { ...m.headers, cookie: c.huixian! },
        payload: m.payload,
      });
    };
    const line = { kind: 'resident', id: 'U1', sex: 'F', birthDate: '1970-01-02', area: village };
    const bad = await send(ndjson([line, { ...line, id: 'U2', sex: 'X' }]));
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['line 2.sex']);
    expect((await t.ctx.db.query(`select 1 from care_residents where external_id = 'U1'`)).rows).toHaveLength(0);
    const ok = await send(ndjson([line]));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ residents: 1, lines: 1 });
  }, 180_000);

  it('assesses imported follow-ups by the rules, in date order per resident and programme, after the stored ones', async () => {
    const fu = (date: string, sbp: number, dbp: number) => ({
      kind: 'followup',
      resident: 'A1',
      program: 'hypertension',
      date,
      mode: 'clinic',
      sbp,
      dbp,
    });
    const first = await post(
      c.huixian!,
      ndjson([
        { kind: 'resident', id: 'A1', sex: 'F', birthDate: '1952-07-01', area: village, established: '2020-01-01' },
        { kind: 'enrolment', resident: 'A1', program: 'hypertension', start: '2023-06-01' },
        // out of order in the file: the rules still see 03-01 before 03-10
        fu('2024-03-10', 160, 100),
        fu('2024-03-01', 150, 95),
        fu('2024-06-01', 128, 80),
        fu('2024-09-01', 186, 96),
      ]),
    );
    expect(first.statusCode, first.body).toBe(200);
    const stored = async () =>
      (
        await t.ctx.db.query<{ date: string; cls: string; due: string; urgent: boolean; referral: boolean }>(
          `select to_char(f.date, 'YYYY-MM-DD') as date, f.classification as cls, to_char(f.next_due, 'YYYY-MM-DD') as due,
                  f.urgent, f.referral_suggested as referral
             from care_followups f join care_residents r on r.county_code = f.county_code and r.id = f.resident_id
            where r.external_id = 'A1' order by f.date`,
        )
      ).rows;
    expect(await stored()).toEqual([
      { date: '2024-03-01', cls: 'uncontrolled', due: '2024-03-15', urgent: false, referral: false },
      { date: '2024-03-10', cls: 'uncontrolled', due: '2024-03-24', urgent: false, referral: true },
      { date: '2024-06-01', cls: 'controlled', due: '2024-09-01', urgent: false, referral: false },
      { date: '2024-09-01', cls: 'uncontrolled', due: '2024-09-15', urgent: true, referral: true },
    ]);
    // A later file: the stored 09-01 visit (uncontrolled) comes before this one, so two in a row suggest referral.
    const later = await post(c.huixian!, ndjson([fu('2024-09-14', 150, 92)]));
    expect(later.statusCode, later.body).toBe(200);
    expect((await stored()).at(-1)).toEqual({
      date: '2024-09-14',
      cls: 'uncontrolled',
      due: '2024-09-28',
      urgent: false,
      referral: true,
    });
  }, 180_000);

  it('imports 20,000 lines in one transaction and reports the rate', async () => {
    const lines: object[] = [];
    const n = 5_000;
    for (let i = 0; i < n; i++) {
      const id = `B${i}`;
      lines.push({ kind: 'resident', id, sex: i % 2 ? 'M' : 'F', birthDate: '1955-01-01', area: village });
      lines.push({ kind: 'enrolment', resident: id, program: 'hypertension', start: '2023-01-01' });
      lines.push({
        kind: 'followup',
        resident: id,
        program: 'hypertension',
        date: '2024-02-01',
        mode: 'clinic',
        sbp: 135,
      });
      lines.push({ kind: 'check', resident: id, type: 'elderly-annual', date: '2024-04-01' });
    }
    const text = ndjson(lines);
    const admin = await t.ctx.services.identity.users.adminPrincipal();
    const policy = new AccessPolicy(admin, t.ctx.services.registry.areaScope, { principal: admin, ip: null });
    const checksBefore = await count('care_checks');
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { entries, problems } = parseCareText(text);
    const r = await t.ctx.services.care.exchange.importItems(policy, entries, problems, { dryRun: false });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    expect(r).toMatchObject({ lines: 4 * n, residents: n, enrolments: n, followups: n, checks: n });
    expect(await count('care_checks')).toBe(checksBefore + n);
    console.log(
      `care import (${engine}): ${4 * n} lines in ${seconds.toFixed(2)} s wall = ${Math.round((4 * n) / seconds)} lines/s; ` +
        `CPU of this process ${cpuSeconds.toFixed(2)} s = ${Math.round((4 * n) / cpuSeconds)} lines per CPU-second`,
    );
  }, 300_000);
});
