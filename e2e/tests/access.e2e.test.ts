// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText(), not the DOM property
// Accessibility and placement, end to end in Chromium against the real server and the demo city: sign in, open
// the access map (the demo's synthetic road network, said to be synthetic; villages outside the 15-minute
// circle shaded; coverage per county; a narrower facility category leaving villages outside), then open a
// county: one institution's isochrone, the 2SFCA choropleth with its legend, new sites placed with MCLP and
// compared with today, saved as a planning scenario that the list shows and opens.
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
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const $ = (testId: string) => `[data-testid="${testId}"]`;
const digits = (s: string) => Number(s.replace(/[^\d]/g, ''));
const mapAttr = async (name: string) => Number(await page.locator($('access-map')).getAttribute(name));

/** Opens the Ant Design Select with this test id and clicks the option with this label (the first when null). */
async function pick(testId: string, label: string | null) {
  await page.click($(testId));
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await (label === null ? options.first() : options.filter({ hasText: label }).first()).click();
}

describe('access map and placement, end to end', () => {
  it('shows the synthetic network, the villages outside the circle and the coverage per county', async () => {
    await page.goto(`${server.url}/login`);
    await page.fill($('login-username'), 'admin');
    await page.fill($('login-password'), ADMIN_PASSWORD);
    await page.click($('login-submit'));
    await page.locator($('side-menu')).waitFor({ timeout: 60_000 });
    await page.click(`${$('side-menu')} >> text=可及性与布局`);
    await page.waitForURL(/\/access$/);

    const map = page.locator($('access-map'));
    await map.waitFor({ timeout: 120_000 });
    await expect
      .poll(async () => Number(await map.getAttribute('data-villages')), { timeout: 120_000, interval: 500 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await map.getAttribute('data-roads')), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    // The demo's roads are generated: the page says so.
    expect(await page.locator($('synthetic-note')).innerText()).toContain('合成路网');
    expect(await page.locator($('synthetic-tag')).innerText()).toBe('合成路网');
    const uncovered = Number(await map.getAttribute('data-uncovered'));
    expect(digits(await page.locator($('uncovered-count')).innerText())).toBe(uncovered);
    // The canvas is drawn (not blank).
    await page
      .locator(`${$('access-map')} canvas`)
      .first()
      .waitFor();
    await page
      .locator(`${$('coverage-card')} .ant-table-row`)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.locator($('coverage-share')).innerText()).toMatch(/\d+(\.\d)?%/);
    expect(await page.locator($('covered-share')).innerText()).toMatch(/\d+(\.\d)?%/);
    await page.screenshot({ path: screenshotPath('access-01-map'), fullPage: true });
  });

  it('a narrower facility category (emergency) leaves villages outside the circle, counted and shaded', async () => {
    const map = page.locator($('access-map'));
    const before = await mapAttr('data-uncovered');
    await pick('access-categories', '急救中心（站）');
    await expect.poll(() => map.getAttribute('data-categories'), { timeout: 10_000 }).toBe('E');
    // The demo city has one emergency centre: most villages are beyond 15 minutes of it.
    await expect
      .poll(() => mapAttr('data-uncovered'), { timeout: 120_000, interval: 500 })
      .toBeGreaterThan(Math.max(before, 0));
    const uncovered = await mapAttr('data-uncovered');
    expect(uncovered).toBeLessThanOrEqual(await mapAttr('data-villages'));
    await expect
      .poll(async () => digits(await page.locator($('uncovered-count')).innerText()), { timeout: 10_000 })
      .toBe(uncovered);
    // The share follows the category: below 100 % once villages are outside.
    await expect
      .poll(async () => (await page.locator($('covered-share')).innerText()).match(/([\d.]+)%/)?.[1], {
        timeout: 60_000,
        interval: 500,
      })
      .toMatch(/^(\d|[1-9]\d)(\.\d)?$/);
    await page.screenshot({ path: screenshotPath('access-01b-emergency'), fullPage: true });
    // Back to every medical institution for the county below.
    await pick('access-categories', '全部医疗机构');
    await expect.poll(() => map.getAttribute('data-categories'), { timeout: 10_000 }).toBe('A,B,C,D');
  }, 200_000);

  it('places two new sites in a county with MCLP: proven optimal or bounded, drawn on the map, compared with today', async () => {
    // The first county of the coverage table opens its own map.
    const cityVillages = Number(await page.locator($('access-map')).getAttribute('data-villages'));
    await page.locator($('coverage-row')).first().click();
    await page.waitForURL(/\/access\?area=\d{6}$/);
    await expect
      .poll(async () => Number(await page.locator($('access-map')).getAttribute('data-villages')), {
        timeout: 120_000,
        interval: 500,
      })
      .toBeLessThan(cityVillages);
    // One institution's isochrone, chosen by name (the canvas click does the same).
    await pick('isochrone-institution', null);
    await expect.poll(() => mapAttr('data-isochrones'), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    expect(await page.locator($('isochrone-of')).innerText()).toContain('15 分钟等时圈');
    // The 2SFCA choropleth: villages coloured by doctors per 1,000, with the scale named.
    await page.locator(`${$('access-colour')} label`, { hasText: '两步移动搜索' }).click();
    await expect.poll(() => mapAttr('data-fca'), { timeout: 120_000, interval: 500 }).toBeGreaterThan(0);
    expect(await page.locator($('fca-legend')).innerText()).toMatch(/每千人医师 [\d.]+ – [\d.]+/);
    await page.screenshot({ path: screenshotPath('access-02a-fca'), fullPage: true });
    await page.locator(`${$('access-colour')} label`, { hasText: '到最近机构时间' }).click();
    await expect.poll(() => mapAttr('data-fca'), { timeout: 10_000 }).toBe(0);
    // The demo's village clinics already put every village inside the circle: place the two sites as if
    // starting afresh (today's institutions not kept), which the panel compares with today all the same.
    await page.click($('placement-keep'));
    await page.fill(`${$('placement-sites')} input, input${$('placement-sites')}`, '2');
    await page.click($('placement-run'));
    const result = page.locator($('placement-result'));
    await result.waitFor({ timeout: 120_000 });
    const rows = page.locator(`${$('placement-sites-table')} .ant-table-row`);
    const sites = await rows.count();
    expect(sites).toBeGreaterThanOrEqual(1);
    expect(sites).toBeLessThanOrEqual(2);
    const today = digits((await page.locator($('placement-today')).innerText()).split('（')[0]!);
    const after = digits((await page.locator($('placement-after')).innerText()).split('（')[0]!);
    expect(after).toBeGreaterThanOrEqual(today);
    const proven = await page.locator($('placement-optimal')).count();
    if (!proven) expect(await page.locator($('placement-gap')).innerText()).toContain('差距');
    await expect
      .poll(async () => page.locator($('access-map')).getAttribute('data-proposed'), { timeout: 10_000 })
      .toBe(String(sites));
    await page.screenshot({ path: screenshotPath('access-02-placement'), fullPage: true });

    // Saved as a planning scenario: the list shows it, and opening it puts its sites back on the map.
    await page.click($('scenario-save-open'));
    await page.fill($('scenario-name'), 'e2e 新增两个站点');
    await page.click($('scenario-save'));
    const row = page.locator($('scenario-row'), { hasText: 'e2e 新增两个站点' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain(String(sites));
    // After a reload (nothing placed, nothing drawn) the scenario comes back from the server and opens.
    await page.reload();
    await row.waitFor({ timeout: 60_000 });
    expect(await page.locator($('access-map')).getAttribute('data-proposed')).toBe('0');
    await row.locator($('scenario-open')).click();
    expect(await page.locator($('scenario-shown')).innerText()).toBe('方案：e2e 新增两个站点');
    await expect
      .poll(async () => page.locator($('access-map')).getAttribute('data-proposed'), { timeout: 10_000 })
      .toBe(String(sites));
    // Deleted after its confirmation: gone from the list, and still gone after a reload.
    await row.locator($('scenario-delete')).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    await page.reload();
    await page.locator($('scenario-list')).waitFor({ timeout: 60_000 });
    expect(await page.locator($('scenario-row'), { hasText: 'e2e 新增两个站点' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('opens a place failing the emergency circle (10 minutes in a district, 30 in a county) from the standards page on the map', async () => {
    await page.goto(`${server.url}/standards?standard=emergency-circle`);
    const link = page.locator($('violation-map-link')).first();
    await link.waitFor({ timeout: 60_000 });
    await link.click();
    await page.waitForURL(/\/access\?area=\d+&minutes=(10|30)&facilities=emergencyCare/);
    await expect
      .poll(async () => page.locator($('access-map')).getAttribute('data-categories'), { timeout: 30_000 })
      .toBe('E,A');
    await expect
      .poll(async () => Number(await page.locator($('access-map')).getAttribute('data-uncovered')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('access-03-standard-on-map'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
