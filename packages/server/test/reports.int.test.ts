// Reports of the demo plan: each kind as XLSX (parsed back: the indicator rows and their statuses agree
// with the live evaluation) and as DOCX (a valid zip whose document names the plan and its indicators).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoTasks } from '../src/planning/tasks-demo.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

describe.each(ENGINES)('plan reports (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let planId: number;
  beforeAll(async () => {
    t = await makeApp(engine, {}, { demoScale: 1 });
    admin = await t.login('admin');
    const plans = (await t.call(admin, 'GET', '/api/v1/plans?region=4107')).json();
    planId = plans.items.find((p: { regionCode: string }) => p.regionCode === '4107').id;
    await loadDemoTasks(t.ctx.services.planning, planId);
  }, 600_000);
  afterAll(() => t?.close());

  const download = async (url: string) => {
    const r = await t.app.inject({ method: 'GET', url, headers: { cookie: admin } });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    return r;
  };

  it.each([
    ['annual', 2024],
    ['mid-term', 2023],
    ['final', 2025],
  ] as const)('writes the %s report as XLSX whose table matches the evaluation', async (kind, year) => {
    const r = await download(
      `/api/v1/plans/${planId}/reports/${kind}?format=xlsx${kind === 'annual' ? '&year=2024' : ''}`,
    );
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toMatch(
      new RegExp(`filename="weijian-plan-${planId}-${kind}-${year}\\.xlsx"; filename\\*=UTF-8''%E6%96%B0`),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '主要指标监测表',
      '预警与滞后',
      '分县区情况',
      '重点任务进展',
      '数据来源',
    ]);
    const evaluation = (await t.call(admin, 'GET', `/api/v1/plans/${planId}/evaluation?year=${year}`)).json();
    const sheet = wb.getWorksheet('主要指标监测表')!;
    expect(sheet.rowCount - 1).toBe(evaluation.total);
    const fills = new Set<string>();
    for (const item of evaluation.items) {
      const row = sheet.getRow(item.seq + 1);
      expect(row.getCell(3).value).toBe(item.name);
      expect(row.getCell(10).value).toBe(item.statusLabel.zh);
      const fill = row.getCell(10).fill as { fgColor?: { argb?: string } };
      fills.add(`${item.status}:${fill.fgColor?.argb}`);
      if (item.actual?.value != null) expect(row.getCell(8).value).toBeCloseTo(item.actual.value, 6);
    }
    // Each status has its own colour.
    const byStatus = new Map([...fills].map((f) => f.split(':') as [string, string]));
    expect(new Set(byStatus.values()).size).toBe(byStatus.size);
    if (byStatus.has('met')) expect(byStatus.get('met')).toBe('FFC6EFCE');
    const overview = wb.getWorksheet('概况')!;
    expect(String(overview.getRow(1).getCell(1).value)).toContain(`${year}年`);
    const counties = wb.getWorksheet('分县区情况')!;
    expect(counties.rowCount - 1).toBeGreaterThan(10);
    const tasks = wb.getWorksheet('重点任务进展')!;
    expect(tasks.rowCount - 1).toBe(15);
  });

  it('writes a printable DOCX naming the plan and every indicator', async () => {
    const r = await download(`/api/v1/plans/${planId}/reports/mid-term?format=docx&year=2023`);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('新乡市“十四五”医疗卫生健康服务体系发展规划2023年中期评估报告');
    const evaluation = (await t.call(admin, 'GET', `/api/v1/plans/${planId}/evaluation?year=2023`)).json();
    for (const item of evaluation.items) expect(text).toContain(item.name);
    expect(text).toContain('重点任务和重大项目进展');
    expect(text).toContain('卫辉市中医院新址搬迁建设');
  });

  it('evaluates a county when asked, refuses another county’s user and audits each export', async () => {
    const hx = await t.login('huixian');
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${planId}/reports/annual?year=2024`,
      headers: { cookie: hx },
    });
    expect(own.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet('概况')!.getRow(4).getCell(2).value)).toContain('辉县市');
    const other = await t.call(hx, 'GET', `/api/v1/plans/${planId}/reports/annual?area=410783`);
    expect(other.statusCode).toBe(403);
    expect((await t.call(admin, 'GET', `/api/v1/plans/${planId}/reports/weekly`)).statusCode).toBe(400);
    expect((await t.call(admin, 'GET', '/api/v1/plans/99999/reports/annual')).statusCode).toBe(404);
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=report.export')).json();
    expect(log.total).toBe(5);
  });
});
