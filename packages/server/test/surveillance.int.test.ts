// Early warning end to end on a real database: case reports (idempotent, duplicates flagged, corrections
// and deletions with history, bad input named and nothing lost), scope and masking of personal data, audited
// reads, stream counts, the signal engine and fusion, the response workflow and KPIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, createInstitution, createUsers, daysAgo, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const HX2 = '410782002';
const CY = '410783001'; // a township of 长垣市

describe.each(ENGINES)('surveillance API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hxHospital: number;
  let cyHospital: number;
  let hxUserId: number;
  let cyUserId: number;
  let seq = 0;

  const card = (over: Record<string, unknown> = {}) => {
    seq++;
    return {
      clientReportId: `T-${seq}`,
      institutionId: hxHospital,
      diseaseCode: 'B0302',
      classification: 'confirmed',
      patientName: '张小明',
      citizenId: citizenId(seq, '19800101'),
      occupation: '农民',
      addressCode: HX,
      onsetDate: daysAgo(40),
      diagnosisAt: `${daysAgo(39)} 10:00`,
      reportedAt: `${daysAgo(39)} 12:00`,
      doctorName: '李医生',
      phone: '13912345678',
      ...over,
    };
  };

  const ndjson = (cookie: string, lines: string[], query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/surveillance/cases/bulk${query}`,
      headers: { cookie, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    hxHospital = await createInstitution(t, admin, '辉县市人民医院', HX);
    cyHospital = await createInstitution(t, admin, '长垣市人民医院', CY);
    const ids = await createUsers(t, admin, [
      { username: 'hx-cdc', displayName: '辉县市疾控', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-cdc', displayName: '长垣市疾控', role: 'county', scopeAreaCode: '410783' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '辉县医院', role: 'institution', scopeInstitutionId: hxHospital },
    ]);
    hxUserId = ids.get('hx-cdc')!;
    cyUserId = ids.get('cy-cdc')!;
  });
  afterAll(() => t?.close());

  it('stores a card idempotently, masks it in lists, shows it in full once and audits the read', async () => {
    const c = card();
    const first = await t.call(admin, 'POST', '/api/v1/surveillance/cases', c);
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().id;
    const again = await t.call(admin, 'POST', '/api/v1/surveillance/cases', c);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, status: 'exists' });

    const list = (await t.call(admin, 'GET', '/api/v1/surveillance/cases?disease=B0302')).json();
    expect(list.total).toBe(1);
    const row = list.items[0];
    // Issue 12: the mask keeps the ID's last character and the phone's last four digits only.
    expect(row.citizenIdMasked).toMatch(/^\*{17}[\dX]$/);
    expect(row.phoneMasked).toBe('*******5678');
    expect(row.patientName).toBe('张**');
    expect(JSON.stringify(list)).not.toContain(c.citizenId);
    expect(row.timely).toBe(true);
    expect(row.reportDelayMinutes).toBe(120);

    const full = (await t.call(admin, 'GET', `/api/v1/surveillance/cases/${id}`)).json();
    expect(full.citizenId).toBe(c.citizenId);
    expect(full.phone).toBe('13912345678');
    expect(full.sex).toBe('male');
    expect(full.birthDate).toBe('1980-01-01');
    // 现住址 in words beside its code (issue 14: not 410782103 alone).
    expect(full).toMatchObject({ addressCode: HX, addressName: '城关街道' });

    const ro = await t.login('ro-user', STRONG);
    const masked = (await t.call(ro, 'GET', `/api/v1/surveillance/cases/${id}`)).json();
    expect(masked.citizenId).toBeNull();
    expect(masked.identityMasked).toBe(true);

    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=case.read')).json();
    expect(log.items.filter((e: { entityId: string }) => e.entityId === String(id)).length).toBeGreaterThanOrEqual(2);

    // The stored row holds ciphertext, not the number.
    const { rows } = await t.ctx.db.query<{ citizen_id_enc: string }>(
      'select citizen_id_enc from case_reports where id = $1',
      [id],
    );
    expect(rows[0]!.citizen_id_enc).toMatch(/^v1\./);
    expect(rows[0]!.citizen_id_enc).not.toContain(c.citizenId.slice(6, 14));
  });

  it('rejects a bad card naming every field, in Chinese and English, and stores nothing', async () => {
    const before = (await t.call(admin, 'GET', '/api/v1/surveillance/cases')).json().total;
    const bad = card({
      citizenId: '410799198001019001',
      classification: 'probable',
      addressCode: '999999999',
      onsetDate: daysAgo(-3),
    });
    const r = await t.call(admin, 'POST', '/api/v1/surveillance/cases', bad);
    expect(r.statusCode).toBe(422);
    const paths = r.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['citizenId', 'classification', 'onsetDate']));
    expect(r.json().error.details.find((d: { path: string }) => d.path === 'citizenId').message).toContain('校验码');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases',
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: bad,
    });
    expect(en.json().error.details[0].message).toMatch(/[a-z]/);
    const area = await t.call(admin, 'POST', '/api/v1/surveillance/cases', card({ addressCode: '999999999' }));
    expect(area.json().error.details[0].path).toBe('addressCode');
    expect((await t.call(admin, 'GET', '/api/v1/surveillance/cases')).json().total).toBe(before);
  });

  it('accepts bulk NDJSON line by line, flags probable duplicates and is safe to resend', async () => {
    const person = citizenId(77, '19700505');
    const a = card({ citizenId: person, diseaseCode: 'B13' });
    const dup = card({
      citizenId: person,
      diseaseCode: 'B13',
      institutionId: cyHospital,
      onsetDate: daysAgo(35),
      diagnosisAt: `${daysAgo(35)} 09:00`,
      reportedAt: `${daysAgo(35)} 10:00`,
    });
    const ok = card({ diseaseCode: 'B13' });
    const lines = [
      JSON.stringify(a),
      '{not json',
      JSON.stringify(card({ classification: 'x' })),
      '',
      JSON.stringify(dup),
      JSON.stringify(ok),
    ];
    const r = await ndjson(admin, lines);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b).toMatchObject({ total: 5, created: 3, rejected: 2, duplicates: 1 });
    expect(b.results.map((x: { line: number; status: string }) => [x.line, x.status])).toEqual([
      [1, 'created'],
      [2, 'rejected'],
      [3, 'rejected'],
      [5, 'created'],
      [6, 'created'],
    ]);
    expect(b.results[1].errors[0].message).toContain('JSON');
    expect(b.results[2].errors[0].path).toBe('classification');
    expect(b.results[3].duplicateOf).toBe(b.results[0].id);
    const dups = (await t.call(admin, 'GET', '/api/v1/surveillance/cases?duplicates=true')).json();
    expect(dups.items.map((x: { id: number }) => x.id)).toEqual([b.results[3].id]);
    // Finding a person's reports by ID number uses the keyed digest.
    const byId = (await t.call(admin, 'GET', `/api/v1/surveillance/cases?citizenId=${person}`)).json();
    expect(byId.total).toBe(2);

    const resent = (await ndjson(admin, lines)).json();
    expect(resent).toMatchObject({ created: 0, existing: 3, rejected: 2 });
  });

  it('keeps every correction and deletion with its reason; a stale version gets 409', async () => {
    const id = (await t.call(admin, 'POST', '/api/v1/surveillance/cases', card({ diseaseCode: 'B22' }))).json().id;
    const r = await t.call(admin, 'PUT', `/api/v1/surveillance/cases/${id}`, {
      version: 1,
      reason: '实验室确诊后订正',
      classification: 'confirmed',
      diseaseCode: 'B21',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version).toBe(2);
    const stale = await t.call(admin, 'PUT', `/api/v1/surveillance/cases/${id}`, {
      version: 1,
      reason: 'x',
      remarks: 'y',
    });
    expect(stale.statusCode).toBe(409);
    const noReason = await t.call(admin, 'PUT', `/api/v1/surveillance/cases/${id}`, { version: 2, remarks: 'y' });
    expect(noReason.json().error.details[0].path).toBe('reason');
    const del = await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${id}`, { version: 2, reason: '重卡' });
    expect(del.statusCode, del.body).toBe(200);
    const hist = (await t.call(admin, 'GET', `/api/v1/surveillance/cases/${id}/history`)).json().items;
    expect(
      hist.map((h: { version: number; action: string; reason: string }) => [h.version, h.action, h.reason]),
    ).toEqual([
      [1, 'correct', '实验室确诊后订正'],
      [2, 'delete', '重卡'],
    ]);
    expect(hist[0].before.disease_code).toBe('B22');
    expect(hist[0].before.citizen_id_enc).toBeUndefined();
    const listed = (await t.call(admin, 'GET', '/api/v1/surveillance/cases?disease=B21')).json();
    expect(listed.total).toBe(0);
    const withDeleted = (await t.call(admin, 'GET', '/api/v1/surveillance/cases?disease=B21&deleted=true')).json();
    expect(withDeleted.items[0].deleted).toBe(true);
  });

  it('keeps county users to their county’s personal data and institution users to their own reports', async () => {
    const cyCase = (
      await t.call(
        admin,
        'POST',
        '/api/v1/surveillance/cases',
        card({ institutionId: cyHospital, addressCode: CY, diseaseCode: 'B20' }),
      )
    ).json().id;
    const hx = await t.login('hx-cdc', STRONG);
    const cy = await t.login('cy-cdc', STRONG);
    const hxList = (await t.call(hx, 'GET', '/api/v1/surveillance/cases?limit=500')).json();
    expect(hxList.items.every((c: { countyCode: string }) => c.countyCode === '410782')).toBe(true);
    expect(hxList.items.some((c: { id: number }) => c.id === cyCase)).toBe(false);
    expect((await t.call(hx, 'GET', `/api/v1/surveillance/cases/${cyCase}`)).statusCode).toBe(404);
    expect((await t.call(cy, 'GET', `/api/v1/surveillance/cases/${cyCase}`)).json().citizenId).toMatch(/^410799/);
    expect(
      (await t.call(hx, 'PUT', `/api/v1/surveillance/cases/${cyCase}`, { version: 1, reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await t.call(hx, 'GET', '/api/v1/surveillance/kpis?area=410783')).statusCode).toBe(403);

    const hosp = await t.login('hosp', STRONG);
    const own = (await t.call(hosp, 'GET', '/api/v1/surveillance/cases?limit=500')).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((c: { institutionId: number }) => c.institutionId === hxHospital)).toBe(true);
    const foreign = await t.call(hosp, 'POST', '/api/v1/surveillance/cases', card({ institutionId: cyHospital }));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details[0].path).toBe('institutionId');
    expect((await t.call(hosp, 'GET', '/api/v1/surveillance/events')).statusCode).toBe(403);
    const ro = await t.login('ro-user', STRONG);
    expect((await t.call(ro, 'POST', '/api/v1/surveillance/cases', card())).statusCode).toBe(403);
  });

  it('imports a CSV all or nothing, naming row and column', async () => {
    const header =
      '报告卡编号,报告单位,疾病名称,病例分类,患者姓名,有效证件号,人群分类,现住址区划代码,发病日期,诊断时间,报告时间,报告医生';
    const row = (n: number, id: string) =>
      `CSV-${n},${hxHospital},B12,确诊病例,王五,${id},农民,${HX},${daysAgo(30)},${daysAgo(29)} 08:00,${daysAgo(29)} 09:00,赵医生`;
    const upload = (csv: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/surveillance/cases/import?detect=false',
        headers: { cookie: admin, 'content-type': 'multipart/form-data; boundary=XX' },
        payload: `--XX\r\nContent-Disposition: form-data; name="file"; filename="cards.csv"\r\nContent-Type: text/csv\r\n\r\n\uFEFF${csv}\r\n--XX--\r\n`,
      });
    const bad = await upload(`${header}\n${row(1, citizenId(501, '20200315'))}\n${row(2, '410799202003159000')}\n`);
    expect(bad.statusCode).toBe(422);
    const d = bad.json().error.details[0];
    expect(d).toMatchObject({ row: 3, column: '有效证件号', path: 'citizenId' });
    expect((await t.call(admin, 'GET', '/api/v1/surveillance/cases?disease=B12')).json().total).toBe(0);
    const good = await upload(
      `${header}\n${row(1, citizenId(501, '20200315'))}\n${row(2, citizenId(502, '20200315'))}\n`,
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ created: 2 });
  });

  it('raises a signal for an injected outbreak and fuses it with a school absenteeism spike into one event', async () => {
    // Three weeks of sporadic 手足口病 in 辉县 township 1, then a kindergarten outbreak three days ago.
    const baseline: string[] = [];
    for (let d = 24; d >= 4; d--) {
      if (d % 3 === 0) {
        baseline.push(
          JSON.stringify(
            card({
              diseaseCode: 'C11',
              classification: 'clinical',
              occupation: '散居儿童',
              citizenId: citizenId(seq + 1000, '20210601'),
              onsetDate: daysAgo(d),
              diagnosisAt: `${daysAgo(d)} 10:00`,
              reportedAt: `${daysAgo(d)} 11:00`,
            }),
          ),
        );
      }
    }
    expect((await ndjson(admin, baseline)).json().created).toBe(baseline.length);
    const outbreak = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify(
        card({
          diseaseCode: 'C11',
          classification: 'clinical',
          occupation: '幼托儿童',
          workplace: '城关幼儿园',
          patientName: `患儿${i}`,
          citizenId: citizenId(seq + 2000 + i, `20200${(i % 9) + 1}10`),
          onsetDate: daysAgo(3),
          diagnosisAt: `${daysAgo(2)} 10:00`,
          reportedAt: `${daysAgo(2)} 11:00`,
        }),
      ),
    );
    const r = (await ndjson(admin, outbreak)).json();
    expect(r.created).toBe(8);
    expect(r.signals).toBeGreaterThanOrEqual(2); // the EARS aberration and the kindergarten cluster

    const signals = (await t.call(admin, 'GET', `/api/v1/surveillance/signals?subject=C11`)).json().items;
    const sources = signals.map((s: { source: string }) => s.source).sort();
    expect(sources).toEqual(expect.arrayContaining(['case', 'cluster']));
    const cluster = signals.find((s: { source: string }) => s.source === 'cluster');
    expect(cluster).toMatchObject({ areaCode: HX, observed: 8, detail: { place: '城关幼儿园', placeKind: 'school' } });
    const eventId = cluster.eventId;
    const before = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${eventId}`)).json();
    expect(before.areaCode).toBe(HX);

    // The township's primary school reports absenteeism with rash: steady, then a spike the same days.
    const rows = [];
    for (let d = 20; d >= 1; d--) {
      rows.push({
        stream: 'school-absence-rash',
        sourceName: '城关小学',
        areaCode: HX,
        date: daysAgo(d),
        count: d <= 3 ? 15 : (d % 3) + 1,
        denominator: 800,
      });
    }
    const s = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().signals).toBeGreaterThanOrEqual(1);

    const after = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${eventId}`)).json();
    const categories = new Set(after.signals.map((x: { category: string }) => x.category));
    expect(categories).toEqual(new Set(['case-report', 'school']));
    expect(after.riskScore).toBeGreaterThan(before.riskScore);
    expect(after.explanation.zh).toContain('学校缺课');
    expect(after.explanation.zh).toContain('城关幼儿园');
    const events = (await t.call(admin, 'GET', `/api/v1/surveillance/events?area=${HX}&open=true`)).json();
    expect(events.items.filter((e: { id: number }) => e.id === eventId)).toHaveLength(1);

    // The chart series of the event's disease and area.
    const series = (await t.call(admin, 'GET', `/api/v1/surveillance/series?subject=C11&area=${HX}&periods=30`)).json();
    expect(series.unit).toBe('day');
    expect(series.observed[series.observed.length - 4]).toBe(8);
    expect(series.alarm[series.alarm.length - 4]).toBe(true);

    // Running the same range again adds nothing.
    const rerun = await t.call(admin, 'POST', '/api/v1/surveillance/run', { from: daysAgo(30), to: daysAgo(0) });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().signals).toBe(0);
  });

  it('signals a single plague case at once as a red event with a 2-hour deadline', async () => {
    const r = await t.call(
      admin,
      'POST',
      '/api/v1/surveillance/cases',
      card({
        diseaseCode: 'A01',
        addressCode: HX2,
        onsetDate: daysAgo(1),
        diagnosisAt: `${daysAgo(1)} 09:00`,
        reportedAt: `${daysAgo(1)} 10:00`,
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().signals).toBe(1);
    const ev = (await t.call(admin, 'GET', '/api/v1/surveillance/events?level=4&area=410782')).json().items;
    const plague = ev.find((e: { explanation: { triggers: { subject: string }[] } }) =>
      e.explanation.triggers.some((x) => x.subject === 'A01'),
    );
    expect(plague).toBeTruthy();
    expect(plague.riskLevel).toBe(4);
    expect(Date.parse(plague.verifyDeadline) - Date.parse(plague.createdAt)).toBe(2 * 3_600_000);
  });

  it('walks an event through verification to confirmation and closure, and reports KPIs', async () => {
    const hx = await t.login('hx-cdc', STRONG);
    const list = (await t.call(hx, 'GET', '/api/v1/surveillance/events?state=pending')).json();
    expect(list.total).toBeGreaterThan(0);
    const e = list.items[0];
    let version = e.version;
    const step = async (body: object) => {
      const r = await t.call(hx, 'POST', `/api/v1/surveillance/events/${e.id}/transition`, { ...body, version });
      if (r.statusCode === 200) version = r.json().version;
      return r;
    };
    const skip = await step({ to: 'confirmed', emergencyLevel: 4 });
    expect(skip.statusCode, skip.body).toBe(422);
    expect(skip.json().error.message).toContain('待核实');
    const badAssign = await t.call(hx, 'POST', `/api/v1/surveillance/events/${e.id}/assign`, {
      assigneeId: cyUserId,
      version,
    });
    expect(badAssign.statusCode).toBe(422);
    const assign = await t.call(hx, 'POST', `/api/v1/surveillance/events/${e.id}/assign`, {
      assigneeId: hxUserId,
      version,
    });
    expect(assign.statusCode, assign.body).toBe(200);
    version = assign.json().version;
    expect((await step({ to: 'verifying' })).statusCode).toBe(200);
    expect((await step({ to: 'suspected' })).statusCode).toBe(422); // the verification result needs a note
    expect((await step({ to: 'suspected', note: '同一幼儿园聚集，疑似暴发' })).statusCode).toBe(200);
    expect((await step({ to: 'investigating' })).statusCode).toBe(200);
    expect((await step({ to: 'confirmed' })).statusCode).toBe(422); // level missing
    expect((await step({ to: 'confirmed', emergencyLevel: 4 })).statusCode).toBe(200);
    const stale = await t.call(hx, 'POST', `/api/v1/surveillance/events/${e.id}/transition`, {
      to: 'closed',
      note: 'x',
      version: version - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await step({ to: 'closed', note: '处置完毕' })).statusCode).toBe(200);
    expect(
      (await t.call(hx, 'POST', `/api/v1/surveillance/events/${e.id}/notes`, { note: '补充说明' })).statusCode,
    ).toBe(201);

    const detail = (await t.call(hx, 'GET', `/api/v1/surveillance/events/${e.id}`)).json();
    expect(detail.state).toBe('closed');
    expect(detail.emergencyLevel).toBe(4);
    expect(detail.assigneeName).toBe('辉县市疾控');
    expect(detail.verifiedAt).not.toBeNull();
    expect(
      detail.history
        .filter((h: { action: string }) => h.action === 'transition')
        .map((h: { toState: string }) => h.toState),
    ).toEqual(['verifying', 'suspected', 'investigating', 'confirmed', 'closed']);

    const k = (await t.call(hx, 'GET', `/api/v1/surveillance/kpis?from=${daysAgo(60)}&to=${daysAgo(0)}`)).json();
    expect(k.verified).toBe(1);
    expect(k.confirmed).toBe(1);
    expect(k.timeliness).toBe(1);
    expect(k.medianResponseHours).toBeLessThan(1);
    expect(k.ppv).toBeGreaterThan(0);
    expect(k.counties).toBe(1);
    expect(k.signals).toBeGreaterThan(0);
    const cy = await t.login('cy-cdc', STRONG);
    expect((await t.call(cy, 'GET', `/api/v1/surveillance/events/${e.id}`)).statusCode).toBe(404);
  });

  it('rejects bad stream rows naming row and field, writing nothing, and notices a silent source', async () => {
    const bad = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', {
      rows: [
        { stream: 'fever-clinic', institutionId: hxHospital, date: daysAgo(5), count: 10 },
        { stream: 'no-such-stream', institutionId: hxHospital, date: daysAgo(5), count: 10 },
        { stream: 'fever-clinic', institutionId: hxHospital, date: daysAgo(4), count: -1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { row: number; path: string }) => [d.row, d.path])).toEqual([
      [2, '[2].stream'],
      [3, '[3].count'],
    ]);
    const status0 = (await t.call(admin, 'GET', '/api/v1/surveillance/stream-sources?stream=fever-clinic')).json();
    expect(status0.total).toBe(0);

    const rows = [];
    for (let d = 30; d >= 10; d--)
      rows.push({ stream: 'fever-clinic', institutionId: hxHospital, date: daysAgo(d), count: 10 + (d % 4) });
    expect((await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows })).statusCode).toBe(200);
    const status = (await t.call(admin, 'GET', '/api/v1/surveillance/stream-sources?stream=fever-clinic')).json();
    expect(status.items[0]).toMatchObject({
      sourceName: '辉县市人民医院',
      status: 'silent',
      cadenceDays: 1,
      lastDate: daysAgo(10),
    });
    const run = (
      await t.call(admin, 'POST', '/api/v1/surveillance/run', {
        from: daysAgo(3),
        to: daysAgo(0),
        streams: ['fever-clinic'],
        diseases: [],
      })
    ).json();
    expect(run.signals).toBeGreaterThanOrEqual(1);
    const silent = (await t.call(admin, 'GET', '/api/v1/surveillance/signals?source=silent')).json().items;
    expect(silent[0]).toMatchObject({ subject: 'fever-clinic', category: 'data-quality', eventId: null });
  });

  it('defines a custom stream without code and ingests it', async () => {
    const r = await t.call(admin, 'POST', '/api/v1/surveillance/streams', {
      code: 'station-fever',
      nameZh: '车站发热筛查',
      nameEn: 'Station fever screening',
      params: { baseline: 7 },
    });
    expect(r.statusCode, r.body).toBe(201);
    const bad = await t.call(admin, 'POST', '/api/v1/surveillance/streams', {
      code: 'x-bad',
      nameZh: 'x',
      nameEn: 'x',
      params: { baseline: -1 },
    });
    expect(bad.statusCode).toBe(422);
    const rows = [{ stream: 'station-fever', sourceName: '新乡东站', areaCode: HX, date: daysAgo(2), count: 3 }];
    expect((await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows })).statusCode).toBe(200);
  });

  it('edits a stream’s detector and monitoring, for city and platform administrators only', async () => {
    const get = async () =>
      (await t.call(admin, 'GET', '/api/v1/surveillance/streams'))
        .json()
        .items.find((x: { code: string }) => x.code === 'station-fever');
    const cur = await get();
    const url = '/api/v1/surveillance/streams/station-fever';
    const county = await t.login('hx-cdc', STRONG);
    expect((await t.call(county, 'PUT', url, { version: cur.version, silentDays: 5 })).statusCode).toBe(403);
    expect((await t.call(admin, 'PUT', '/api/v1/surveillance/streams/nope', { version: 1 })).statusCode).toBe(404);
    const bad = await t.call(admin, 'PUT', url, { version: cur.version, params: { baseline: -1 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('params.baseline');
    const ok = await t.call(admin, 'PUT', url, {
      version: cur.version,
      algorithm: 'ears-c3',
      silentDays: 5,
      nameZh: '高铁站发热筛查',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      algorithm: 'ears-c3',
      params: {},
      silentDays: 5,
      nameZh: '高铁站发热筛查',
      kind: 'custom',
      version: cur.version + 1,
    });
    // Someone else's edit in between: refused, nothing changed.
    const stale = await t.call(admin, 'PUT', url, { version: cur.version, enabled: false });
    expect(stale.statusCode).toBe(409);
    expect((await get()).enabled).toBe(true);
    const audits = await t.ctx.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'stream.update' and entity_id = 'station-fever'`,
    );
    expect(audits.rows[0]!.n).toBe(1);

    // A stream no longer monitored takes no counts (the row and field are named, nothing is stored) until it is
    // enabled again.
    const off = await t.call(admin, 'PUT', url, { version: cur.version + 1, enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    const count = async () =>
      (
        await t.ctx.db.query<{ n: number }>(
          `select count(*)::int as n from stream_counts where stream_code = 'station-fever'`,
        )
      ).rows[0]!.n;
    const before = await count();
    const rows = [{ stream: 'station-fever', sourceName: '新乡东站', areaCode: HX, date: daysAgo(1), count: 60 }];
    const refused = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0]).toMatchObject({ path: '[1].stream', row: 1 });
    expect(await count()).toBe(before);
    const on = await t.call(admin, 'PUT', url, { version: cur.version + 2, enabled: true });
    expect(on.statusCode, on.body).toBe(200);
    expect((await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows })).statusCode).toBe(200);
    expect(await count()).toBe(before + 1);

    // Tuned parameters stay when the same detector is sent again; another detector starts from its defaults.
    const tuned = await t.call(admin, 'PUT', url, { version: cur.version + 3, params: { baseline: 10 } });
    expect(tuned.json()).toMatchObject({ algorithm: 'ears-c3', params: { baseline: 10 } });
    const same = await t.call(admin, 'PUT', url, { version: cur.version + 4, algorithm: 'ears-c3' });
    expect(same.json().params).toEqual({ baseline: 10 });
    const other = await t.call(admin, 'PUT', url, { version: cur.version + 5, algorithm: 'ears-c1' });
    expect(other.json()).toMatchObject({ algorithm: 'ears-c1', params: {} });
  });

  it('runs detect for analysts and explains bad requests', async () => {
    const ok = await t.call(admin, 'POST', '/api/v1/surveillance/detect', {
      algorithm: 'ears-c1',
      frequency: 52,
      observed: [1, 2, 3, 2, 1, 2, 3, 2, 10],
      range: [7, 8],
      params: {},
    });
    expect(ok.json().alarm).toEqual([false, true]);
    const bad = await t.call(admin, 'POST', '/api/v1/surveillance/detect', {
      algorithm: 'ears-c1',
      frequency: 52,
      observed: [1, 2],
      range: [0, 5],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('range');
    const ev = (
      await t.call(admin, 'GET', '/api/v1/surveillance/evaluation?series=1&algorithms=ears-c2,farrington-flexible')
    ).json();
    expect(ev.rows).toHaveLength(6);
  });

  it('computes 甲乙类法定传染病报告发病率 for the planning engine', async () => {
    const year = Number(daysAgo(40).slice(0, 4));
    expect(
      (await t.call(admin, 'PUT', `/api/v1/areas/${HX}/population/${year}`, { resident: 50_000 })).statusCode,
    ).toBe(200);
    const v = await t.ctx.services.surveillance.indicators.notifiableIncidence(HX, year);
    const { rows } = await t.ctx.db.query<{ n: number }>(
      `select count(*)::int as n from case_reports c join disease_settings d on d.code = c.disease_code
        where not deleted and duplicate_of is null and d.class in ('A','B','B-A') and classification in ('clinical','confirmed')
          and address_code like $1 and extract(year from onset_date) = $2`,
      [`${HX}%`, year],
    );
    expect(v.cases).toBe(rows[0]!.n);
    expect(v.cases).toBeGreaterThan(0);
    expect(v.per100k).toBeCloseTo((v.cases / 50_000) * 100_000, 2);
    const api = (
      await t.call(admin, 'GET', `/api/v1/surveillance/indicators/notifiable-incidence?area=${HX}&year=${year}`)
    ).json();
    expect(api).toEqual(v);
  });
});
