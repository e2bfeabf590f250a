// Early-warning events as county CDC users work them: the disease/stream filter of the event list, the events
// a submitted card joined or created (`eventIds`), whom an event may be assigned to, KPIs that count exactly
// the events the list shows for the same filter, boundaries readable by every signed-in user, and the
// township points of the event map — each with the requests that must be refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { citizenId, createInstitution, createUsers, daysAgo, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const HX2 = '410782002';
const CY = '410783001'; // a township of 长垣市

interface EventItem {
  id: number;
  state: string;
  version: number;
  verifiedAt: string | null;
}

describe.each(ENGINES)('surveillance events API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hx: string; // county CDC of 辉县市
  let cy: string; // county CDC of 长垣市
  let ro: string; // read-only, the city
  let hosp: string; // institution user of the 辉县 hospital
  let city: string;
  let hxHospital: number;
  let cyHospital: number;
  const userIds = new Map<string, number>();
  let seq = 0;
  // Events made by the cards of the first test.
  let plagueEvent = 0;
  let choleraEvent = 0;
  let clusterEvent = 0;

  const card = (over: Record<string, unknown> = {}) => {
    seq++;
    return {
      clientReportId: `EV-${seq}`,
      institutionId: hxHospital,
      diseaseCode: 'A01',
      classification: 'confirmed',
      patientName: `患者${seq}`,
      citizenId: citizenId(seq),
      occupation: '农民',
      addressCode: HX,
      onsetDate: daysAgo(3),
      diagnosisAt: `${daysAgo(3)} 10:00`,
      reportedAt: `${daysAgo(3)} 11:00`,
      doctorName: '李医生',
      ...over,
    };
  };
  const post = (cookie: string, body: object) => t.call(cookie, 'POST', '/api/v1/surveillance/cases', body);
  const get = (cookie: string | null, url: string) => t.call(cookie, 'GET', url);
  const events = async (cookie: string, query: string) => {
    const r = await get(cookie, `/api/v1/surveillance/events?limit=500&${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; items: EventItem[] };
  };
  const ids = (page: { items: { id: number }[] }) => page.items.map((e) => e.id).sort((a, b) => a - b);

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    const inst = (name: string, areaCode: string, lng: number | null, lat: number | null) =>
      createInstitution(t, admin, name, areaCode, { lng, lat });
    hxHospital = await inst('辉县市人民医院', HX, 113.8, 35.4);
    await inst('辉县市城关卫生院', HX, 113.9, 35.5);
    cyHospital = await inst('长垣市人民医院', CY, null, null);
    const created = await createUsers(t, admin, [
      { username: 'hx-cdc', displayName: '辉县市疾控', role: 'county', scopeAreaCode: '410782' },
      { username: 'hx-cdc2', displayName: '辉县市疾控二', role: 'county', scopeAreaCode: '410782' },
      { username: 'hx-off', displayName: '辉县市停用', role: 'county', scopeAreaCode: '410782' },
      { username: 'cy-cdc', displayName: '长垣市疾控', role: 'county', scopeAreaCode: '410783' },
      { username: 'city-cdc', displayName: '新乡市疾控', role: 'city', scopeAreaCode: '4107' },
      { username: 'ro-user', displayName: '只读', role: 'readonly', scopeAreaCode: '4107' },
      { username: 'hosp', displayName: '辉县医院', role: 'institution', scopeInstitutionId: hxHospital },
    ]);
    for (const [name, id] of created) userIds.set(name, id);
    await t.ctx.db.query(`update users set active = false where username = 'hx-off'`);
    const { rows } = await t.ctx.db.query<{ id: number }>(`select id from users where username = 'admin'`);
    userIds.set('admin', Number(rows[0]!.id));
    hx = await t.login('hx-cdc', STRONG);
    cy = await t.login('cy-cdc', STRONG);
    ro = await t.login('ro-user', STRONG);
    hosp = await t.login('hosp', STRONG);
    city = await t.login('city-cdc', STRONG);
  });
  afterAll(() => t?.close());

  it('returns the events a single card created or joined, as far as the caller may open them', async () => {
    // A plague case: an immediate signal, a new red event.
    const first = await post(admin, card());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().signals).toBe(1);
    expect(first.json().eventIds).toHaveLength(1);
    plagueEvent = first.json().eventIds[0];
    const fixed = (await get(admin, '/api/v1/surveillance/signals?subject=A01')).json().items;
    expect(fixed).toHaveLength(1);
    expect(fixed[0]).toMatchObject({ source: 'fixed', eventId: plagueEvent });
    expect(fixed[0].detail.caseIds).toEqual([first.json().id]);

    // A second case of the same county and day raises no new signal, yet it belongs to the same event.
    const c2 = card({ addressCode: HX2 });
    const second = await post(admin, c2);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ signals: 0, eventIds: [plagueEvent] });
    // Sent again: the stored card, the same links.
    const again = await post(admin, c2);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'exists', id: second.json().id, eventIds: [plagueEvent] });

    // 长垣's CDC reports a patient living in 辉县: the event is 辉县's, which 长垣 may not open.
    const cross = await post(cy, card({ institutionId: cyHospital, addressCode: HX2 }));
    expect(cross.statusCode, cross.body).toBe(201);
    expect(cross.json().eventIds).toEqual([]);
    // Institution users open no events at all.
    const fromHospital = await post(hosp, card());
    expect(fromHospital.statusCode, fromHospital.body).toBe(201);
    expect(fromHospital.json().eventIds).toEqual([]);
    // A card that raises nothing links to nothing.
    const quiet = await post(
      admin,
      card({
        diseaseCode: 'B0302',
        onsetDate: daysAgo(40),
        diagnosisAt: `${daysAgo(40)} 10:00`,
        reportedAt: `${daysAgo(40)} 12:00`,
      }),
    );
    expect(quiet.statusCode, quiet.body).toBe(201);
    expect(quiet.json().eventIds).toEqual([]);

    // A kindergarten cluster of 手足口病: four cards in bulk, the fifth on the form completes the cluster.
    const kid = (i: number, d: number) =>
      card({
        diseaseCode: 'C11',
        classification: 'clinical',
        occupation: '幼托儿童',
        workplace: '城关幼儿园',
        citizenId: citizenId(500 + i, '20200610'),
        onsetDate: daysAgo(d),
        diagnosisAt: `${daysAgo(d)} 10:00`,
        reportedAt: `${daysAgo(d)} 11:00`,
      });
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases/bulk',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: [kid(1, 5), kid(2, 4), kid(3, 4), kid(4, 3)].map((c) => JSON.stringify(c)).join('\n'),
    });
    expect(bulk.json().created).toBe(4);
    expect(bulk.json().results[0]).not.toHaveProperty('eventIds'); // bulk results stay as they were
    const fifthCard = kid(5, 3);
    const fifth = await post(admin, fifthCard);
    expect(fifth.statusCode, fifth.body).toBe(201);
    // 手足口病 is not reported immediately: the card is acknowledged with what is known, its series queued.
    expect(fifth.json()).toMatchObject({ signals: 0, eventIds: [] });
    await t.ctx.services.surveillance.detection.drain();
    const c11 = (await get(admin, '/api/v1/surveillance/signals?subject=C11')).json().items;
    const cluster = c11.find((s: { source: string }) => s.source === 'cluster');
    expect(cluster).toBeTruthy();
    expect(cluster.detail.caseIds).toContain(fifth.json().id);
    clusterEvent = cluster.eventId;
    // Once detected, the card (sent again) links to the cluster's event.
    const fifthAgain = await post(admin, fifthCard);
    expect(fifthAgain.json()).toMatchObject({ status: 'exists', id: fifth.json().id });
    expect(fifthAgain.json().eventIds).toContain(clusterEvent);
    // Every event returned holds a C11 signal.
    for (const id of fifthAgain.json().eventIds) {
      const e = (await get(admin, `/api/v1/surveillance/events/${id}`)).json();
      expect(e.signals.some((s: { subject: string }) => s.subject === 'C11')).toBe(true);
    }

    // Cholera in 长垣 (for the filters below).
    const cholera = await post(admin, card({ diseaseCode: 'A02', institutionId: cyHospital, addressCode: CY }));
    expect(cholera.statusCode, cholera.body).toBe(201);
    expect(cholera.json().eventIds).toHaveLength(1);
    choleraEvent = cholera.json().eventIds[0];
    expect(choleraEvent).not.toBe(plagueEvent);
  });

  it('filters the event list by disease or stream, within the caller’s scope', async () => {
    expect(ids(await events(admin, 'subject=A01'))).toEqual([plagueEvent]);
    expect(ids(await events(admin, 'subject=A02'))).toEqual([choleraEvent]);
    expect(ids(await events(admin, 'subject=C11'))).toContain(clusterEvent);
    expect(ids(await events(admin, 'subject=C11'))).not.toContain(plagueEvent);
    expect((await events(admin, 'subject=B0302')).total).toBe(0);
    expect((await events(admin, 'subject=NOPE')).total).toBe(0);
    expect(ids(await events(admin, 'subject=A02&area=410783'))).toEqual([choleraEvent]);
    expect((await events(admin, 'subject=A01&area=410783')).total).toBe(0);

    // A stream: school absenteeism with rash spikes in the kindergarten's township.
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
    const byStream = await events(admin, 'subject=school-absence-rash');
    expect(byStream.total).toBeGreaterThanOrEqual(1);
    expect(ids(byStream)).not.toContain(plagueEvent);
    expect(ids(byStream)).not.toContain(choleraEvent);
    for (const id of ids(byStream)) {
      const e = (await get(admin, `/api/v1/surveillance/events/${id}`)).json();
      expect(e.signals.some((x: { subject: string }) => x.subject === 'school-absence-rash')).toBe(true);
    }

    // County users see their county's events only; read-only users read them too.
    expect(ids(await events(hx, 'subject=A01'))).toEqual([plagueEvent]);
    expect((await events(hx, 'subject=A02')).total).toBe(0);
    expect(ids(await events(cy, 'subject=A02'))).toEqual([choleraEvent]);
    expect((await events(cy, 'subject=A01')).total).toBe(0);
    expect(ids(await events(ro, 'subject=A01'))).toEqual([plagueEvent]);
    // Denials: an area outside the scope is 403 (not an empty list), institution users 403, a bad code 400.
    expect((await get(cy, '/api/v1/surveillance/events?subject=A01&area=410782')).statusCode).toBe(403);
    expect((await get(cy, '/api/v1/surveillance/signals?area=410782')).statusCode).toBe(403);
    expect((await get(hosp, '/api/v1/surveillance/events?subject=A01')).statusCode).toBe(403);
    expect((await get(admin, `/api/v1/surveillance/events?subject=${'X'.repeat(41)}`)).statusCode).toBe(400);
    expect((await get(null, '/api/v1/surveillance/events?subject=A01')).statusCode).toBe(401);
  });

  it('lists whom an event may be assigned to, by the same rule the assignment enforces', async () => {
    const r = await get(hx, `/api/v1/surveillance/events/${plagueEvent}/assignees`);
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { id: number; username: string; displayName: string; role: string }[];
    expect(r.json().total).toBe(items.length);
    // Nearest scope first (the county's users), then the city, then administrators.
    expect(items.map((u) => u.username)).toEqual(['hx-cdc', 'hx-cdc2', 'city-cdc', 'admin']);
    for (const u of items) expect(Object.keys(u).sort()).toEqual(['displayName', 'id', 'role', 'username']);
    expect(items[0]).toEqual({
      id: userIds.get('hx-cdc'),
      username: 'hx-cdc',
      displayName: '辉县市疾控',
      role: 'county',
    });
    // The city user and the administrator get the same list.
    for (const cookie of [city, admin]) {
      const same = await get(cookie, `/api/v1/surveillance/events/${plagueEvent}/assignees`);
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json().items).toEqual(items);
    }
    // 长垣's event: 长垣's CDC, not 辉县's.
    const other = (await get(cy, `/api/v1/surveillance/events/${choleraEvent}/assignees`)).json().items;
    expect(other.map((u: { username: string }) => u.username)).toEqual(['cy-cdc', 'city-cdc', 'admin']);

    // Everyone listed can be assigned; those left out (inactive, another county, read-only, institution) cannot.
    let version = (await get(hx, `/api/v1/surveillance/events/${plagueEvent}`)).json().version;
    for (const u of items) {
      const a = await t.call(hx, 'POST', `/api/v1/surveillance/events/${plagueEvent}/assign`, {
        assigneeId: u.id,
        version,
      });
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json().assigneeName).toBe(u.displayName);
      version = a.json().version;
    }
    for (const name of ['hx-off', 'cy-cdc', 'ro-user', 'hosp']) {
      const a = await t.call(hx, 'POST', `/api/v1/surveillance/events/${plagueEvent}/assign`, {
        assigneeId: userIds.get(name),
        version,
      });
      expect(a.statusCode, `${name}: ${a.body}`).toBe(422);
    }

    // Denials: outside the scope 404 (existence does not leak), users who may not act 403, unknown 404.
    expect((await get(cy, `/api/v1/surveillance/events/${plagueEvent}/assignees`)).statusCode).toBe(404);
    expect((await get(hx, `/api/v1/surveillance/events/${choleraEvent}/assignees`)).statusCode).toBe(404);
    expect((await get(ro, `/api/v1/surveillance/events/${plagueEvent}/assignees`)).statusCode).toBe(403);
    expect((await get(hosp, `/api/v1/surveillance/events/${plagueEvent}/assignees`)).statusCode).toBe(403);
    expect((await get(hx, '/api/v1/surveillance/events/999999999/assignees')).statusCode).toBe(404);
    expect((await get(null, `/api/v1/surveillance/events/${plagueEvent}/assignees`)).statusCode).toBe(401);
  });

  it('counts in the KPIs exactly the events the list shows for the same filter (signal period overlapping the range)', async () => {
    // Move one event along so the states differ.
    const e = (await get(hx, `/api/v1/surveillance/events/${plagueEvent}`)).json();
    const step = await t.call(hx, 'POST', `/api/v1/surveillance/events/${plagueEvent}/transition`, {
      to: 'verifying',
      version: e.version,
    });
    expect(step.statusCode, step.body).toBe(200);

    // An event whose signals fell more than 52 weeks ago: counted alike with or without bounds left out.
    const old = await post(
      admin,
      card({
        diseaseCode: 'A02',
        institutionId: cyHospital,
        addressCode: CY,
        onsetDate: daysAgo(400),
        diagnosisAt: `${daysAgo(400)} 10:00`,
        reportedAt: `${daysAgo(400)} 11:00`,
      }),
    );
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json().eventIds).toHaveLength(1);
    const oldEvent = old.json().eventIds[0];
    expect(ids(await events(admin, ''))).toContain(oldEvent);

    const filters: Record<string, string>[] = [
      {},
      { to: daysAgo(3) },
      { from: daysAgo(3) },
      { to: daysAgo(300) },
      { subject: 'A02' },
      { from: daysAgo(3), to: daysAgo(3) },
      { from: daysAgo(60), to: daysAgo(0) },
      { from: daysAgo(2), to: daysAgo(0) },
      { from: daysAgo(3), to: daysAgo(3), subject: 'A01' },
      { from: daysAgo(60), to: daysAgo(0), subject: 'school-absence-rash' },
      { from: daysAgo(60), to: daysAgo(0), area: '410783' },
      { from: daysAgo(60), to: daysAgo(0), area: HX },
      { from: '2000-01-01', to: '2000-12-31' },
    ];
    const users: [string, string][] = [
      ['admin', admin],
      ['hx', hx],
      ['ro', ro],
      ['city', city],
    ];
    for (const [who, cookie] of users) {
      for (const f of filters) {
        const q = new URLSearchParams(f).toString();
        if (who === 'hx' && f.area === '410783') {
          expect((await get(cookie, `/api/v1/surveillance/kpis?${q}`)).statusCode).toBe(403);
          expect((await get(cookie, `/api/v1/surveillance/events?${q}`)).statusCode).toBe(403);
          continue;
        }
        const k = await get(cookie, `/api/v1/surveillance/kpis?${q}`);
        expect(k.statusCode, k.body).toBe(200);
        const kpi = k.json();
        const list = await events(cookie, q);
        expect(kpi.events, `${who} ${q}`).toBe(list.total);
        const byState = kpi.byState as Record<string, number>;
        expect(Object.values(byState).reduce((a, b) => a + b, 0)).toBe(list.total);
        for (const state of new Set([...Object.keys(byState), ...list.items.map((x) => x.state)])) {
          expect((await events(cookie, `${q}&state=${state}`)).total, `${who} ${q} ${state}`).toBe(byState[state] ?? 0);
        }
        expect(kpi.verified).toBe(list.items.filter((x) => x.verifiedAt).length);
        // Signals: those whose period ends in the range (silent sources aside), as the signal list counts them.
        let signals = 0;
        for (const source of ['case', 'fixed', 'cluster', 'stream'])
          signals += (await get(cookie, `/api/v1/surveillance/signals?${q}&source=${source}&limit=1`)).json().total;
        expect(kpi.signals, `${who} ${q} signals`).toBe(signals);
      }
    }
    // Bounds left out are not applied; the period reported is then the span of what was counted.
    const all = (await get(admin, '/api/v1/surveillance/kpis')).json();
    expect(all.events).toBe((await events(admin, '')).total);
    expect(all.from).toBe(daysAgo(400));
    expect(all.to <= daysAgo(0)).toBe(true);
    expect(all.weeks).toBeGreaterThan(52);
    const upTo = (await get(admin, `/api/v1/surveillance/kpis?to=${daysAgo(3)}`)).json();
    expect(upTo).toMatchObject({ from: daysAgo(400), to: daysAgo(3) });
    const sinceOld = (await get(admin, `/api/v1/surveillance/kpis?from=${daysAgo(3)}`)).json();
    expect(sinceOld.from).toBe(daysAgo(3));
    const none = (await get(admin, '/api/v1/surveillance/kpis?from=2000-01-01&to=2000-12-31')).json();
    expect(none).toMatchObject({ from: '2000-01-01', to: '2000-12-31', events: 0, signals: 0 });
    // The range is about when the signals fell, not when the event was created (today): the plague event's
    // signals fell 3 days ago, so it is in [d3, d3] and not in [d2, today].
    expect(ids(await events(admin, `from=${daysAgo(3)}&to=${daysAgo(3)}`))).toContain(plagueEvent);
    expect(ids(await events(admin, `from=${daysAgo(2)}&to=${daysAgo(0)}`))).not.toContain(plagueEvent);
    // Denials: an area outside the scope, institution users, a reversed range.
    expect((await get(cy, `/api/v1/surveillance/kpis?area=410782`)).statusCode).toBe(403);
    expect((await get(hosp, `/api/v1/surveillance/kpis`)).statusCode).toBe(403);
    expect((await get(admin, `/api/v1/surveillance/kpis?from=${daysAgo(0)}&to=${daysAgo(5)}`)).statusCode).toBe(422);
    for (const list of ['events', 'signals', 'kpis']) {
      const r = await get(admin, `/api/v1/surveillance/${list}?from=${daysAgo(0)}&to=${daysAgo(5)}`);
      expect(r.statusCode, `${list}: ${r.body}`).toBe(422);
      expect(r.json().error.details[0].path).toBe('from');
    }
  });

  it('refuses ids and versions beyond the database’s integers as bad requests naming the field', async () => {
    const BIG = 99999999999;
    const e = (await get(hx, `/api/v1/surveillance/events/${plagueEvent}`)).json();
    const bad = async (r: { statusCode: number; body: string; json(): unknown }, path: string) => {
      expect(r.statusCode, r.body).toBe(400);
      const details = (r.json() as { error: { details: { path: string }[] } }).error.details;
      expect(details.map((d) => d.path)).toContain(path);
    };
    const assign = `/api/v1/surveillance/events/${plagueEvent}/assign`;
    await bad(await t.call(hx, 'POST', assign, { assigneeId: BIG, version: e.version }), 'assigneeId');
    await bad(await t.call(hx, 'POST', assign, { assigneeId: userIds.get('hx-cdc'), version: BIG }), 'version');
    const transition = `/api/v1/surveillance/events/${plagueEvent}/transition`;
    await bad(await t.call(hx, 'POST', transition, { to: 'verifying', version: BIG }), 'version');
    await bad(await get(hx, `/api/v1/surveillance/events?assignee=${BIG}`), 'querystring.assignee');
    await bad(await get(admin, `/api/v1/surveillance/cases?institution=${BIG}`), 'querystring.institution');
    await bad(
      await t.call(admin, 'DELETE', '/api/v1/surveillance/cases/1', { reason: '重复', version: BIG }),
      'version',
    );
    // Event, signal and case ids are bigint: a large id is simply not there.
    expect((await get(hx, `/api/v1/surveillance/events/${BIG}`)).statusCode).toBe(404);
    expect(
      (await t.call(hx, 'POST', `/api/v1/surveillance/events/${BIG}/transition`, { to: 'verifying', version: 1 }))
        .statusCode,
    ).toBe(404);
    // A filter naming an event that is not there answers as the event's page does (issue 12: no empty lists).
    expect((await get(admin, `/api/v1/surveillance/signals?event=${BIG}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/v1/surveillance/cases/${BIG}`)).statusCode).toBe(404);
    // Beyond the safe integers: 400 as well.
    expect((await get(hx, '/api/v1/surveillance/events/99999999999999999999')).statusCode).toBe(400);
    // Nothing changed.
    expect((await get(hx, `/api/v1/surveillance/events/${plagueEvent}`)).json().version).toBe(e.version);
  });

  it('names the field a refused step lacks: the note, the emergency level, else the step', async () => {
    let e = (await get(hx, `/api/v1/surveillance/events/${plagueEvent}`)).json();
    expect(e.state).toBe('verifying');
    const step = (body: object) =>
      t.call(hx, 'POST', `/api/v1/surveillance/events/${plagueEvent}/transition`, { version: e.version, ...body });
    const noNote = await step({ to: 'suspected' });
    expect(noNote.statusCode, noNote.body).toBe(422);
    expect(noNote.json().error.details[0].path).toBe('note');
    expect((await step({ to: 'suspected', note: '  ' })).json().error.details[0].path).toBe('note');
    const skip = await step({ to: 'confirmed', emergencyLevel: 2, note: '确认' });
    expect(skip.statusCode).toBe(422);
    expect(skip.json().error.details[0].path).toBe('to');
    // Along the way to 确认, the level is the missing field.
    for (const [to, note] of [
      ['suspected', '初步核实为疑似'],
      ['investigating', null],
    ] as const) {
      const r = await step({ to, note });
      expect(r.statusCode, r.body).toBe(200);
      e = { ...e, version: r.json().version };
    }
    const noLevel = await step({ to: 'confirmed', note: '确认' });
    expect(noLevel.statusCode).toBe(422);
    expect(noLevel.json().error.details[0].path).toBe('emergencyLevel');
  });

  it('refuses a detection run naming unknown diseases or streams', async () => {
    const range = { from: daysAgo(10), to: daysAgo(0) };
    const run = (body: object) => t.call(admin, 'POST', '/api/v1/surveillance/run', { ...range, ...body });
    const d = await run({ diseases: ['XX'] });
    expect(d.statusCode, d.body).toBe(422);
    expect(d.json().error.details.map((x: { path: string }) => x.path)).toEqual(['diseases[0]']);
    const s = await run({ diseases: ['A01'], streams: ['school-absence-rash', 'NOPE', 'A01'] });
    expect(s.statusCode, s.body).toBe(422);
    expect(s.json().error.details.map((x: { path: string }) => x.path)).toEqual(['streams[1]', 'streams[2]']);
    const ok = await run({ diseases: ['A01'], streams: ['school-absence-rash'] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await run({ from: daysAgo(0), to: daysAgo(5) })).statusCode).toBe(422);
  });

  it('lets every signed-in user read the boundaries of any area, which are public geography', async () => {
    for (const cookie of [hx, cy, ro, hosp, city, admin]) {
      const r = await get(cookie, '/api/v1/areas/4107/boundaries');
      expect(r.statusCode, r.body).toBe(200);
      const codes = r.json().features.map((f: { properties: { code: string } }) => f.properties.code);
      expect(codes).toEqual(expect.arrayContaining(['410782', '410783']));
    }
    // Another city, outside every scope here.
    expect((await get(hx, '/api/v1/areas/4101/boundaries')).statusCode).toBe(200);
    // Still 404 without data, 404 for unknown codes, 401 without a session.
    expect((await get(hx, '/api/v1/areas/410782/boundaries')).statusCode).toBe(404);
    expect((await get(hx, '/api/v1/areas/9999/boundaries')).statusCode).toBe(404);
    expect((await get(null, '/api/v1/areas/4107/boundaries')).statusCode).toBe(401);
    // The area data itself stays scoped.
    expect((await get(hx, '/api/v1/areas/4107')).statusCode).toBe(403);
  });

  it('places the event’s townships from the area tree, else from the centroid of their institutions', async () => {
    const e = (await get(hx, `/api/v1/surveillance/events/${clusterEvent}`)).json();
    // The cluster's place as people name it, not its key.
    const cl = e.signals.find((x: { source: string }) => x.source === 'cluster');
    expect(cl).toMatchObject({ place: 'school:城关幼儿园', placeKind: 'school', placeName: '城关幼儿园' });
    const listed = (await get(hx, `/api/v1/surveillance/signals?event=${clusterEvent}&source=cluster`)).json().items;
    expect(listed[0]).toMatchObject({ placeKind: 'school', placeName: '城关幼儿园' });
    const hxPoint = e.townships.find((p: { code: string }) => p.code === HX);
    expect(hxPoint).toMatchObject({ code: HX, source: 'institutions', institutions: 2 });
    expect(hxPoint.lng).toBeCloseTo(113.85, 6);
    expect(hxPoint.lat).toBeCloseTo(35.45, 6);
    // A county-level event: the townships of the cards its signals list (codes and places only).
    const county = (await get(hx, `/api/v1/surveillance/events/${plagueEvent}`)).json();
    expect(county.areaLevel).toBe('county');
    const fixedCases = county.signals.flatMap((x: { detail: { caseIds?: number[] } }) => x.detail.caseIds ?? []);
    expect(fixedCases.length).toBeGreaterThanOrEqual(1);
    const expected = new Set<string>();
    for (const id of fixedCases)
      expected.add((await get(admin, `/api/v1/surveillance/cases/${id}`)).json().townshipCode);
    expect(expected.has(HX)).toBe(true);
    expect(county.townships.map((p: { code: string }) => p.code)).toEqual([...expected].sort());
    expect(county.townships[0]).toMatchObject({ code: HX, source: 'institutions', institutions: 2 });
    for (const p of county.townships)
      expect(Object.keys(p).sort()).toEqual(['code', 'institutions', 'lat', 'lng', 'name', 'source']);
    // The city user sees the same; 长垣's cholera event is placed in 长垣's township.
    expect((await get(city, `/api/v1/surveillance/events/${plagueEvent}`)).json().townships).toEqual(county.townships);
    expect(
      (await get(cy, `/api/v1/surveillance/events/${choleraEvent}`))
        .json()
        .townships.map((p: { code: string }) => p.code),
    ).toEqual([CY]);

    // Coordinates recorded on the township win over the institutions' centroid.
    await t.ctx.db.query(`update areas set lng = 113.7, lat = 35.6 where code = $1`, [HX]);
    t.ctx.services.registry.areas.invalidate();
    const again = (await get(hx, `/api/v1/surveillance/events/${clusterEvent}`)).json();
    expect(again.townships.find((p: { code: string }) => p.code === HX)).toMatchObject({
      source: 'area',
      lng: 113.7,
      lat: 35.6,
      institutions: null,
    });
    await t.ctx.db.query(`update areas set lng = null, lat = null where code = $1`, [HX]);
    t.ctx.services.registry.areas.invalidate();

    // Outside the scope the event (and so its places) is 404.
    expect((await get(cy, `/api/v1/surveillance/events/${clusterEvent}`)).statusCode).toBe(404);
  });

  it('detects again after a card is deleted, as after a correction', async () => {
    await t.ctx.services.surveillance.detection.drain();
    const created = await post(
      admin,
      card({
        diseaseCode: 'B0302',
        onsetDate: daysAgo(41),
        diagnosisAt: `${daysAgo(41)} 10:00`,
        reportedAt: `${daysAgo(41)} 12:00`,
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const spy = vi.spyOn(t.ctx.services.surveillance.detection, 'runNow');
    try {
      const read = (await get(admin, `/api/v1/surveillance/cases/${id}`)).json();
      // A version beyond int4 is a bad request naming it, for 订正 and deletion alike; nothing runs.
      for (const method of ['PUT', 'DELETE'] as const) {
        const big = await t.call(admin, method, `/api/v1/surveillance/cases/${id}`, {
          version: 99999999999,
          reason: '订正',
        });
        expect(big.statusCode, big.body).toBe(400);
        expect(big.json().error.details[0].path).toBe('version');
      }
      expect(spy).not.toHaveBeenCalled();
      const put = await t.call(admin, 'PUT', `/api/v1/surveillance/cases/${id}`, {
        version: read.version,
        reason: '订正职业',
        occupation: '工人',
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(spy).toHaveBeenCalledTimes(1);
      // The old and the new series (here one: the occupation changed) detected again in the request.
      const key = { kind: 'case', subject: 'B0302', countyCode: '410782', from: daysAgo(41), to: daysAgo(41) };
      expect(spy.mock.calls[0]![0]).toEqual([expect.objectContaining(key)]);

      const del = await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${id}`, {
        reason: '重复报告',
        version: put.json().version,
      });
      expect(del.statusCode, del.body).toBe(200);
      expect(del.json()).toMatchObject({ id, deleted: true });
      expect(spy).toHaveBeenCalledTimes(2);
      expect(spy.mock.calls[1]![0]).toEqual([expect.objectContaining(key)]);
      // Nothing is left queued for the worker: the request ran what it queued.
      expect((await t.ctx.services.surveillance.detection.state()).keys).toBe(0);
      // Refused deletions (stale version, already deleted, outside the scope) run nothing.
      expect(
        (await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${id}`, { reason: '再删', version: 1 })).statusCode,
      ).toBe(409);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers concurrent single cards, stored together, each with the events its caller may open', async () => {
    await t.ctx.services.surveillance.detection.drain();
    const intake = t.ctx.services.surveillance.intake;
    // Children of the cluster's kindergarten and days (手足口病 is not detected in the request).
    const kid = (i: number, over: Record<string, unknown> = {}) =>
      card({
        diseaseCode: 'C11',
        classification: 'clinical',
        occupation: '幼托儿童',
        workplace: '城关幼儿园',
        citizenId: citizenId(700 + i, '20200610'),
        onsetDate: daysAgo(3),
        diagnosisAt: `${daysAgo(3)} 10:00`,
        reportedAt: `${daysAgo(3)} 11:00`,
        ...over,
      });
    const sent: [string, Record<string, unknown>][] = [
      [admin, kid(1)],
      [hx, kid(2)],
      [cy, kid(3, { institutionId: cyHospital })],
      [hosp, kid(4)],
      [admin, kid(5)],
    ];
    const one = vi.spyOn(intake, 'eventIdsOf');
    const many = vi.spyOn(intake, 'ingestMany');
    let together: { statusCode: number; body: string; json(): { eventIds: number[] } }[];
    try {
      together = await Promise.all(sent.map(([cookie, body]) => post(cookie, body)));
      for (const r of together) expect(r.statusCode, r.body).toBe(201);
      // Stored in fewer transactions than cards, and the events looked up per batch, not per card.
      expect(Math.max(...many.mock.calls.map((c) => c[0].length))).toBeGreaterThan(1);
      expect(one).not.toHaveBeenCalled();
    } finally {
      one.mockRestore();
      many.mockRestore();
    }
    expect(together[0]!.json().eventIds).toContain(clusterEvent);
    expect(together[1]!.json().eventIds).toContain(clusterEvent);
    // 长垣 may not open 辉县's event; institution users open none.
    expect(together[2]!.json().eventIds).toEqual([]);
    expect(together[3]!.json().eventIds).toEqual([]);
    // Sent again one at a time without group commit (each card's own look-up): the same answers.
    intake.groupCommit = false;
    try {
      for (const [k, [cookie, body]] of sent.entries()) {
        const again = await post(cookie, body);
        expect(again.statusCode, again.body).toBe(200);
        expect(again.json().eventIds).toEqual(together[k]!.json().eventIds);
      }
    } finally {
      intake.groupCommit = true;
    }
  });
});
