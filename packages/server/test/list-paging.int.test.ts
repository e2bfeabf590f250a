// Keyset pagination and capped counts (platform/keyset.ts) end to end: every sort order of the institution
// list paged through to the end gives every row once, in the order a plain sort of all rows gives; rows
// inserted while paging neither repeat nor hide the rows that were there; a forged or foreign cursor is a
// bilingual 422 naming `cursor`; a large total is capped and says so; and the other lists page the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, daysAgo, STRONG } from './fixtures.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

interface Row {
  id: number;
  name: string;
  category: string;
  areaCode: string;
  gradeLevel: number | null;
  gradeClass: string | null;
  openedOn: string | null;
}
interface Page<T> {
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
  items: T[];
}

const RANK: Record<string, number> = { 甲: 1, 乙: 2, 丙: 3 };
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
// The orders as the API defines them (institutions-repo.ts), written out independently of the SQL.
const KEYS: Record<string, (r: Row) => (string | number)[]> = {
  area: (r) => [r.areaCode, r.category, r.id],
  name: (r) => [r.name, r.id],
  category: (r) => [r.category, r.areaCode, r.id],
  grade: (r) => [-(r.gradeLevel ?? 0), RANK[r.gradeClass ?? ''] ?? 4, r.areaCode, r.id],
  opened: (r) => [r.openedOn ?? '9999-99-99', r.id],
  id: (r) => [r.id],
};
function sorted(rows: Row[], sort: string): Row[] {
  const key = KEYS[sort.replace(/^-/, '')]!;
  const sign = sort.startsWith('-') ? -1 : 1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = cmp(ka[i]!, kb[i]!);
      if (c) return sign * c;
    }
    return 0;
  });
}

// Institutions in two counties with repeated names, missing grades and opening dates: ties and NULLs in every
// order. 1 + g % 3 grade levels, classes 甲乙丙 or none, four categories.
const insertInstitutions = (from: number, to: number, prefix = '测试机构') => `
  insert into institutions (county_code, area_code, name, category, grade_level, grade_class, ownership, opened_on)
  select case when g % 2 = 0 then '410782' else '410783' end,
         case when g % 2 = 0 then '410782001' else '410783001' end,
         '${prefix}' || (g % 97),
         (array['A1', 'B1', 'C1', 'D1'])[1 + g % 4],
         case when g % 5 = 0 then null else 1 + g % 3 end,
         case when g % 7 = 0 then null else (array['甲', '乙', '丙'])[1 + g % 3] end,
         'government',
         case when g % 6 = 0 then null else date '2000-01-01' + (g % 400) end
    from generate_series(${from}, ${to}) g`;

describe.each(ENGINES)('keyset pagination on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let county: string;

  async function page<T>(cookie: string, url: string): Promise<Page<T>> {
    const r = await t.call(cookie, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Page<T>;
  }

  /** Every page of a list from the first to the one whose nextCursor is null. */
  async function pageAll<T>(cookie: string, url: string, onPage?: (n: number) => Promise<void>) {
    const items: T[] = [];
    const pages: Page<T>[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const p: Page<T> = await page<T>(cookie, cursor ? `${url}${sep}cursor=${cursor}` : url);
      pages.push(p);
      items.push(...p.items);
      cursor = p.nextCursor;
      await onPage?.(pages.length);
      expect(pages.length).toBeLessThan(1000);
    } while (cursor);
    return { items, pages };
  }

  async function allInstitutions(where = 'true'): Promise<Row[]> {
    const { rows } = await t.ctx.db.query<Row>(
      `select id, name, category, area_code as "areaCode", grade_level as "gradeLevel", grade_class as "gradeClass",
              to_char(opened_on, 'YYYY-MM-DD') as "openedOn" from institutions where ${where}`,
    );
    return rows;
  }

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    await t.ctx.db.exec(insertInstitutions(1, 1200));
    const u = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'paging-county',
      displayName: '辉县',
      role: 'county',
      scopeAreaCode: '410782',
      password: STRONG,
    });
    expect(u.statusCode, u.body).toBe(201);
    county = await t.login('paging-county', STRONG);
  });

  afterAll(() => t?.close());

  it.each(['area', '-area', 'name', '-name', 'grade', '-grade', 'category', 'opened', '-opened', 'id', '-id'])(
    'pages through the institutions sorted by %s: every row once, in order',
    async (sort) => {
      const expected = sorted(await allInstitutions(), sort).map((r) => r.id);
      const { items, pages } = await pageAll<Row>(admin, `/api/v1/institutions?sort=${sort}&limit=97`);
      expect(items.map((r) => r.id)).toEqual(expected);
      expect(pages.length).toBe(Math.ceil(expected.length / 97));
      expect(pages.every((p) => p.total === expected.length && p.totalExact)).toBe(true);
      expect(pages.at(-1)!.nextCursor).toBeNull();
    },
  );

  it('pages within filters and within a county user’s scope', async () => {
    const hx = await allInstitutions(`area_code like '410782%' and category like 'B%'`);
    const { items } = await pageAll<Row>(admin, '/api/v1/institutions?area=410782&category=B&sort=-grade&limit=40');
    expect(items.map((r) => r.id)).toEqual(sorted(hx, '-grade').map((r) => r.id));
    const grade2 = await allInstitutions('grade_level = 2');
    const g = await pageAll<Row>(admin, '/api/v1/institutions?grade=2&limit=50');
    expect(g.items.map((r) => r.id)).toEqual(sorted(grade2, 'area').map((r) => r.id));
    const mine = await allInstitutions(`area_code like '410782%'`);
    const scoped = await pageAll<Row>(county, '/api/v1/institutions?sort=name&limit=64');
    expect(scoped.items.map((r) => r.id)).toEqual(sorted(mine, 'name').map((r) => r.id));
    expect(scoped.pages[0]!.total).toBe(mine.length);
  });

  it('keeps every row present at the start exactly once while rows are inserted during paging', async () => {
    const before = new Set((await allInstitutions()).map((r) => r.id));
    let batch = 0;
    const { items, pages } = await pageAll<Row>(admin, '/api/v1/institutions?sort=name&limit=150', async () => {
      // New rows take the names of existing ones (ties broken by the id): they fall before the cursor, after
      // it and between the rows of the pages still to come.
      batch++;
      if (batch <= 3) await t.ctx.db.exec(insertInstitutions(5000 + batch * 100, 5000 + batch * 100 + 99));
    });
    const ids = items.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of before) expect(ids).toContain(id);
    // The total is the count of the first page, carried by the cursor: every page shows the same figure.
    expect(new Set(pages.map((p) => p.total))).toEqual(new Set([before.size]));
    expect(ids.length).toBeGreaterThan(before.size); // some new rows fell after the cursor and were listed
  });

  it('refuses a forged, foreign or altered cursor with a bilingual 422 naming cursor', async () => {
    const first = await page<Row>(admin, '/api/v1/institutions?sort=name&limit=5');
    const cursor = first.nextCursor!;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const forge = (o: object) => Buffer.from(JSON.stringify({ ...decoded, ...o })).toString('base64url');
    const bad = [
      'not a cursor!',
      Buffer.from('{"s":').toString('base64url'),
      forge({ k: [decoded.k[0]] }), // a term missing
      forge({ k: [decoded.k[0], '99999999999'] }), // an id past int4: would be a failed cast
      forge({ k: [decoded.k[0], '1; drop table institutions'] }),
      forge({ t: -1 }),
      forge({ e: 'yes' }),
    ];
    for (const c of bad) {
      const r = await t.call(admin, 'GET', `/api/v1/institutions?sort=name&cursor=${encodeURIComponent(c)}`);
      expect(r.statusCode, c).toBe(422);
      expect(r.json().error.details[0].path).toBe('cursor');
      expect(r.json().error.details[0].message).toContain('翻页');
    }
    // A cursor of one order is not a place in another, nor in the reversed one.
    for (const sort of ['area', '-name']) {
      const r = await t.call(admin, 'GET', `/api/v1/institutions?sort=${sort}&cursor=${cursor}&lang=en`);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details[0].message).toContain('cursor');
    }
    const date = await page<Row>(admin, '/api/v1/institutions?sort=opened&limit=5');
    const d = JSON.parse(Buffer.from(date.nextCursor!, 'base64url').toString());
    const badDate = Buffer.from(JSON.stringify({ ...d, k: ['2023-02-30', d.k[1]] })).toString('base64url');
    expect((await t.call(admin, 'GET', `/api/v1/institutions?sort=opened&cursor=${badDate}`)).statusCode).toBe(422);
  });

  it('caps a large count and says so; a small filtered one stays exact', async () => {
    await t.ctx.db.exec(insertInstitutions(20_000, 30_100, '大量机构'));
    const all = await page<Row>(admin, '/api/v1/institutions?limit=10');
    expect(all).toMatchObject({ total: 10_000, totalExact: false });
    expect(all.nextCursor).not.toBeNull();
    const few = await page<Row>(admin, `/api/v1/institutions?q=${encodeURIComponent('测试机构1')}&limit=10`);
    const n = (await allInstitutions(`name like '%测试机构1%'`)).length;
    expect(few).toMatchObject({ total: n, totalExact: true });
    // The last page of the capped list is reachable by cursor and ends the list.
    const last = await pageAll<Row>(admin, '/api/v1/institutions?sort=-id&limit=500');
    expect(last.items.length).toBe((await allInstitutions()).length);
    expect(last.pages.every((p) => p.total === 10_000 && !p.totalExact)).toBe(true);
    // Far beyond the cap, an administrator's whole list takes "10,000 or more" from the table's statistics.
    await t.ctx.db.exec(`${insertInstitutions(40_000, 50_000, '大量机构')}; analyze institutions`);
    expect(await page<Row>(admin, '/api/v1/institutions?limit=10')).toMatchObject({ total: 10_000, totalExact: false });
    const hx = await page<Row>(admin, '/api/v1/institutions?area=410782&grade=3&limit=10');
    expect(hx).toMatchObject({ total: (await allInstitutions(`area_code like '410782%' and grade_level = 3`)).length });
  });

  it('pages the audit log and the plan list the same way', async () => {
    for (let i = 0; i < 7; i++) await t.login('paging-county', STRONG); // sign-ins are audited
    const { rows } = await t.ctx.db.query<{ id: number }>('select id from audit_log order by id desc');
    const audit = await pageAll<{ id: number }>(admin, '/api/v1/audit?limit=3');
    expect(audit.items.map((e) => e.id)).toEqual(rows.map((r) => Number(r.id)));
    expect(audit.pages[0]!.total).toBe(rows.length);
    for (const [region, name] of [
      ['410782', '辉县规划'],
      ['410783', '长垣规划'],
      ['4107', '新乡规划'],
    ]) {
      for (const start of [2021, 2026]) {
        const r = await t.call(admin, 'POST', '/api/v1/plans', {
          name: `${name}${start}`,
          regionCode: region,
          periodStart: start,
          periodEnd: start + 4,
          baselineYear: start - 1,
          indicators: [{ name: '人均预期寿命', targetText: '≥79', catalogueCode: 'life-expectancy' }],
        });
        expect(r.statusCode, r.body).toBe(201);
      }
    }
    const plans = await pageAll<{ regionCode: string; periodStart: number; id: number }>(
      admin,
      '/api/v1/plans?limit=2',
    );
    expect(plans.items.map((p) => [p.regionCode, p.periodStart])).toEqual([
      ['4107', 2026],
      ['4107', 2021],
      ['410782', 2026],
      ['410782', 2021],
      ['410783', 2026],
      ['410783', 2021],
    ]);
    const bad = await t.call(admin, 'GET', `/api/v1/plans?cursor=${audit.pages[0]!.nextCursor}`);
    expect(bad.statusCode).toBe(422);
  });

  it('pages the case cards, signals and events the same way', async () => {
    const { rows: inst } = await t.ctx.db.query<{ id: number }>(
      `select id from institutions where area_code = '410782001' order by id limit 1`,
    );
    // Cards reported at a few shared instants (ties broken by the id), of a disease reported at once (signals).
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        clientReportId: `PAGE-${i}`,
        institutionId: inst[0]!.id,
        diseaseCode: 'A01',
        classification: 'confirmed',
        patientName: `患者${i}`,
        citizenId: citizenId(i + 1),
        occupation: '农民',
        addressCode: i % 3 ? '410782001' : '410782002',
        onsetDate: daysAgo(3 + (i % 4)),
        diagnosisAt: `${daysAgo(3 + (i % 4))} 10:00`,
        reportedAt: `${daysAgo(3 + (i % 4))} 11:0${i % 2}`,
        doctorName: '李医生',
      }),
    );
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases/bulk',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    const ids = async (sql: string) => (await t.ctx.db.query<{ id: number }>(sql)).rows.map((r) => Number(r.id));
    const cases = await pageAll<{ id: number }>(admin, '/api/v1/surveillance/cases?limit=7');
    const expected = await ids('select id from case_reports where not deleted order by reported_at desc, id desc');
    expect(expected.length).toBe(30);
    expect(cases.items.map((c) => Number(c.id))).toEqual(expected);
    expect(cases.pages.map((p) => p.total)).toEqual(cases.pages.map(() => 30));
    const signals = await pageAll<{ id: number }>(admin, '/api/v1/surveillance/signals?limit=3');
    const signalIds = await ids('select id from signals order by period_end desc, id desc');
    expect(signalIds.length).toBeGreaterThan(0);
    expect(signals.items.map((x) => Number(x.id))).toEqual(signalIds);
    const events = await pageAll<{ id: number }>(admin, '/api/v1/surveillance/events?limit=2');
    const eventIds = await ids(
      `select id from surveillance_events where state <> 'merged' order by last_date desc, risk_level desc, id desc`,
    );
    expect(eventIds.length).toBeGreaterThan(0);
    expect(events.items.map((x) => Number(x.id))).toEqual(eventIds);
    // A cursor of the cases is no place in the signals.
    const bad = await t.call(admin, 'GET', `/api/v1/surveillance/signals?cursor=${cases.pages[0]!.nextCursor}`);
    expect(bad.statusCode).toBe(422);
  });
});
