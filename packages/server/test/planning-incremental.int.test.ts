// Incremental facts for the indicator engine (issue 13): the aggregates the triggers of migrations 014
// (case_counts) and 015 (area_fact_totals, area_institution_counts) keep must equal what a fresh aggregate of
// the source rows gives after every kind of write — cards, corrections (订正) that move a card to another
// county, disease or classification, duplicate flags, soft and hard deletion; yearly reports, an institution
// regraded, recategorised or closed — and the dashboard's values, cached per version of their inputs on both
// engines, must show each write on the next read, including a write made through another app server.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, createApp } from '../src/app.ts';
import { openPostgres } from '../src/platform/db.ts';
import { citizenId, createInstitution } from './fixtures.ts';
import { DEMO_PASSWORD, ENGINES, makeApp, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const CY = '410783001'; // a township of 长垣市

/** The counts case_counts should hold, computed afresh from the cards. */
const FRESH_CASE_COUNTS = `
  select county_code, township_code, extract(year from onset_date)::int as year, disease_code, count(*)::int as cards,
         (count(*) filter (where not deleted and duplicate_of is null and classification in ('clinical', 'confirmed')))::int as counted,
         (count(*) filter (where not deleted and reported_at <
           (make_date(extract(year from onset_date)::int, 2, 1) - interval '8 hours') at time zone 'UTC'))::int as january,
         max(updated_at) as last_change
    from case_reports group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
const KEPT_CASE_COUNTS = `
  select county_code, township_code, year::int as year, disease_code, cards, counted, january, last_change
    from case_counts order by 1, 2, 3, 4`;

const FRESH_RESOURCE_TOTALS = `
  select r.county_code, left(i.area_code, 9) as township, r.year::int as year, i.category,
         coalesce(i.grade_level, 0)::int as grade, i.ownership, count(*)::int as reports,
         sum(r.beds_actual)::float8 as beds, sum(r.doctors)::float8 as doctors, sum(r.nurses)::float8 as nurses,
         max(r.updated_at) as last_change
    from institution_resources r join institutions i on i.id = r.institution_id
   group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`;
const KEPT_RESOURCE_TOTALS = `
  select county_code, township_code as township, year::int as year, category, grade_level::int as grade, ownership,
         reports, beds_actual::float8 as beds, doctors::float8 as doctors, nurses::float8 as nurses, last_change
    from area_fact_totals order by 1, 2, 3, 4, 5, 6`;

const FRESH_INSTITUTION_COUNTS = `
  select county_code, left(area_code, 9) as township, category, coalesce(grade_level, 0)::int as grade, ownership,
         coalesce(extract(year from opened_on)::int, 0) as opened, coalesce(extract(year from closed_on)::int, 9999) as closed,
         count(*)::int as n
    from institutions group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`;
const KEPT_INSTITUTION_COUNTS = `
  select county_code, township_code as township, category, grade_level::int as grade, ownership,
         opened_year::int as opened, closed_year::int as closed, institutions as n
    from area_institution_counts order by 1, 2, 3, 4, 5, 6, 7`;

/** The version of an institution's yearly report, to be sent when it exists (optimistic concurrency). */
async function reportVersion(
  call: TestApp['call'],
  cookie: string,
  id: number,
  year: number,
): Promise<{ version?: number }> {
  const items = (await call(cookie, 'GET', `/api/v1/institutions/${id}/resources`)).json().items as {
    year: number;
    version: number;
  }[];
  const row = items.find((i) => i.year === year);
  return row ? { version: row.version } : {};
}

type Row = Record<string, unknown> & { last_change?: unknown };
const time = (v: unknown) => new Date(v as string).getTime();

describe.each(ENGINES)('incremental facts for the indicator engine on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let hxHospital: number;
  let cyHospital: number;
  let seq = 0;

  const rows = async (sql: string) => (await t.ctx.db.query<Row>(sql)).rows;
  /**
   * The kept aggregates equal fresh ones. A key a card or report only left (moved by a correction, deleted)
   * may keep a later change time than its remaining rows have: "changed since" stays true of it.
   */
  const expectFresh = async (fresh: string, kept: string) => {
    const [f, k] = await Promise.all([rows(fresh), rows(kept)]);
    const strip = (r: Row) => ({ ...r, last_change: undefined });
    expect(k.map(strip)).toEqual(f.map(strip));
    for (const [n, r] of f.entries()) {
      if (r.last_change !== undefined) expect(time(k[n]!.last_change)).toBeGreaterThanOrEqual(time(r.last_change));
    }
  };
  const expectAllFresh = async () => {
    await expectFresh(FRESH_CASE_COUNTS, KEPT_CASE_COUNTS);
    await expectFresh(FRESH_RESOURCE_TOTALS, KEPT_RESOURCE_TOTALS);
    await expectFresh(FRESH_INSTITUTION_COUNTS, KEPT_INSTITUTION_COUNTS);
  };

  const card = (over: Record<string, unknown> = {}) => {
    seq++;
    const onset = (over.onsetDate as string | undefined) ?? '2024-01-10';
    return {
      clientReportId: `INC-${seq}`,
      institutionId: hxHospital,
      diseaseCode: 'B0302',
      classification: 'confirmed',
      patientName: `病人${seq}`,
      citizenId: citizenId(300 + seq),
      occupation: '农民',
      addressCode: HX,
      onsetDate: onset,
      diagnosisAt: `${onset} 10:00`,
      reportedAt: `${onset} 12:00`,
      doctorName: '李医生',
      ...over,
    };
  };
  const post = async (c: Record<string, unknown>) => {
    const r = await t.call(admin, 'POST', '/api/v1/surveillance/cases?detect=false', c);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: number; version: number };
  };
  /** A catalogue indicator's 2024 value for an area, through the API. */
  const value = async (code: string, area: string, year = 2024, cookie = admin, app = t) => {
    const r = await app.call(cookie, 'GET', `/api/v1/indicators/${code}/values?area=${area}&from=${year}&to=${year}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items[0] as { value: number | null; components: Record<string, number | null> };
  };
  const cases = async (area: string) =>
    (await value('notifiable-disease-incidence', area)).components['module:surveillance/notifiable-cases'];

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    hxHospital = await createInstitution(t, admin, '辉县市增量医院', HX);
    cyHospital = await createInstitution(t, admin, '长垣市增量医院', CY);
    for (const area of [HX, CY]) {
      const r = await t.call(admin, 'PUT', `/api/v1/areas/${area}/population/2024`, { resident: 100_000 });
      expect(r.statusCode, r.body).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('keeps case counts through cards, corrections, duplicates, soft and hard deletion', async () => {
    const first = card();
    const a = await post(first);
    const b = await post(card({ onsetDate: '2024-03-05' }));
    await post(card({ classification: 'suspected' }));
    await post(card({ institutionId: cyHospital, addressCode: CY }));
    await expectAllFresh();
    expect(await cases('410782')).toBe(2);
    expect(await cases('4107')).toBe(3);

    // 订正: confirmed → suspected no longer counts; then the card moves to 长垣, then to a 丙类 disease.
    const fix = (id: number, version: number, body: Record<string, unknown>) =>
      t.call(admin, 'PUT', `/api/v1/surveillance/cases/${id}`, { version, reason: '订正', ...body });
    let r = await fix(b.id, 1, { classification: 'suspected' });
    expect(r.statusCode, r.body).toBe(200);
    await expectAllFresh();
    expect(await cases('410782')).toBe(1);
    r = await fix(b.id, 2, { classification: 'clinical', addressCode: CY });
    expect(r.statusCode, r.body).toBe(200);
    await expectAllFresh();
    expect(await cases('410782')).toBe(1);
    expect(await cases('410783')).toBe(2);
    r = await fix(b.id, 3, { diseaseCode: 'C01' });
    expect(r.statusCode, r.body).toBe(200);
    await expectAllFresh();
    expect(await cases('410783')).toBe(1);

    // A probable duplicate of the first card (same person and disease) does not count.
    const dup = await post(
      card({ citizenId: first.citizenId, patientName: first.patientName, onsetDate: '2024-01-12' }),
    );
    expect((await t.call(admin, 'GET', `/api/v1/surveillance/cases/${dup.id}`)).json().duplicateOf).toBe(a.id);
    await expectAllFresh();
    expect(await cases('410782')).toBe(1);

    // Soft deletion (删除), then a hard deletion (the demo reset's path), adjust the counts.
    r = await t.call(admin, 'DELETE', `/api/v1/surveillance/cases/${a.id}`, { version: 1, reason: '误报' });
    expect(r.statusCode, r.body).toBe(200);
    await expectAllFresh();
    expect(await cases('410782')).toBe(0);
    await t.ctx.db.query('delete from case_report_versions where case_id = $1', [b.id]);
    await t.ctx.db.query('delete from case_reports where id = $1', [b.id]);
    await expectAllFresh();
    expect(await cases('410783')).toBe(1);
  });

  it('keeps resource totals and institution counts through reports, regrading, recategorising and closing', async () => {
    const put = async (id: number, year: number, body: Record<string, unknown>) => {
      const r = await t.call(admin, 'PUT', `/api/v1/institutions/${id}/resources/${year}`, {
        ...body,
        ...(await reportVersion(t.call, admin, id, year)),
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    await put(hxHospital, 2024, { bedsActual: 300, doctors: 80 });
    await put(cyHospital, 2024, { bedsActual: 200, nurses: 50 });
    await put(hxHospital, 2023, { bedsActual: 280 });
    await expectAllFresh();
    expect((await value('beds-per-1000', '4107')).components['sum:bedsActual']).toBe(500);

    // Edited report: the sum follows; a field cleared goes back to unknown (null), not 0.
    await put(hxHospital, 2024, { bedsActual: 350 });
    await expectAllFresh();
    expect((await value('beds-per-1000', '410782')).value).toBeCloseTo(3.5, 10);
    expect((await value('doctors-per-1000', '410782')).value).toBeNull();

    // Regraded to 三级 and made private, then closed: filtered sums and counts follow the institution.
    const inst = (await t.call(admin, 'GET', `/api/v1/institutions/${hxHospital}`)).json();
    const { id: _id, version, countyCode: _c, createdAt: _ca, updatedAt: _u, ...body } = inst;
    let r = await t.call(admin, 'PUT', `/api/v1/institutions/${hxHospital}`, {
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)),
      gradeLevel: 3,
      ownership: 'private',
      forProfit: true,
      version,
    });
    expect(r.statusCode, r.body).toBe(200);
    await expectAllFresh();
    expect((await value('private-hospital-beds-per-1000', '410782')).value).toBeCloseTo(3.5, 10);
    const tertiary = await value('tertiary-public-hospitals', '4107');
    r = await t.call(admin, 'PUT', `/api/v1/institutions/${hxHospital}`, {
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null)),
      gradeLevel: 3,
      ownership: 'government',
      closedOn: '2024-06-30',
      closedReason: '合并',
      version: version + 1,
    });
    expect(r.statusCode, r.body).toBe(200);
    await expectAllFresh();
    // Closed in 2024: not counted at the end of 2024, counted at the end of 2023.
    expect((await value('tertiary-public-hospitals', '4107')).value).toBe(tertiary.value);
    expect((await value('tertiary-public-hospitals', '4107', 2023)).value).toBe((tertiary.value ?? 0) + 1);
  });

  it('caches the dashboard per version of its inputs: a write through another app server shows at once', async () => {
    // A second app server on the same database (PostgreSQL: its own connection pool and cache).
    const other =
      engine === 'postgres'
        ? await createApp(t.ctx.config, await openPostgres(t.ctx.config.databaseUrl!))
        : await createApp(t.ctx.config, t.ctx.db);
    const aggregate = vi.spyOn(t.ctx.services.registry.areaFacts, 'aggregate');
    const casesMany = vi.spyOn(t.ctx.services.surveillance.indicators, 'notifiableCasesMany');
    try {
      const beds = async () => (await value('beds-per-1000', '4107')).components['sum:bedsActual'];
      const start = await beds();
      await cases('4107');
      aggregate.mockClear();
      casesMany.mockClear();
      // Unchanged inputs: answered from the cache, the facts are not aggregated again.
      expect(await beds()).toBe(start);
      await cases('4107');
      expect(aggregate).not.toHaveBeenCalled();
      expect(casesMany).not.toHaveBeenCalled();

      // The other server edits a report and posts a card; this server's next read has both.
      const api = await buildApp(other);
      const call = async (cookie: string | null, method: string, url: string, payload?: object) =>
        api.inject({
          method: method as 'GET',
          url,
          headers: cookie ? { cookie } : {},
          ...(payload ? { payload } : {}),
        });
      const login = await call(null, 'POST', '/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const current = (await call(cookie, 'GET', `/api/v1/institutions/${cyHospital}/resources`)).json().items;
      const row = current.find((i: { year: number }) => i.year === 2024);
      let r = await call(cookie, 'PUT', `/api/v1/institutions/${cyHospital}/resources/2024`, {
        bedsActual: row.bedsActual + 7,
        version: row.version,
      });
      expect(r.statusCode, r.body).toBe(200);
      const before = await cases('4107');
      r = await call(
        cookie,
        'POST',
        '/api/v1/surveillance/cases?detect=false',
        card({ institutionId: cyHospital, addressCode: CY }),
      );
      expect(r.statusCode, r.body).toBe(201);
      await api.close();
      expect(await beds()).toBe((start ?? 0) + 7);
      expect(await cases('4107')).toBe((before ?? 0) + 1);
      expect(aggregate).toHaveBeenCalled();
      expect(casesMany).toHaveBeenCalled();
    } finally {
      aggregate.mockRestore();
      casesMany.mockRestore();
      if (engine === 'postgres') await other.db.close();
    }
  });
});
