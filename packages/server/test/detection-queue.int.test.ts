// Detection decoupled from submission (issue 13): a single card is stored and acknowledged with its series
// queued; the worker (or a drain) detects it; an immediately reported disease is detected in the request; a
// burst of cards on one series is one queued key and one engine run; two app servers on one PostgreSQL detect
// every key exactly once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.ts';
import { openPostgres } from '../src/platform/db.ts';
import { enqueueKeys } from '../src/surveillance/detection-queue.ts';
import { DetectionQueue } from '../src/surveillance/detection-worker.ts';
import { citizenId, createInstitution, daysAgo } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const HX_COUNTY = '410782';

describe.each(ENGINES)('detection queue on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hospital: number;
  let seq = 0;
  const card = (over: Record<string, unknown> = {}) => {
    seq++;
    return {
      clientReportId: `DQ-${seq}`,
      institutionId: hospital,
      diseaseCode: 'C11',
      classification: 'clinical',
      patientName: `患儿${seq}`,
      citizenId: citizenId(7000 + seq, '20200610'),
      occupation: '幼托儿童',
      workplace: '城西幼儿园',
      addressCode: HX,
      onsetDate: daysAgo(3),
      diagnosisAt: `${daysAgo(3)} 10:00`,
      reportedAt: `${daysAgo(3)} 11:00`,
      doctorName: '王医生',
      ...over,
    };
  };
  const onDay = (d: number, over: Record<string, unknown> = {}) =>
    card({ onsetDate: daysAgo(d), diagnosisAt: `${daysAgo(d)} 10:00`, reportedAt: `${daysAgo(d)} 11:00`, ...over });
  const post = (body: object, query = '') => t.call(admin, 'POST', `/api/v1/surveillance/cases${query}`, body);
  const signals = async (subject: string) =>
    (await t.call(admin, 'GET', `/api/v1/surveillance/signals?subject=${subject}&limit=500`)).json().items as {
      source: string;
      detail: { caseIds?: number[] };
      eventId: number | null;
    }[];

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    hospital = await createInstitution(t, admin, '辉县市第二人民医院', HX, { lng: 113.8, lat: 35.4 });
  });
  afterAll(() => t?.close());

  it('acknowledges a card at once and detects it from the queue; an immediate disease in the request', async () => {
    const detection = t.ctx.services.surveillance.detection;
    // Five cards of one kindergarten within days: a cluster once detected, none while queued.
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await post(card());
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ status: 'created', signals: 0, eventIds: [] });
      ids.push(r.json().id);
    }
    expect(await detection.state()).toMatchObject({ keys: 1, items: 5 });
    expect((await signals('C11')).filter((s) => s.source === 'cluster')).toEqual([]);

    const run = vi.spyOn(t.ctx.services.surveillance.engine, 'run');
    try {
      await detection.drain();
      // One key, one engine run, whatever the number of cards behind it.
      expect(run).toHaveBeenCalledTimes(1);
      expect(run.mock.calls[0]![0]).toMatchObject({ diseases: ['C11'], counties: [HX_COUNTY], to: daysAgo(3) });
    } finally {
      run.mockRestore();
    }
    expect((await detection.state()).keys).toBe(0);
    const cluster = (await signals('C11')).find((s) => s.source === 'cluster');
    expect(cluster?.detail.caseIds).toEqual(ids);
    expect(cluster?.eventId).toBeTruthy();

    // Plague: the signal and its event are in the answer, and nothing is left queued for it.
    const plague = await post(card({ diseaseCode: 'A01', classification: 'confirmed', occupation: '农民' }));
    expect(plague.statusCode, plague.body).toBe(201);
    expect(plague.json().signals).toBe(1);
    expect(plague.json().eventIds).toHaveLength(1);
    expect((await detection.state()).keys).toBe(0);
    // With detect=false even plague waits for the worker, but it is queued all the same.
    const quiet = await post(
      onDay(2, { diseaseCode: 'A01', classification: 'confirmed', occupation: '农民' }),
      '?detect=false',
    );
    expect(quiet.json()).toMatchObject({ signals: 0, eventIds: [] });
    expect(await detection.state()).toMatchObject({ keys: 1, items: 1 });
    await detection.drain();
    expect((await signals('A01')).length).toBe(2);
  });

  it('coalesces 50 cards of one series into one queued key and one engine run', async () => {
    const detection = t.ctx.services.surveillance.detection;
    await detection.drain();
    const days = [20, 12, 30, 5];
    for (let i = 0; i < 50; i++) {
      const d = days[i % days.length]!;
      const r = await post(
        onDay(d, { diseaseCode: 'B0302', classification: 'confirmed', occupation: '农民', workplace: null }),
      );
      expect(r.statusCode, r.body).toBe(201);
    }
    expect(await detection.state()).toMatchObject({ keys: 1, items: 50 });
    const { rows } = await t.ctx.db.query<{ from: string; to: string; gen: number }>(
      `select to_char(from_date, 'YYYY-MM-DD') as "from", to_char(to_date, 'YYYY-MM-DD') as "to", gen
         from detection_queue`,
    );
    // The key's range is the union of the cards' onsets.
    expect(rows).toEqual([{ from: daysAgo(30), to: daysAgo(5), gen: 50 }]);
    const run = vi.spyOn(t.ctx.services.surveillance.engine, 'run');
    try {
      await detection.drain();
      expect(run).toHaveBeenCalledTimes(1);
      expect(run.mock.calls[0]![0]).toMatchObject({ diseases: ['B0302'], from: daysAgo(30), to: daysAgo(5) });
    } finally {
      run.mockRestore();
    }
  });

  it('runs a key again when a card arrives during its run, and keeps a failed key for a later round', async () => {
    const detection = t.ctx.services.surveillance.detection;
    await detection.drain();
    expect((await post(onDay(1))).statusCode).toBe(201);
    const engineRun = t.ctx.services.surveillance.engine.run.bind(t.ctx.services.surveillance.engine);
    let calls = 0;
    const run = vi.spyOn(t.ctx.services.surveillance.engine, 'run').mockImplementation(async (scope) => {
      calls++;
      // A card of the same series stored while the first run goes on.
      if (calls === 1) expect((await post(onDay(1))).statusCode).toBe(201);
      return engineRun(scope);
    });
    try {
      await detection.drain();
      expect(calls).toBe(2);
    } finally {
      run.mockRestore();
    }
    expect((await detection.state()).keys).toBe(0);

    // A run that fails leaves its key queued, delayed, not lost.
    expect((await post(onDay(2))).statusCode).toBe(201);
    const failing = vi.spyOn(t.ctx.services.surveillance.engine, 'run').mockRejectedValue(new Error('boom'));
    try {
      await expect(detection.drain()).rejects.toThrow('boom');
    } finally {
      failing.mockRestore();
    }
    expect((await detection.state()).keys).toBe(1);
    // Delayed: a round now finds nothing free; once the delay is over it runs.
    expect((await detection.drain()).series).toBe(0);
    await t.ctx.db.query(`update detection_queue set claimed_until = now() - interval '1 second'`);
    await detection.drain();
    expect((await detection.state()).keys).toBe(0);
  });

  it('stores concurrent single cards in one transaction, each answered on its own', async () => {
    const intake = t.ctx.services.surveillance.intake;
    const many = vi.spyOn(intake, 'ingestMany');
    const ids: string[] = [];
    try {
      const cards = Array.from({ length: 12 }, (_, i) => onDay(5 + (i % 3), { diseaseCode: 'B13', workplace: null }));
      const bad = onDay(5, { diseaseCode: 'NOPE' });
      // The same card twice in one burst: stored once, the second answered as existing.
      const twice = onDay(6, { diseaseCode: 'B13', workplace: null });
      const answers = await Promise.all([...cards, bad, twice, twice].map((c) => post(c, '?detect=false')));
      expect(answers.slice(0, 12).map((r) => r.statusCode)).toEqual(new Array(12).fill(201));
      expect(new Set(answers.slice(0, 12).map((r) => r.json().id)).size).toBe(12);
      expect(answers[12]!.statusCode).toBe(422);
      expect(answers[12]!.json().error.details[0].path).toBe('diseaseCode');
      expect([answers[13]!.statusCode, answers[14]!.statusCode].sort()).toEqual([200, 201]);
      expect(answers[13]!.json().id).toBe(answers[14]!.json().id);
      ids.push(...[...answers.slice(0, 12), answers[13]!].map((r) => String(r.json().id)));
      // Grouped: fewer transactions than cards, at least one holding several.
      expect(many.mock.calls.length).toBeLessThan(15);
      expect(Math.max(...many.mock.calls.map((c) => c[0].length))).toBeGreaterThan(1);
    } finally {
      many.mockRestore();
    }
    // Each created card has its own audit entry, as a card sent alone.
    const { rows } = await t.ctx.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'case.create' and entity_id::text = any($1::text[])`,
      [ids],
    );
    expect(rows[0]!.n).toBe(13);
  });

  it('detects within the worker interval once the worker runs', async () => {
    const detection = t.ctx.services.surveillance.detection;
    const worker = new DetectionQueue(t.ctx.db, t.ctx.services.surveillance.engine, { intervalMs: 50 });
    const started = worker.start();
    try {
      const r = await post(onDay(4, { workplace: '城北幼儿园' }));
      expect(r.statusCode, r.body).toBe(201);
      const t0 = Date.now();
      while ((await detection.state()).keys > 0 && Date.now() - t0 < 10_000)
        await new Promise((s) => setTimeout(s, 25));
      expect((await detection.state()).keys).toBe(0);
      expect(worker.runs.get(`case|C11|${HX_COUNTY}`)).toBe(1);
    } finally {
      await started.stop();
    }
  });

  it.skipIf(engine !== 'postgres')('two app servers on one database detect every key exactly once', async () => {
    const url = t.ctx.config.databaseUrl!;
    const db2 = await openPostgres(url);
    const second = await createApp(t.ctx.config, db2);
    try {
      // 60 keys: 10 diseases × 6 counties, queued as stored cards would queue them.
      const diseases = ['B0302', 'B13', 'B14', 'C11', 'C03', 'B06', 'B19', 'B28', 'B05', 'B01'];
      const counties = ['410702', '410703', '410724', '410726', '410782', '410783'];
      const keys = diseases.flatMap((subject) =>
        counties.map((countyCode) => ({
          kind: 'case' as const,
          subject,
          countyCode,
          from: daysAgo(9),
          to: daysAgo(2),
        })),
      );
      await t.ctx.db.tx((q) => enqueueKeys(q, keys));
      const a = new DetectionQueue(t.ctx.db, t.ctx.services.surveillance.engine, { intervalMs: 10, batch: 3 });
      const b = new DetectionQueue(db2, second.services.surveillance.engine, { intervalMs: 10, batch: 3 });
      const workers = [a.start(), b.start()];
      const t0 = Date.now();
      while ((await t.ctx.services.surveillance.detection.state()).keys > 0 && Date.now() - t0 < 60_000)
        await new Promise((s) => setTimeout(s, 50));
      await Promise.all(workers.map((w) => w.stop()));
      expect((await t.ctx.services.surveillance.detection.state()).keys).toBe(0);
      for (const k of keys) {
        const id = `case|${k.subject}|${k.countyCode}`;
        expect((a.runs.get(id) ?? 0) + (b.runs.get(id) ?? 0), id).toBe(1);
      }
      // Both servers took part.
      expect(a.runs.size).toBeGreaterThan(0);
      expect(b.runs.size).toBeGreaterThan(0);
    } finally {
      await db2.close();
    }
  });
});
