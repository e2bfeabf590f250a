// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText(), not the DOM property
// A user's first session, end to end in Chromium against the real server and the demo city: sign in, look
// at the dashboard map, filter the institution list, import a file with an error, read the row error,
// fix the file and import it.
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, launchBrowser, type Server, screenshotPath, startServer } from './harness.ts';

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

async function pickOption(selectTestId: string, optionTitle: string) {
  await page.click(`${$(selectTestId)}`);
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`);
  await option.click();
}

async function totalShown(): Promise<number> {
  const text = await page.locator($('institution-total')).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

describe('registry, end to end', () => {
  it('signs in (and shows a Chinese error for a wrong password)', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.fill($('login-username'), 'admin');
    await page.fill($('login-password'), 'not-the-password');
    await page.click($('login-submit'));
    const error = page.locator($('login-error'));
    await error.waitFor();
    expect(await error.innerText()).toMatch(/[\u4e00-\u9fa5]/);

    await page.fill($('login-password'), ADMIN_PASSWORD);
    await page.click($('login-submit'));
    await page.locator($('dashboard')).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.locator($('synthetic-badge')).waitFor();
  });

  it('shows the dashboard with totals and the county map coloured by a chosen ratio', async () => {
    await page.locator($('measure-bedsPer1000')).waitFor();
    // Totals and ratios come from the API: the demo city has beds and a population.
    await expect
      .poll(async () => page.locator(`${$('measure-beds')} .ant-statistic-content`).innerText())
      .toMatch(/\d/);
    await expect
      .poll(async () => page.locator(`${$('measure-bedsPer1000')} .ant-statistic-content`).innerText())
      .toMatch(/\d+\.\d{2}/);
    const map = page.locator(`${$('area-map')}[data-map-mode="map"]`);
    await map.waitFor({ timeout: 30_000 });
    await map.locator('canvas').first().waitFor();
    const rows = await page.locator(`${$('children-table')} tbody tr.ant-table-row`).count();
    expect(rows).toBeGreaterThan(5);

    await page.click($('map-ratio'));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').nth(1).click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('01-dashboard-map'), fullPage: true });
  });

  it('filters institutions by grade and by name, paging on the server', async () => {
    await page.click(`${$('side-menu')} >> text=医疗卫生机构`);
    await page.waitForURL(/\/institutions/);
    await page.locator($('institution-row')).first().waitFor();
    const all = await totalShown();
    expect(all).toBeGreaterThan(100);
    expect(await page.locator($('institution-row')).count()).toBeLessThanOrEqual(20);

    await pickOption('filter-grade', '三级甲等');
    await page.waitForURL(/grade=3/);
    await expect.poll(totalShown).toBeLessThan(all);
    const graded = await totalShown();
    expect(graded).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const grades = await page.locator(`${$('institution-row')} td:nth-child(3)`).allInnerTexts();
        return grades.length > 0 && grades.every((g) => g.trim() === '三级甲等');
      })
      .toBe(true);

    const firstName = (
      await page
        .locator(`${$('institution-row')} td:first-child`)
        .first()
        .innerText()
    ).trim();
    const fragment = firstName.slice(0, Math.min(4, firstName.length));
    await page.fill(`${$('filter-q')} input`, fragment);
    await page.press(`${$('filter-q')} input`, 'Enter');
    await page.waitForURL(/q=/);
    // The list refreshes when the server answers: wait until every row shown matches.
    await expect
      .poll(async () => {
        const names = await page.locator(`${$('institution-row')} td:first-child`).allInnerTexts();
        return names.length > 0 && names.every((n) => n.includes(fragment));
      })
      .toBe(true);
    expect(await totalShown()).toBeLessThanOrEqual(graded);
    await page.screenshot({ path: screenshotPath('02-institutions-filtered'), fullPage: true });

    // The detail page: attributes and resources over the years.
    await page
      .locator(`${$('institution-row')} td:first-child a`)
      .first()
      .click();
    await page.locator($('institution-name')).waitFor();
    await page
      .locator(`${$('resources-chart')} canvas`)
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath('03-institution-detail'), fullPage: true });
  });

  it('imports institutions: a row error with its row and column, then the fixed file', async () => {
    const meta = (await (await page.request.get(`${server.url}/api/v1/meta`)).json()) as {
      rootAreaCode: string;
      institutionCategories: { code: string; parent?: string; family: string }[];
      ownerships: { code: string; zh: string }[];
    };
    const root = (await (await page.request.get(`${server.url}/api/v1/areas/${meta.rootAreaCode}`)).json()) as {
      children: { code: string }[];
    };
    const parents = new Set(meta.institutionCategories.map((c) => c.parent).filter(Boolean));
    const category = meta.institutionCategories.find((c) => c.family === 'primary' && !parents.has(c.code))!.code;
    const county = root.children[0]!.code;
    const ownership = meta.ownerships[0]!.zh;

    await page.click(`${$('side-menu')} >> text=数据导入`);
    await page.locator($('import-wizard')).waitFor();
    // The template as a user downloads it: its header row is the file's header row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${$('template-csv')} button`)]);
    const template = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const header = template
      .split(/\r?\n/)[0]!
      .split(',')
      .map((h) => h.replace(/^"|"$/g, ''));
    for (const column of ['机构名称', '机构类别代码', '举办主体', '所在区划代码']) expect(header).toContain(column);

    const tag = `E2E${Date.now().toString(36)}`;
    const row = (values: Record<string, string>) => header.map((h) => values[h] ?? '').join(',');
    const csv = (badCategory: string) =>
      `\uFEFF${[
        header.join(','),
        row({ 机构名称: `${tag}甲村卫生室`, 机构类别代码: category, 举办主体: ownership, 所在区划代码: county }),
        row({ 机构名称: `${tag}乙村卫生室`, 机构类别代码: badCategory, 举办主体: ownership, 所在区划代码: county }),
      ].join('\r\n')}\r\n`;

    await page.click($('import-next'));
    const input = page.locator(`${$('import-upload')} input[type=file]`);
    await input.setInputFiles({ name: 'institutions-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('XX9')) });
    const errors = page.locator(`${$('import-errors')} ${$('import-error-row')}`);
    await errors.first().waitFor({ timeout: 30_000 });
    expect(await errors.count()).toBe(1);
    // Row 3 of the file (row 1 is the header), in the category column, with a reason in Chinese.
    expect((await errors.first().locator('[data-col="row"]').innerText()).trim()).toBe('3');
    expect((await errors.first().locator('[data-col="column"]').innerText()).trim()).toBe('机构类别代码');
    expect(await errors.first().locator('[data-col="message"]').innerText()).toMatch(/[\u4e00-\u9fa5]/);
    expect(await page.locator($('import-submit')).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('04-import-row-error'), fullPage: true });

    await input.setInputFiles({
      name: 'institutions-fixed.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv(category)),
    });
    await page.locator($('import-dryrun-ok')).waitFor({ timeout: 30_000 });
    await page.click($('import-submit'));
    const result = page.locator($('import-result'));
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('2');
    await page.screenshot({ path: screenshotPath('05-import-done'), fullPage: true });

    // Both rows are now institutions (the bad file wrote nothing, the fixed one wrote both).
    await page.goto(`${server.url}/institutions?q=${encodeURIComponent(tag)}`);
    await page.locator($('institution-row')).first().waitFor();
    await expect.poll(totalShown).toBe(2);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
