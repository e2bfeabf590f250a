// Issue 12 §7 and §3: malformed input is a 4xx naming the field, never a 500 or stored nonsense, and the
// server log holds no personal data even when a bulk upload of report cards fails in the database.
// Table-driven: each row is one finding (route, input, expected status, field named in the error details).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { RUN_MAX_DAYS } from '../src/surveillance/events-routes.ts';
import { citizenId, createInstitution, daysAgo, multipart } from './fixtures.ts';
import { ENGINES, makeApp, makeTestContext, type TestApp } from './helpers.ts';

const HX = '410782001'; // a township of 辉县市
const NUL = '\u0000';
const LONE = '\ud800';

interface Case {
  name: string;
  method: string;
  /** `PLAN` and `TASK` are replaced by the ids made in beforeAll. */
  url: string;
  body?: unknown;
  status: number;
  /** A detail of the error names this field (path). */
  field?: string;
}

const CASES: Case[] = [
  // ids past the int4 range: 400 naming the id, not a failed statement
  { name: 'plan id past int4', method: 'GET', url: '/api/v1/plans/3000000000', status: 400, field: 'params.id' },
  { name: 'task id past int4', method: 'GET', url: '/api/v1/tasks/99999999999', status: 400, field: 'params.id' },
  { name: 'plan id not a number', method: 'GET', url: '/api/v1/plans/abc', status: 400, field: 'params.id' },
  {
    name: 'indicator seq past int4',
    method: 'GET',
    url: '/api/v1/plans/PLAN/indicators/4000000000/series',
    status: 400,
    field: 'params.seq',
  },
  {
    name: 'plan version past int4',
    method: 'GET',
    url: '/api/v1/plans/PLAN?version=99999999999',
    status: 400,
    field: 'querystring.version',
  },
  {
    name: 'task delete version past int4',
    method: 'DELETE',
    url: '/api/v1/tasks/TASK?version=3000000000',
    status: 400,
    field: 'querystring.version',
  },
  {
    name: 'institution id past int4',
    method: 'GET',
    url: '/api/v1/institutions/3000000000',
    status: 400,
    field: 'params.id',
  },
  {
    name: 'event assignee past int4',
    method: 'GET',
    url: '/api/v1/surveillance/events?assignee=3000000000',
    status: 400,
    field: 'querystring.assignee',
  },
  {
    name: 'task edit version past int4',
    method: 'PUT',
    url: '/api/v1/tasks/TASK',
    body: { version: 3_000_000_000, title: 'x' },
    status: 400,
    field: 'version',
  },
  // NUL and lone surrogates: 400 naming the field, wherever they are
  {
    name: 'NUL in a query value',
    method: 'GET',
    url: '/api/v1/institutions?q=%00abc',
    status: 400,
    field: 'querystring.q',
  },
  {
    name: 'NUL in a path parameter',
    method: 'PUT',
    url: '/api/v1/standards/a%00b',
    body: { enabled: true },
    status: 400,
    field: 'params.code',
  },
  {
    name: 'NUL in a task title',
    method: 'POST',
    url: '/api/v1/plans/PLAN/tasks',
    body: { title: `a${NUL}b` },
    status: 400,
    field: 'title',
  },
  {
    name: 'lone surrogate in a task title',
    method: 'POST',
    url: '/api/v1/plans/PLAN/tasks',
    body: { title: `a${LONE}b` },
    status: 400,
    field: 'title',
  },
  {
    name: 'NUL deep in a body (milestone title)',
    method: 'POST',
    url: '/api/v1/plans/PLAN/tasks',
    body: { title: 'ok', milestones: [{ title: `m${NUL}`, due: '2024-01-01' }] },
    status: 400,
    field: 'milestones.0.title',
  },
  {
    name: 'NUL in a body key',
    method: 'POST',
    url: '/api/v1/plans/PLAN/tasks',
    body: { title: 'ok', [`x${NUL}`]: 1 },
    status: 400,
  },
  {
    name: 'NUL in an institution name',
    method: 'POST',
    url: '/api/v1/institutions',
    body: { name: `医院${NUL}`, category: 'A1', ownership: 'government', forProfit: false, areaCode: '410782' },
    status: 400,
    field: 'name',
  },
  {
    name: 'NUL in a single report card',
    method: 'POST',
    url: '/api/v1/surveillance/cases?detect=false',
    body: { patientName: `张${NUL}三` },
    status: 400,
    field: 'patientName',
  },
  {
    name: 'lone surrogate in the plan import text',
    method: 'POST',
    url: '/api/v1/plans/import/preview',
    body: { text: `人均预期寿命 ${LONE}` },
    status: 400,
    field: 'text',
  },
  // dates: calendar-checked
  {
    name: 'task due 2023-02-30',
    method: 'POST',
    url: '/api/v1/plans/PLAN/tasks',
    body: { title: 'ok', dueDate: '2023-02-30' },
    status: 400,
    field: 'dueDate',
  },
  {
    name: 'milestone due 2023-13-01',
    method: 'POST',
    url: '/api/v1/plans/PLAN/tasks',
    body: { title: 'ok', milestones: [{ title: 'm', due: '2023-13-01' }] },
    status: 400,
    field: 'milestones.0.due',
  },
  {
    name: 'task list asOf=2023-13-45',
    method: 'GET',
    url: '/api/v1/plans/PLAN/tasks?asOf=2023-13-45',
    status: 400,
    field: 'querystring.asOf',
  },
  {
    name: 'stream sources asOf=2023-02-29',
    method: 'GET',
    url: '/api/v1/surveillance/stream-sources?asOf=2023-02-29',
    status: 400,
    field: 'querystring.asOf',
  },
  {
    name: 'stream count dated 2023-02-30',
    method: 'POST',
    url: '/api/v1/surveillance/stream-counts?detect=false',
    body: {
      rows: [{ stream: 'pharmacy-antipyretic', sourceName: '益民药店', areaCode: HX, date: '2023-02-30', count: 1 }],
    },
    status: 422,
    field: '[1].date',
  },
  // plausibility of indicator values by unit
  ...(
    [
      ['life expectancy −1', 'life-expectancy', -1],
      ['life expectancy 0', 'life-expectancy', 0],
      ['life expectancy 1e308', 'life-expectancy', 1e308],
      ['a share of 850 %', 'health-literacy', 850],
      ['infant mortality 1200 ‰', 'infant-mortality', 1200],
      ['maternal mortality −0.5 per 100,000', 'maternal-mortality', -0.5],
      ['beds per 1,000 negative', 'beds-per-1000', -3],
    ] as const
  ).map(
    ([name, indicator, value]): Case => ({
      name,
      method: 'PUT',
      url: '/api/v1/indicator-values',
      body: { indicator, area: '4107', year: 2023, value },
      status: value === 1e308 ? 400 : 422,
      field: 'value',
    }),
  ),
  {
    name: 'plan baseline of life expectancy −1',
    method: 'POST',
    url: '/api/v1/plans',
    body: {
      regionCode: '4107',
      name: '坏规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [
        { name: '人均预期寿命', unit: '岁', catalogueCode: 'life-expectancy', baseline: -1, targetText: '≥79' },
      ],
    },
    status: 422,
    field: 'indicators.0.baseline',
  },
  {
    name: 'plan target of 850 %',
    method: 'POST',
    url: '/api/v1/plans',
    body: {
      regionCode: '4107',
      name: '坏规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [
        {
          name: '居民健康素养水平',
          unit: '%',
          catalogueCode: 'health-literacy',
          target: { kind: 'threshold', op: '>=', value: 850, unit: '%' },
        },
      ],
    },
    status: 422,
    field: 'indicators.0.target.value',
  },
  {
    name: 'hand-edited target of 150 %',
    method: 'PUT',
    url: '/api/v1/plans/PLAN/indicators/1/target',
    body: { version: 1, target: { kind: 'threshold', op: '>=', value: 150, unit: '%' } },
    status: 422,
    field: 'target.value',
  },
  {
    // an out-of-range count is core's 422 naming 实有床位 (as a negative one is), not a schema 400
    name: 'resource count past int4',
    method: 'PUT',
    url: '/api/v1/institutions/INST/resources/2023',
    body: { bedsActual: 1e308 },
    status: 422,
    field: 'bedsActual',
  },
  // a detection run's range is bounded
  {
    name: 'run over 1900–2100',
    method: 'POST',
    url: '/api/v1/surveillance/run',
    body: { from: '1900-01-01', to: '2100-12-31' },
    status: 422,
    field: 'from',
  },
  {
    name: 'run ending after tomorrow',
    method: 'POST',
    url: '/api/v1/surveillance/run',
    body: { from: daysAgo(10), to: '2100-01-01' },
    status: 422,
    field: 'to',
  },
  {
    name: 'run over more than three years',
    method: 'POST',
    url: '/api/v1/surveillance/run',
    body: { from: daysAgo(RUN_MAX_DAYS + 5), to: daysAgo(1) },
    status: 422,
    field: 'to',
  },
  {
    name: 'run on 2023-02-30',
    method: 'POST',
    url: '/api/v1/surveillance/run',
    body: { from: '2023-02-01', to: '2023-02-30' },
    status: 400,
    field: 'to',
  },
];

/** A multipart body cut off in the middle of the file part (the closing boundary never comes). */
function truncatedMultipart() {
  const m = multipart('counts.csv', Buffer.from('数据流编码,机构编号,来源名称,区划代码,日期,数量,分母\n'.repeat(50)));
  return { ...m, payload: m.payload.subarray(0, m.payload.length - 60) };
}
const MULTIPART_ROUTES = [
  '/api/v1/surveillance/stream-counts/import?detect=false',
  '/api/v1/surveillance/cases/import?detect=false',
  '/api/v1/plans/import/preview',
  '/api/v1/import/institutions?dryRun=true',
];

describe.each(ENGINES)('bad input (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  const ids = { PLAN: 0, TASK: 0, INST: 0 };
  const url = (u: string) => u.replace(/PLAN|TASK|INST/g, (k) => String(ids[k as keyof typeof ids]));

  beforeAll(async () => {
    t = await makeApp(engine);
    admin = await t.login('admin');
    ids.INST = await createInstitution(t, admin, '辉县市人民医院', '410782');
    const plan = await t.call(admin, 'POST', '/api/v1/plans', {
      regionCode: '4107',
      name: '新乡市卫生健康规划',
      periodStart: 2021,
      periodEnd: 2025,
      baselineYear: 2020,
      indicators: [
        { name: '人均预期寿命', unit: '岁', catalogueCode: 'life-expectancy', baseline: 78, targetText: '≥79' },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    ids.PLAN = plan.json().id;
    const task = await t.call(admin, 'POST', `/api/v1/plans/${ids.PLAN}/tasks`, { title: '基线任务' });
    expect(task.statusCode, task.body).toBe(201);
    ids.TASK = task.json().id;
  });
  afterAll(() => t?.close());

  it.each(CASES)('$name → $status', async (c) => {
    const r = await t.call(admin, c.method, url(c.url), c.body);
    expect(r.statusCode, r.body).toBe(c.status);
    const error = r.json().error;
    expect(error.message).toMatch(/[\u4e00-\u9fff]/); // Chinese by default
    if (c.field) expect(error.details.map((d: { path: string }) => d.path)).toContain(c.field);
  });

  it('names the field in English when asked', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${ids.PLAN}/tasks`,
      headers: { cookie: admin, 'accept-language': 'en' },
      payload: { title: `a${NUL}` },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/Title: contains a character that is not allowed/);
  });

  it('stores nothing for refused input: no task, no indicator value', async () => {
    const tasks = (await t.call(admin, 'GET', `/api/v1/plans/${ids.PLAN}/tasks`)).json();
    expect(tasks.total).toBe(1);
    const values = (await t.call(admin, 'GET', '/api/v1/indicator-values?area=4107')).json();
    expect(values.total).toBe(0);
  });

  it('still accepts plausible values at the edges of their range', async () => {
    for (const [indicator, value] of [
      ['life-expectancy', 120],
      ['health-literacy', 100],
      ['infant-mortality', 0],
    ] as const) {
      const r = await t.call(admin, 'PUT', '/api/v1/indicator-values', { indicator, area: '4107', year: 2023, value });
      expect(r.statusCode, r.body).toBe(200);
    }
  });

  it.each(MULTIPART_ROUTES)('a truncated multipart body to %s is a 400, not a 500', async (u) => {
    const m = truncatedMultipart();
    const r = await t.app.inject({
      method: 'POST',
      url: u,
      headers: { cookie: admin, ...m.headers },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(400);
  });

  it('refuses a NUL in an imported institution name with a row and column error, nothing written', async () => {
    const file = [
      '机构名称,统一社会信用代码,机构类别代码,级别,等次,举办主体,营利性,所在区划代码,经度,纬度,成立日期,撤销日期',
      `辉县${NUL}医院,,A1,二级,甲,政府办,否,410782001,113.8,35.4,2020-01-01,`,
    ].join('\r\n');
    const m = multipart('institutions.csv', Buffer.from(`${file}\r\n`));
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/import/institutions',
      headers: { cookie: admin, ...m.headers },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.details[0]).toMatchObject({ row: 2, column: '机构名称' });
  });

  it('refuses a NUL deep in a stream-count CSV (past the binary sniff) with a row error, nothing written', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `pharmacy-cough,,药店${i},${HX},${daysAgo(3)},${i},`);
    rows.push(`pharmacy-cough,,益民${NUL}药店,${HX},${daysAgo(3)},1,`);
    const m = multipart(
      'counts.csv',
      Buffer.from(['数据流编码,机构编号,来源名称,区划代码,日期,数量,分母', ...rows].join('\n')),
    );
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/stream-counts/import?detect=false',
      headers: { cookie: admin, ...m.headers },
      payload: m.payload,
    });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.details[0]).toMatchObject({ row: 202 });
    const { rows: stored } = await t.ctx.db.query<{ n: number }>(
      `select count(*)::int as n from stream_counts where stream_code = 'pharmacy-cough'`,
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('keeps the bulk NDJSON per-line contract: a line with NUL or a lone surrogate is rejected alone', async () => {
    const good = (n: number) => ({
      clientReportId: `NUL-${n}`,
      institutionId: ids.INST,
      diseaseCode: 'B0302',
      classification: 'confirmed',
      patientName: '张小明',
      citizenId: citizenId(100 + n),
      occupation: '农民',
      addressCode: HX,
      onsetDate: daysAgo(10),
      diagnosisAt: `${daysAgo(9)} 10:00`,
      doctorName: '李医生',
    });
    const lines = [
      ...Array.from({ length: 5 }, (_, i) => JSON.stringify(good(i))),
      JSON.stringify({ ...good(5), patientName: `张${NUL}明` }),
      JSON.stringify({ ...good(6), remarks: `x${LONE}` }),
    ];
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases/bulk?detect=false',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ total: 7, created: 5, rejected: 2 });
    const rejected = body.results.filter((x: { status: string }) => x.status === 'rejected');
    expect(rejected.map((x: { line: number; errors: { path: string }[] }) => [x.line, x.errors[0]!.path])).toEqual([
      [6, 'patientName'],
      [7, 'remarks'],
    ]);
  });

  it('answers a bulk line that is not JSON without echoing what it holds', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/surveillance/cases/bulk?detect=false',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: '患者 欧阳秘密 41072119800101123X',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().results[0]).toMatchObject({ line: 1, status: 'rejected' });
    expect(r.body).not.toContain('欧阳秘密');
    expect(r.body).not.toContain('41072119800101123X');
  });
});

describe.each(ENGINES)('the server log (%s)', (engine) => {
  it('holds no name, ID number, birth date or phone of a bulk upload that fails in the database', async () => {
    const ctx = await makeTestContext(engine);
    const captured: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        captured.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(ctx.ctx, { logLevel: 'info', logStream });
    const call = (cookie: string | null, method: string, u: string, payload?: unknown, headers = {}) =>
      app.inject({
        method: method as 'POST',
        url: u,
        headers: { ...(cookie ? { cookie } : {}), ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    try {
      const login = await call(null, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'weijian-demo' });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const inst = await call(cookie, 'POST', '/api/v1/institutions', {
        name: '辉县市人民医院',
        category: 'A1',
        gradeLevel: 2,
        gradeClass: '甲',
        ownership: 'government',
        forProfit: false,
        areaCode: '410782',
      });
      const people = Array.from({ length: 20 }, (_, i) => ({
        clientReportId: `LOG-${i}`,
        institutionId: inst.json().id,
        diseaseCode: 'B0302',
        classification: 'confirmed',
        patientName: `欧阳${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯'[i % 4]}`,
        parentName: `司马${'东南西北'[i % 4]}风`,
        citizenId: citizenId(500 + i, `19${60 + i}0${(i % 9) + 1}1${i % 10}`),
        birthDate: `19${60 + i}-0${(i % 9) + 1}-1${i % 10}`,
        phone: `1391234${String(5000 + i)}`,
        occupation: '农民',
        addressCode: HX,
        addressText: `幸福路${100 + i}号`,
        onsetDate: daysAgo(10),
        diagnosisAt: `${daysAgo(9)} 10:00`,
        doctorName: '李医生',
      }));
      // The database refuses one of them: the whole insert statement fails, as a broken disk or a bad
      // migration would make it, and the error carries every row's values.
      await ctx.ctx.db.exec(
        `alter table case_reports add constraint log_test_refuses check (patient_name <> '${people[7]!.patientName}')`,
      );
      const lines = [
        ...people.map((p) => JSON.stringify(p)),
        JSON.stringify({ ...people[0]!, clientReportId: 'LOG-NUL', patientName: `张${NUL}三` }),
      ];
      const r = await call(cookie, 'POST', '/api/v1/surveillance/cases/bulk?detect=false', lines.join('\n'), {
        'content-type': 'application/x-ndjson',
      });
      expect(r.statusCode).toBe(500);
      // A lookup by name and ID in the query string, and a refused body, are logged without their values too.
      await call(cookie, 'GET', `/api/v1/surveillance/cases?citizenId=${people[3]!.citizenId}`);
      await call(cookie, 'POST', '/api/v1/surveillance/cases', { ...people[4], patientName: `李${NUL}` });

      const log = captured.join('');
      expect(log).toContain('"level":50'); // the failure is logged …
      // … with what an operator needs (SQLSTATE, table, constraint), its message's quoted values blanked
      expect(log).toMatch(/"code":"23514".*"table":"case_reports","constraint":"log_test_refuses"/);
      expect(log).toContain('"msg":"new row for relation \\"…\\" violates check constraint \\"…\\""');
      const leaks = people.flatMap((p) =>
        [p.patientName, p.parentName, p.citizenId, p.citizenId.slice(6, 14), p.birthDate, p.phone, p.addressText]
          .filter((v) => log.includes(v))
          .map((v) => `${p.clientReportId}: ${v}`),
      );
      expect(leaks).toEqual([]);
      expect(log).not.toContain(cookie.split('=')[1]!);
      expect(log).not.toContain('weijian-demo');
    } finally {
      await app.close();
      await ctx.close();
    }
  });
});
