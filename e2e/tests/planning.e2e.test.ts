// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText(), not the DOM property
// Plan monitoring, end to end in Chromium against the real server and the demo city: sign in, open the plan
// list, import 连州's indicator table in the browser (the fixture CSV plus one row the parser cannot fully
// understand and the matcher is unsure of), confirm the catalogue matches and structure the target by hand,
// create the plan, open its dashboard and filter it, and download a report.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, REPO, RESULTS, type Server, screenshotPath, startServer } from './harness.ts';

const FIXTURE = path.resolve(REPO, 'packages/server/src/planning/fixtures/lianzhou-2021-2025.csv');
/** A row in the same family as the fixture: a fuzzy name (low-confidence match) and a target left as text. */
const EXTRA_ROW = '健康服务,20,县级医院床位使用情况,％,80,力争达到全省平均水平,预期性';
const PLAN_NAME = '连州市卫生健康事业发展“十四五”规划（浏览器导入）';

let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const $ = (testId: string) => `[data-testid="${testId}"]`;

async function chooseOption(selectTestId: string, optionTitle: string) {
  await page.click($(selectTestId));
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`).click();
}

/** The <input> of an antd input whose test id lands on the input itself or on its wrapper. */
function inputOf(testId: string) {
  return page.locator(`input${$(testId)}, ${$(testId)} input`).first();
}

async function rowCount(testId: string): Promise<number> {
  return page.locator($(testId)).count();
}

describe('plan monitoring, end to end', () => {
  it('signs in and lists the demo plans', async () => {
    await page.goto(`${server.url}/login`);
    await page.fill($('login-username'), 'admin');
    await page.fill($('login-password'), ADMIN_PASSWORD);
    await page.click($('login-submit'));
    await page.locator($('side-menu')).waitFor({ timeout: 60_000 });

    await page.click(`${$('side-menu')} >> text=规划列表`);
    await page.waitForURL(/\/plans$/);
    await page.locator($('plan-row')).first().waitFor();
    expect(await rowCount('plan-row')).toBeGreaterThanOrEqual(1);
    // Each plan shows its live status counts.
    await page
      .locator(`${$('plan-row')} ${$('status-bar')}`)
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it('imports 连州’s table in the browser: preview, confirm matches, structure a target, create', async () => {
    expect(fs.existsSync(FIXTURE), `${FIXTURE} is missing (CI keeps ../shared beside the repository)`).toBe(true);
    const csv = `${fs.readFileSync(FIXTURE, 'utf8').trimEnd()}\n${EXTRA_ROW}\n`;
    const fixtureRows = fs.readFileSync(FIXTURE, 'utf8').trim().split(/\r?\n/).length - 1;

    await page.click($('plan-import-button'));
    await page.waitForURL(/\/plans\/import/);
    await page.locator(`${$('plan-upload')} input[type="file"]`).setInputFiles({
      name: 'lianzhou-2021-2025.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });

    // The preview: every row read, the targets understood, the catalogue matched with a confidence.
    await page.locator($('preview-summary')).waitFor({ timeout: 30_000 });
    expect(await rowCount('preview-row')).toBe(fixtureRows + 1);
    const extra = page.locator(`${$('preview-row')}[data-row="${fixtureRows + 2}"]`);
    expect(await extra.getAttribute('data-target-state')).toBe('unparsed');
    expect(await extra.getAttribute('data-confirmed')).toBe('false');
    // Every fixture row is linked and confirmed (high confidence); only the extra row waits for a person.
    await expect.poll(() => page.locator(`${$('preview-row')}[data-confirmed="false"]`).count()).toBe(1);
    expect(await page.locator(`${$('preview-row')}[data-catalogue=""]`).count()).toBe(1);
    const lowConfidence = Number(await extra.locator($('match-confidence')).getAttribute('data-confidence'));
    expect(lowConfidence).toBeLessThan(0.8);
    expect(await page.locator($('plan-create')).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('planning-01-preview'), fullPage: true });

    // Confirm the matches: the high-confidence ones in one go, the unsure one by choosing its best candidate.
    await page.click($('confirm-all'));
    await extra.locator($('match-select')).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect.poll(() => extra.getAttribute('data-confirmed')).toBe('true');
    expect(await extra.getAttribute('data-catalogue')).not.toBe('');

    // Structure the target the parser kept as text: ≥ 85 %.
    await extra.locator($('structure-target')).click();
    await inputOf('target-value').fill('85');
    await page.click($('target-editor-ok'));
    await expect.poll(() => extra.getAttribute('data-target-state')).toBe('ok');
    expect(await extra.locator($('target-parsed')).innerText()).toContain('85');

    // Name and region (连州 is outside the demo city: an administrator types its code).
    await page.fill($('plan-name'), PLAN_NAME);
    await inputOf('plan-region-code').fill('441882');
    await inputOf('plan-region-code').press('Enter');
    await expect.poll(() => page.locator($('plan-region-name')).innerText()).toContain('连州');

    await expect.poll(() => page.locator($('plan-create')).isDisabled()).toBe(false);
    await page.click($('plan-create'));
    await page.waitForURL(/\/plans\/\d+(\?|$)/, { timeout: 30_000 });
  });

  it('opens the new plan’s dashboard: status counts, indicator table, filters', async () => {
    await page.locator($('plan-dashboard')).waitFor();
    await expect.poll(() => page.locator($('plan-title')).innerText()).toBe(PLAN_NAME);
    await page.locator($('indicator-row')).first().waitFor({ timeout: 30_000 });
    const total = await rowCount('indicator-row');
    const fixtureRows = fs.readFileSync(FIXTURE, 'utf8').trim().split(/\r?\n/).length - 1;
    expect(total).toBe(fixtureRows + 1);
    // The status cards add up to every indicator.
    const counts = await page
      .locator(`${$('status-summary')} [data-count]`)
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(await page.locator($('as-of')).innerText()).toMatch(/数据截至/);

    // The dashboard opens on the latest year with values (连州's demo values run 2020–2024); pick another.
    await expect.poll(() => page.locator($('plan-year')).innerText()).toContain('2024');
    await chooseOption('plan-year', '2023');
    await page.waitForURL(/year=2023/);
    await expect
      .poll(async () => page.locator(`${$('indicator-row')} ${$('actual-value')}[data-kind]`).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.locator($('sparkline')).first().waitFor({ timeout: 30_000 });

    // Binding indicators only: 连州 has one (the noise-protection indicator).
    await chooseOption('filter-nature', '约束性');
    await page.waitForURL(/nature=binding/);
    await expect.poll(() => rowCount('indicator-row')).toBe(1);
    expect(await page.locator(`${$('indicator-row')}[data-nature="binding"]`).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('planning-02-dashboard-binding'), fullPage: true });
    await page.goto(page.url().replace(/[?&]nature=binding/, ''));
    await expect.poll(() => rowCount('indicator-row'), { timeout: 30_000 }).toBe(total);
    await page.screenshot({ path: screenshotPath('planning-03-dashboard'), fullPage: true });
  });

  it('enters a reported value on the indicator page and the dashboard shows the new status at once', async () => {
    // 孕产妇死亡率 (first row): target < 8 per 100,000; a 2023 value of 5 meets it.
    const row = page.locator(`${$('indicator-row')}[data-seq="1"]`);
    await row.locator($('indicator-link')).click();
    await page.waitForURL(/\/plans\/\d+\/indicators\/1\?/);
    await page.locator($('indicator-page')).waitFor();
    await page.locator($('indicator-definition')).waitFor();
    await page
      .locator(`${$('indicator-series')} canvas`)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator($('value-entry')).waitFor();
    await expect.poll(() => page.locator($('existing-value')).innerText(), { timeout: 30_000 }).toMatch(/\d/);
    await inputOf('value-input').fill('5');
    await page.click($('value-save'));
    await expect
      .poll(() => page.locator(`${$('live-status')}`).getAttribute('data-status'), { timeout: 30_000 })
      .toBe('met');
    await page.screenshot({ path: screenshotPath('planning-04-indicator'), fullPage: true });

    await page.click($('back-to-dashboard'));
    await page.waitForURL(/\/plans\/\d+\?/);
    await expect
      .poll(() => page.locator(`${$('indicator-row')}[data-seq="1"]`).getAttribute('data-status'), { timeout: 30_000 })
      .toBe('met');
  });

  it('downloads the annual monitoring report (XLSX) and the mid-term and final evaluations (DOCX)', async () => {
    for (const [testId, ext] of [
      ['report-annual-xlsx', '.xlsx'],
      ['report-mid-term-docx', '.docx'],
      ['report-final-docx', '.docx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click($(testId))]);
      const name = download.suggestedFilename();
      expect(name.endsWith(ext), name).toBe(true);
      const file = path.join(RESULTS, `planning-${testId}${ext}`);
      fs.mkdirSync(RESULTS, { recursive: true });
      await download.saveAs(file);
      const bytes = fs.readFileSync(file);
      expect(bytes.length).toBeGreaterThan(2000);
      // Both are ZIP containers (OOXML).
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
