// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText(), not the DOM property
// Primary care end to end in Chromium against the real server and the demo city (issue 15): the demo village
// doctor (`village-doctor`, a 村卫生室 user leading its family-doctor team) signs in, opens the overdue list,
// opens a hypertension patient with ONE click, types the two readings and saves with ONE key — the test counts
// every interaction of that path (at most three typed fields and one key) — and the administrator then sees
// 高血压患者血压控制率 (hypertension-bp-control) of the patient's county move on the care indicators page.
//
// WEIJIAN_E2E_URL=http://127.0.0.1:3000 runs the test against a server already running with the demo city.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, type Server, screenshotPath, startServer } from './harness.ts';

let server: Server | null = null;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

const DOCTOR = 'village-doctor';
const $ = (testId: string) => `[data-testid="${testId}"]`;
/** Today in China (the server's calendar for follow-ups). */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  if (process.env.WEIJIAN_E2E_URL) url = process.env.WEIJIAN_E2E_URL.replace(/\/$/, '');
  else {
    server = await startServer();
    url = server.url;
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${url}/login`);
  await page.fill($('login-username'), username);
  await page.fill($('login-password'), ADMIN_PASSWORD);
  await page.click($('login-submit'));
  await page.locator($('side-menu')).waitFor({ timeout: 60_000 });
  return page;
}

interface Row {
  residentId: number;
  kind: string;
  program: string | null;
}
interface Detail {
  record: { countyCode: string };
  timeline: { followups: { program: string; date: string; sbp: number | null; dbp: number | null }[] };
}

/**
 * An overdue hypertension patient whose latest reading of the year is not controlled (or who has none), so a
 * controlled reading saved today must add one to the county's numerator. Read through the API as the doctor.
 */
async function pickPatient(page: Page, year: string): Promise<{ id: number; county: string }> {
  const res = await page.request.get(`${url}/api/v1/care/worklist?status=overdue&program=hypertension&limit=200`);
  expect(res.status()).toBe(200);
  const rows = ((await res.json()) as { items: Row[] }).items.filter((r) => r.kind === 'followup');
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows.slice(0, 40)) {
    const r = await page.request.get(`${url}/api/v1/care/residents/${row.residentId}`);
    if (r.status() !== 200) continue;
    const d = (await r.json()) as Detail;
    const readings = d.timeline.followups
      .filter((f) => f.program === 'hypertension' && f.date.startsWith(year) && f.sbp !== null && f.dbp !== null)
      .sort((a, b) => (a.date < b.date ? 1 : -1));
    const latest = readings[0];
    if (!latest || latest.sbp! >= 140 || latest.dbp! >= 90) return { id: row.residentId, county: d.record.countyCode };
  }
  throw new Error('no overdue hypertension patient whose BP is not yet controlled this year');
}

/** The test id of the focused element (a string: the e2e project has no DOM types). */
const focused = (page: Page) =>
  page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");

async function bpControl(page: Page): Promise<number> {
  const row = page.locator(`${$('ind-row')}[data-code="hypertension-bp-control"]`);
  await row.waitFor({ timeout: 60_000 });
  return Number(await row.getAttribute('data-numerator'));
}

describe('care: a village doctor records a routine follow-up from the overdue list', () => {
  it('takes one click, at most three typed fields and one key, and the indicator moves', async () => {
    const year = chinaToday().slice(0, 4);
    const doctor = await signIn(DOCTOR);
    const patient = await pickPatient(doctor, year);

    // The administrator's view of the county's care indicators before the follow-up.
    const admin = await signIn('admin');
    const indicatorsUrl = `${url}/care/indicators?area=${patient.county}&year=${year}&code=hypertension-bp-control`;
    await admin.goto(indicatorsUrl);
    const before = await bpControl(admin);
    expect(
      await admin.locator(`${$('ind-row')}[data-code="hypertension-bp-control"] ${$('ind-definition')}`).innerText(),
    ).toContain('140');

    // The doctor's overdue list (navigation, not counted: the path measured starts at the list).
    await doctor.goto(`${url}/care?status=overdue&program=hypertension&size=100`);
    const row = doctor.locator(`${$('worklist-row')}[data-resident="${patient.id}"]`).first();
    await row.waitFor({ timeout: 60_000 });

    const count = { clicks: 0, typedFields: 0, keys: 0 };
    // 1 click: the patient's row opens the form with the cursor in 收缩压.
    await row.locator('td').nth(2).click();
    count.clicks++;
    await expect.poll(() => focused(doctor), { timeout: 15_000 }).toBe('f-sbp');
    // Typed fields: the systolic, then the diastolic (focus moves by itself after a whole reading).
    await doctor.keyboard.type('128');
    count.typedFields++;
    await expect.poll(() => focused(doctor)).toBe('f-dbp');
    await doctor.keyboard.type('78');
    count.typedFields++;
    // The rules' proposal is on screen before saving: controlled, next follow-up in three months.
    await doctor.locator($('followup-next')).waitFor({ timeout: 15_000 });
    expect(await doctor.locator($('followup-class')).innerText()).toContain('控制满意');
    // 1 key: Enter saves.
    const saved = doctor.waitForResponse(
      (r) => r.url().endsWith('/api/v1/care/followups') && r.request().method() === 'POST',
    );
    await doctor.keyboard.press('Enter');
    count.keys++;
    const response = await saved;
    expect(response.status()).toBeLessThan(300);
    const body = (await response.json()) as { classification: string; nextDue: string };
    expect(body.classification).toBe('controlled');
    expect(body.nextDue > chinaToday()).toBe(true);
    await doctor.locator($('entry-modal')).waitFor({ state: 'hidden', timeout: 15_000 });
    await doctor.screenshot({ path: screenshotPath('care-worklist-after-save') });

    expect(count).toEqual({ clicks: 1, typedFields: 2, keys: 1 });
    expect(count.typedFields).toBeLessThanOrEqual(3);

    // The indicator moves: one more patient whose latest BP this year is controlled.
    await expect
      .poll(
        async () => {
          await admin.goto(indicatorsUrl);
          return bpControl(admin);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(before + 1);
    await admin.screenshot({ path: screenshotPath('care-indicators-after-save') });
    expect(pageErrors).toEqual([]);
  });
});

describe('care: a village doctor imports records from an NDJSON file', () => {
  it('lists a bad line by line and field with nothing stored, then imports the corrected file, its follow-up assessed', async () => {
    const doctor = await signIn(DOCTOR);
    // A village of the doctor's own: the one of a patient on their work list.
    const list = await doctor.request.get(`${url}/api/v1/care/worklist?status=overdue&program=hypertension&limit=1`);
    expect(list.status()).toBe(200);
    const [row] = ((await list.json()) as { items: Row[] }).items;
    const record = await doctor.request.get(`${url}/api/v1/care/residents/${row!.residentId}`);
    const area = ((await record.json()) as { record: { areaCode: string } }).record.areaCode;
    const tag = String(Date.now() % 1_000_000);
    const name = `导入测试${tag}`;
    const lines = (program: string) =>
      [
        {
          kind: 'resident',
          id: `E2E-${tag}`,
          name,
          sex: 'F',
          birthDate: '1960-05-05',
          area,
          established: '2024-01-02',
        },
        { kind: 'enrolment', resident: `E2E-${tag}`, program, start: '2024-01-02' },
        {
          kind: 'followup',
          resident: `E2E-${tag}`,
          program: 'hypertension',
          date: '2024-03-01',
          mode: 'clinic',
          sbp: 150,
          dbp: 95,
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n');
    const found = async () => {
      const r = await doctor.request.get(`${url}/api/v1/care/residents?q=${encodeURIComponent(name)}`);
      return ((await r.json()) as { items: { id: number }[] }).items;
    };

    await doctor.goto(`${url}/care/import`);
    const input = doctor.locator(`${$('import-upload')} input[type="file"]`);
    await input.setInputFiles({
      name: 'care.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(lines('cancer')),
    });
    await doctor.locator($('import-failed')).waitFor({ timeout: 30_000 });
    const errors = doctor.locator($('import-error-row'));
    expect(await errors.count()).toBeGreaterThan(0);
    const first = errors.first();
    expect(await first.locator('[data-col="row"]').innerText()).toBe('2');
    expect(await first.locator('[data-col="column"]').innerText()).toBe('program');
    expect(await doctor.locator($('import-failed')).innerText()).toContain('未导入任何记录');
    expect(await found()).toEqual([]);
    await doctor.screenshot({ path: screenshotPath('care-import-refused') });

    await input.setInputFiles({
      name: 'care.ndjson',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(lines('hypertension')),
    });
    await doctor.locator($('import-done')).waitFor({ timeout: 30_000 });
    expect(await doctor.locator($('import-done')).innerText()).toContain('居民 1、纳入管理 1、随访 1');
    const [stored] = await found();
    expect(stored).toBeTruthy();
    // The imported follow-up carries the rules' assessment: uncontrolled, recheck within two weeks.
    const detail = await doctor.request.get(`${url}/api/v1/care/residents/${stored!.id}`);
    const fu = ((await detail.json()) as { timeline: { followups: { classification: string; nextDue: string }[] } })
      .timeline.followups;
    expect(fu).toMatchObject([{ classification: 'uncontrolled', nextDue: '2024-03-15' }]);
    expect(pageErrors).toEqual([]);
  });
});
