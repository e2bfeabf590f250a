// A report as an Excel workbook: one sheet per section, statuses as coloured cells (the colours planners
// use by hand: green met, blue on track, yellow lagging, red warning, grey no data).
import ExcelJS from 'exceljs';
import {
  fmt,
  natureZh,
  overviewText,
  type ReportData,
  SOURCE_LABELS,
  STATUS_FILL,
  statusZh,
  TASK_FILL,
  taskStatusZh,
} from './reports-data.ts';

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${argb}` } });

function header(ws: ExcelJS.Worksheet, names: string[], widths: number[]) {
  const row = ws.addRow(names);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = fill('D9D9D9');
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

export async function reportXlsx(r: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weijian 卫健';
  wb.created = new Date(r.generatedAt);

  const ov = wb.addWorksheet('概况');
  ov.getColumn(1).width = 22;
  ov.getColumn(2).width = 80;
  ov.addRow([r.title]).font = { bold: true, size: 14 };
  for (const [k, v] of [
    ['规划', r.plan.name],
    ['规划期', `${r.plan.periodStart}—${r.plan.periodEnd}年（基期 ${r.plan.baselineYear} 年）`],
    ['评价区域', `${r.area.name}（${r.area.code}）`],
    ['评价年度', `${r.year}年`],
    ['数据截至', r.asOf ?? '—'],
    ['生成时间', r.generatedAt],
    ['概况', overviewText(r)],
  ] as const) {
    const row = ov.addRow([k, v]);
    row.getCell(2).alignment = { wrapText: true };
  }
  ov.addRow([]);
  ov.addRow(['状态', '指标数']).font = { bold: true };
  for (const s of ['met', 'on-track', 'lagging', 'warning', 'no-data'] as const) {
    const row = ov.addRow([statusZh(s), r.counts[s]]);
    row.getCell(1).fill = fill(STATUS_FILL[s]);
  }

  const ind = wb.addWorksheet('主要指标监测表');
  header(
    ind,
    [
      '序号',
      '领域',
      '指标名称',
      '单位',
      '指标性质',
      `${r.plan.baselineYear}年基期值`,
      '规划目标',
      `${r.year}年实际值`,
      '预期进度值',
      '状态',
      '距目标',
      '数据来源',
    ],
    [6, 14, 36, 10, 10, 12, 22, 12, 12, 10, 10, 18],
  );
  for (const i of r.indicators) {
    const row = ind.addRow([
      i.seq,
      i.domain ?? '',
      i.name,
      i.unit ?? '',
      natureZh(i.nature),
      i.baselineText || fmt(i.baseline, i.decimals),
      i.targetText || i.targetDisplay.zh,
      i.actual?.value ?? null,
      i.expected === null ? null : Number(i.expected.toFixed(i.decimals)),
      statusZh(i.status),
      i.distance === null ? null : Number(i.distance.toFixed(i.decimals)),
      i.actual ? (SOURCE_LABELS[i.actual.source] ?? i.actual.source) : '',
    ]);
    row.getCell(10).fill = fill(STATUS_FILL[i.status]);
  }

  const warn = wb.addWorksheet('预警与滞后');
  header(
    warn,
    ['类别', '指标名称', '指标性质', '规划目标', `${r.year}年实际值`, '预期进度值', '距目标'],
    [16, 36, 10, 22, 12, 12, 10],
  );
  for (const [label, list] of [
    ['约束性指标预警', r.warnings],
    ['进度滞后', r.lagging],
  ] as const) {
    for (const i of list) {
      const row = warn.addRow([
        label,
        i.name,
        natureZh(i.nature),
        i.targetText,
        i.actual?.value ?? null,
        i.expected === null ? null : Number(i.expected.toFixed(i.decimals)),
        i.distance === null ? null : Number(i.distance.toFixed(i.decimals)),
      ]);
      row.getCell(1).fill = fill(STATUS_FILL[i.status]);
    }
  }

  if (r.counties.length) {
    const cs = wb.addWorksheet('分县区情况');
    header(
      cs,
      ['区划代码', '县（市、区）', '已达标', '进度正常', '滞后', '预警', '无数据', ...r.indicators.map((i) => i.name)],
      [10, 16, 8, 8, 8, 8, 8, ...r.indicators.map(() => 12)],
    );
    for (const c of r.counties) {
      const row = cs.addRow([
        c.code,
        c.name,
        c.counts.met,
        c.counts['on-track'],
        c.counts.lagging,
        c.counts.warning,
        c.counts['no-data'],
        ...c.statuses.map((s) => (s ? statusZh(s) : '')),
      ]);
      c.statuses.forEach((s, k) => {
        if (s) row.getCell(8 + k).fill = fill(STATUS_FILL[s]);
      });
    }
  }

  const ts = wb.addWorksheet('重点任务进展');
  header(
    ts,
    ['序号', '类型', '领域', '任务/项目', '牵头单位', '责任单位', '完成时限', '进度(%)', '状态', '逾期节点'],
    [6, 8, 14, 36, 16, 24, 12, 8, 8, 30],
  );
  for (const t of r.tasks.items) {
    const row = ts.addRow([
      t.seq,
      t.kind === 'project' ? '重大项目' : '重点任务',
      t.section ?? '',
      t.title,
      t.leadDepartment ?? '',
      t.departments.join('、'),
      t.dueDate ?? '',
      t.progress,
      taskStatusZh(t.status),
      t.overdueMilestones.map((m) => `${m.title}（${m.due}）`).join('；'),
    ]);
    row.getCell(9).fill = fill(TASK_FILL[t.status]);
  }

  const src = wb.addWorksheet('数据来源');
  header(src, ['来源', '方式', '指标'], [30, 10, 80]);
  for (const s of r.sources) {
    src.addRow([
      SOURCE_LABELS[s.source] ?? s.source,
      s.kind === 'computed' ? '自动计算' : '填报',
      s.indicators.join('、'),
    ]);
  }
  src.addRow([]);
  src.addRow([
    '说明',
    '',
    '计算类指标由卫生资源登记数据按分子分母重新汇总计算（不取平均）；填报类指标为统计年鉴、调查等来源的填报值。状态按基期值到目标值的线性进度判定。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
