// The signal engine's incremental runs agree with a run over the same dates: a school that reports on
// weekdays only and posts one day at a time still has its baseline read, and the chart of a series whose
// data starts inside the window evaluates every period that has enough history instead of failing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, createInstitution, daysAgo } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe.each(ENGINES)('signal engine increments on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const schoolRow = (date: string, count: number, sourceName = '城关小学') => ({
    stream: 'school-absence-rash',
    sourceName,
    areaCode: HX,
    date,
    count,
    denominator: 800,
  });

  /** The school-absence-rash stream signals, newest first. */
  const schoolSignals = async () =>
    (await t.call(admin, 'GET', '/api/v1/surveillance/signals?subject=school-absence-rash&source=stream')).json()
      .items as {
      id: number;
      periodStart: string;
      observed: number;
      eventId: number;
      detail: { withdrawn?: boolean };
    }[];
  /** The school sends (or resends) one day's count. */
  const postSchoolDay = async (date: string, count: number) => {
    const r = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows: [schoolRow(date, count)] });
    expect(r.statusCode, r.body).toBe(200);
  };

  it('finds a spike posted one day at a time, as a run over the same dates does', async () => {
    // Ten weeks of weekday reports, posted as one history batch.
    const history = [];
    for (let d = 75; d >= 6; d--) {
      const date = daysAgo(d);
      if (weekday(date) === 0 || weekday(date) === 6) continue;
      history.push(schoolRow(date, 2 + (d % 3)));
    }
    expect((await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', { rows: history })).statusCode).toBe(200);
    // Then the school posts day by day; the last weekday brings the spike.
    const recent = [5, 4, 3, 2, 1, 0].map(daysAgo).filter((d) => weekday(d) !== 0 && weekday(d) !== 6);
    const spikeDay = recent[recent.length - 1]!;
    let last: { signals: number } | null = null;
    for (const date of recent) {
      const r = await t.call(admin, 'POST', '/api/v1/surveillance/stream-counts', {
        rows: [schoolRow(date, date === spikeDay ? 30 : 3)],
      });
      expect(r.statusCode, r.body).toBe(200);
      last = r.json();
    }
    expect(last!.signals).toBeGreaterThanOrEqual(1);
    const spike = (await schoolSignals()).find((s) => s.periodStart === spikeDay);
    expect(spike).toMatchObject({ observed: 30 });
    expect(spike!.eventId).not.toBeNull();

    // A run over the same dates finds nothing the increments missed.
    const rerun = await t.call(admin, 'POST', '/api/v1/surveillance/run', {
      from: daysAgo(5),
      to: daysAgo(0),
      streams: ['school-absence-rash'],
      diseases: [],
    });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().signals).toBe(0);
  });

  it('charts a stream whose data starts inside the window from its first day with a baseline', async () => {
    const r = await t.call(
      admin,
      'GET',
      `/api/v1/surveillance/series?subject=school-absence-rash&area=${HX}&periods=120&to=${daysAgo(0)}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.error).toBeNull();
    expect(s.observed).toHaveLength(120);
    // Days before the school's first report have no bound; the spike day alarms.
    expect(s.upperbound[0]).toBeNull();
    expect(
      s.alarm[
        s.alarm.length -
          1 -
          s.periodStart
            .slice()
            .reverse()
            .findIndex((d: string) => weekday(d) % 6 !== 0)
      ],
    ).toBe(true);
    const evaluated = s.upperbound.filter((x: number | null) => x !== null).length;
    expect(evaluated).toBeGreaterThan(20);
  });

  it('withdraws a detector alarm whose count is corrected, and raises it again when the count returns', async () => {
    const spike = (await schoolSignals()).find((x) => x.observed === 30)!;
    const post = (count: number) => postSchoolDay(spike.periodStart, count);
    // The school corrects the day: 3 absences, not 30.
    await post(3);
    const withdrawn = (await schoolSignals()).find((x) => x.id === spike.id)!;
    expect(withdrawn).toMatchObject({ observed: 3, detail: { withdrawn: true } });
    const ev = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${spike.eventId}`)).json();
    expect(ev.explanation.zh).toContain('撤回');
    // Nothing else to withdraw on a rerun.
    const rerun = await t.call(admin, 'POST', '/api/v1/surveillance/run', {
      from: daysAgo(10),
      to: daysAgo(0),
      streams: ['school-absence-rash'],
      diseases: [],
    });
    expect(rerun.json()).toMatchObject({ signals: 0, eventsUpdated: 0 });
    // The correction was wrong after all: the same signal is back, in the same event.
    await post(30);
    const back = (await schoolSignals()).find((x) => x.id === spike.id)!;
    expect(back).toMatchObject({ observed: 30, eventId: spike.eventId });
    expect(back.detail.withdrawn).toBeUndefined();
    const again = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${spike.eventId}`)).json();
    expect(again.explanation.zh).not.toContain('撤回');
  });

  it('takes an alarm raised again off the event that was excluded meanwhile, into a new event', async () => {
    const spike = (await schoolSignals()).find((x) => x.observed === 30)!;
    const post = (count: number) => postSchoolDay(spike.periodStart, count);
    await post(3);
    expect((await schoolSignals()).find((x) => x.id === spike.id)!.detail.withdrawn).toBe(true);
    // The county CDC looks at the event, sees the alarm withdrawn and excludes it.
    const ev = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${spike.eventId}`)).json();
    const ex = await t.call(admin, 'POST', `/api/v1/surveillance/events/${spike.eventId}/transition`, {
      to: 'excluded',
      version: ev.version,
      note: '数据已更正，排除',
    });
    expect(ex.statusCode, ex.body).toBe(200);
    // The school's correction was itself wrong: the alarm is back, on a new event waiting for verification.
    await post(30);
    const back = (await schoolSignals()).find((x) => x.id === spike.id)!;
    expect(back.detail.withdrawn).toBeUndefined();
    expect(back.eventId).not.toBe(spike.eventId);
    const fresh = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${back.eventId}`)).json();
    expect(fresh.state).toBe('pending');
    const old = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${spike.eventId}`)).json();
    expect(old.state).toBe('excluded');
    expect(old.history.some((h: { action: string }) => h.action === 'reraised')).toBe(true);
  });

  it('withdraws a case aberration when the cards behind it are deleted', async () => {
    // A weekly county series of 乙肝 cards: one a week for a year, then twelve in one week.
    const inst = await createInstitution(t, admin, '辉县市第四人民医院', HX);
    const cards: string[] = [];
    const card = (d: number) => {
      const n = cards.length;
      cards.push(
        JSON.stringify({
          clientReportId: `W-${n}`,
          institutionId: inst,
          diseaseCode: 'B0302',
          classification: 'confirmed',
          patientName: '周小明',
          citizenId: citizenId(n, '19700101'),
          occupation: '农民',
          addressCode: HX,
          onsetDate: daysAgo(d),
          diagnosisAt: `${daysAgo(d)} 10:00`,
          reportedAt: `${daysAgo(d)} 12:00`,
          doctorName: '李医生',
        }),
      );
    };
    for (let week = 60; week >= 2; week--) card(week * 7);
    for (let i = 0; i < 12; i++) card(8);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases/bulk',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: cards.join('\n'),
    });
    expect(r.statusCode, r.body).toBe(200);
    const aberrations = async () =>
      (await t.call(admin, 'GET', '/api/v1/surveillance/signals?subject=B0302&source=case')).json().items as {
        id: number;
        observed: number;
        detail: { withdrawn?: boolean };
      }[];
    const raised = (await aberrations()).filter((x) => x.observed >= 12);
    expect(raised.length).toBeGreaterThanOrEqual(1);
    // The spike was a data-entry error: eleven of its cards are deleted.
    const { rows } = await t.ctx.db.query<{ id: number; version: number }>(
      `select id, version from case_reports where client_report_id like 'W-%' and onset_date = $1::date order by id`,
      [daysAgo(8)],
    );
    for (const row of rows.slice(1)) {
      const d = await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${row.id}`, {
        reason: '重复录入',
        version: row.version,
      });
      expect(d.statusCode, d.body).toBe(200);
    }
    const after = await aberrations();
    for (const x of raised) expect(after.find((y) => y.id === x.id)).toMatchObject({ detail: { withdrawn: true } });
  });

  it('charts a disease whose first cases fall inside the window without an error', async () => {
    const inst = await createInstitution(t, admin, '辉县市第二人民医院', HX, { gradeClass: '乙' });
    // The system's first case reports: ten weeks ago, then a few a week.
    const cards = [];
    for (let d = 70, n = 0; d >= 1; d -= 3, n++) {
      cards.push({
        clientReportId: `E-${n}`,
        institutionId: inst,
        diseaseCode: 'B0302',
        classification: 'confirmed',
        patientName: '王小红',
        citizenId: citizenId(100 + n, '19800101'),
        occupation: '农民',
        addressCode: HX,
        onsetDate: daysAgo(d),
        diagnosisAt: `${daysAgo(d)} 10:00`,
        reportedAt: `${daysAgo(d)} 12:00`,
        doctorName: '李医生',
      });
    }
    for (const c of cards) {
      const r = await t.call(admin, 'POST', '/api/v1/surveillance/cases', c);
      expect(r.statusCode, r.body).toBe(201);
    }
    const r = await t.call(admin, 'GET', `/api/v1/surveillance/series?subject=B0302&area=410782&periods=52`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    expect(s.error).toBeNull();
    expect(s.observed.slice(-8).reduce((a: number, b: number | null) => a + (b ?? 0), 0)).toBeGreaterThan(0);
  });

  it('raises a space-time scan signal for a cluster straddling two townships', async () => {
    // Ten townships of 辉县市 on a grid ~5 km apart, placed by their health centres; 001 and 002 are neighbours.
    const codes = [
      '410782001',
      '410782002',
      ...Array.from({ length: 8 }, (_, i) => `4107821${String(i + 1).padStart(2, '0')}`),
    ];
    const ids = new Map<string, number>();
    for (const [k, code] of codes.entries()) {
      const id = await createInstitution(t, admin, `卫生院${code.slice(-3)}`, code, {
        category: 'B1',
        lng: 113.6 + (k % 5) * 0.05,
        lat: 35.3 + Math.floor(k / 5) * 0.05,
      });
      ids.set(code, id);
    }
    const lines: string[] = [];
    const card = (township: string, d: number) => {
      const n = lines.length;
      lines.push(
        JSON.stringify({
          clientReportId: `S-${n}`,
          institutionId: ids.get(township),
          diseaseCode: 'C11',
          classification: 'clinical',
          patientName: '赵小宝',
          citizenId: citizenId(200 + n, '20150101'),
          occupation: '散居儿童',
          addressCode: township,
          onsetDate: daysAgo(d),
          diagnosisAt: `${daysAgo(d)} 08:00`,
          reportedAt: `${daysAgo(d)} 09:00`,
          doctorName: '李医生',
        }),
      );
    };
    // Background: one case per township every other day for four weeks; then ten more in each of the two
    // neighbours over the last three days.
    for (const code of codes) for (let d = 28; d >= 1; d -= 2) card(code, d + (codes.indexOf(code) % 2));
    for (const d of [3, 3, 2, 2, 2, 1, 1, 1, 1, 1]) {
      card('410782001', d);
      card('410782002', d);
    }
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases/bulk',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().created).toBe(lines.length);
    const scan = (await t.call(admin, 'GET', '/api/v1/surveillance/signals?subject=C11&source=scan')).json().items;
    expect(scan.length).toBeGreaterThanOrEqual(1);
    const top = scan[0];
    expect(top.detail.areas).toEqual(expect.arrayContaining(['410782001', '410782002']));
    expect(top.detail.areas).not.toContain('410782108');
    expect(top.detail.pValue).toBeLessThanOrEqual(0.01);
    expect(top.observed).toBeGreaterThan(top.expected);
    expect(top.eventId).not.toBeNull();
    const ev = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${top.eventId}`)).json();
    expect(ev.signals.some((x: { source: string }) => x.source === 'scan')).toBe(true);
    expect(ev.explanation.zh).toContain('时空扫描聚集');
  });

  it('keeps a signal in step with its cards: another card updates it, deleting them withdraws it', async () => {
    const hx = await createInstitution(t, admin, '辉县市第三人民医院', '410782101');
    const day = daysAgo(2);
    const cholera = async (n: number, township: string) => {
      const r = await t.call(admin, 'POST', '/api/v1/surveillance/cases', {
        clientReportId: `V-${n}`,
        institutionId: hx,
        diseaseCode: 'A02',
        classification: 'confirmed',
        patientName: '孙大伟',
        citizenId: citizenId(500 + n, '19900101'),
        occupation: '农民',
        addressCode: township,
        onsetDate: day,
        diagnosisAt: `${day} 08:00`,
        reportedAt: `${day} 09:00`,
        doctorName: '李医生',
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    const fixedSignal = async () =>
      (await t.call(admin, 'GET', '/api/v1/surveillance/signals?subject=A02&source=fixed')).json().items[0];
    const a = await cholera(1, '410782101');
    const first = await fixedSignal();
    expect(first).toMatchObject({ observed: 1, detail: { caseIds: [a] } });
    const eventId = first.eventId;
    expect((await t.call(admin, 'GET', `/api/v1/surveillance/events/${eventId}`)).json().riskLevel).toBe(4);

    // A second card the same day in the same county: the signal counts both.
    const b = await cholera(2, '410782102');
    expect(await fixedSignal()).toMatchObject({ id: first.id, observed: 2, detail: { caseIds: [a, b] } });

    const remove = async (id: number) => {
      const card = (await t.call(admin, 'GET', `/api/v1/surveillance/cases/${id}`)).json();
      const r = await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${id}`, {
        reason: '误报',
        version: card.version,
      });
      expect(r.statusCode, r.body).toBe(200);
      const run = await t.call(admin, 'POST', '/api/v1/surveillance/run', { from: day, to: day, diseases: ['A02'] });
      expect(run.statusCode, run.body).toBe(200);
    };
    await remove(a);
    expect(await fixedSignal()).toMatchObject({ observed: 1, detail: { caseIds: [b] } });
    await remove(b);
    const gone = await fixedSignal();
    expect(gone).toMatchObject({ id: first.id, observed: 0, detail: { caseIds: [], withdrawn: true } });
    const ev = (await t.call(admin, 'GET', `/api/v1/surveillance/events/${eventId}`)).json();
    expect(ev.riskLevel).toBe(1);
    expect(ev.explanation.zh).toContain('撤回');
    expect(ev.history.some((h: { action: string; detail: { withdrawn?: number } }) => h.detail?.withdrawn === 1)).toBe(
      true,
    );
    // Running again changes nothing more.
    const again = await t.call(admin, 'POST', '/api/v1/surveillance/run', { from: day, to: day, diseases: ['A02'] });
    expect(again.json()).toMatchObject({ signals: 0, eventsUpdated: 0 });
  });

  it('refuses out-of-range numbers in disease settings with a 4xx naming the field', async () => {
    const a01 = (await t.call(admin, 'GET', '/api/v1/surveillance/diseases'))
      .json()
      .items.find((d: { code: string }) => d.code === 'A01');
    for (const body of [{ version: 99_999_999_999 }, { version: a01.version, clusterCases: 99_999_999_999 }]) {
      const r = await t.call(admin, 'PUT', '/api/v1/surveillance/diseases/A01', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.body).toMatch(/version|clusterCases/);
    }
  });
});
