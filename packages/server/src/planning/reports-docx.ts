// A report as a printable Word document (A4 landscape tables), in the usual order of a 规划评估报告:
// 一、总体情况 二、主要指标监测 三、预警与滞后指标 四、分县区情况 五、重点任务进展 六、数据来源.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
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

const FONT = 'SimSun';

function cell(text: string | number | null, opts: { fill?: string; bold?: boolean } = {}) {
  return new TableCell({
    children: [
      new Paragraph({
        children: [
          new TextRun({ text: text === null ? '—' : String(text), bold: opts.bold ?? false, size: 18, font: FONT }),
        ],
      }),
    ],
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } } : {}),
  });
}

function table(head: string[], rows: { cells: (string | number | null)[]; fills?: Record<number, string> }[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, { bold: true, fill: 'D9D9D9' })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.cells.map((c, k) => cell(c, r.fills?.[k] ? { fill: r.fills[k] } : {})),
          }),
      ),
    ],
  });
}

const h1 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text, font: FONT })] });
const p = (text: string) =>
  new Paragraph({ children: [new TextRun({ text, font: FONT, size: 22 })], spacing: { after: 120 } });

export async function reportDocx(r: ReportData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      heading: HeadingLevel.TITLE,
      children: [new TextRun({ text: r.title, bold: true, font: FONT })],
    }),
    p(
      `评价区域：${r.area.name}（${r.area.code}）　评价年度：${r.year}年　规划期：${r.plan.periodStart}—${r.plan.periodEnd}年　数据截至：${r.asOf ?? '—'}`,
    ),
    h1('一、总体情况'),
    p(overviewText(r)),
    h1('二、主要指标监测情况'),
    table(
      ['序号', '领域', '指标名称', '单位', '性质', '基期值', '规划目标', `${r.year}年实际`, '预期进度', '状态'],
      r.indicators.map((i) => ({
        cells: [
          i.seq,
          i.domain ?? '',
          i.name,
          i.unit ?? '',
          natureZh(i.nature),
          i.baselineText || fmt(i.baseline, i.decimals),
          i.targetText || i.targetDisplay.zh,
          fmt(i.actual?.value, i.decimals),
          fmt(i.expected, i.decimals),
          statusZh(i.status),
        ],
        fills: { 9: STATUS_FILL[i.status] },
      })),
    ),
    h1('三、约束性指标预警和滞后指标'),
  ];
  if (r.warnings.length + r.lagging.length === 0) children.push(p('本年度无约束性指标预警和进度滞后指标。'));
  for (const i of r.warnings) {
    children.push(
      p(
        `【预警】${i.name}（约束性）：目标${i.targetText}，${r.year}年实际 ${fmt(i.actual?.value, i.decimals)}，按进度应达 ${fmt(i.expected, i.decimals)}。`,
      ),
    );
  }
  for (const i of r.lagging) {
    children.push(
      p(
        `【滞后】${i.name}：目标${i.targetText}，${r.year}年实际 ${fmt(i.actual?.value, i.decimals)}，按进度应达 ${fmt(i.expected, i.decimals)}。`,
      ),
    );
  }
  children.push(h1('四、分县（市、区）情况'));
  if (r.counties.length) {
    children.push(
      table(
        ['县（市、区）', '已达标', '进度正常', '滞后', '预警', '无数据'],
        r.counties.map((c) => ({
          cells: [c.name, c.counts.met, c.counts['on-track'], c.counts.lagging, c.counts.warning, c.counts['no-data']],
          fills: { 3: c.counts.lagging ? STATUS_FILL.lagging : '', 4: c.counts.warning ? STATUS_FILL.warning : '' },
        })),
      ),
    );
  } else children.push(p('本区域无下级县（市、区）。'));
  children.push(h1('五、重点任务和重大项目进展'));
  if (r.tasks.items.length) {
    children.push(
      table(
        ['任务/项目', '牵头单位', '完成时限', '进度', '状态', '逾期节点'],
        r.tasks.items.map((t) => ({
          cells: [
            t.title,
            t.leadDepartment ?? '',
            t.dueDate ?? '',
            `${t.progress}%`,
            taskStatusZh(t.status),
            t.overdueMilestones.map((m) => `${m.title}（${m.due}）`).join('；'),
          ],
          fills: { 4: TASK_FILL[t.status] },
        })),
      ),
    );
  } else children.push(p('本规划尚未录入重点任务和重大项目。'));
  children.push(h1('六、数据来源'));
  for (const s of r.sources) {
    children.push(
      p(
        `${SOURCE_LABELS[s.source] ?? s.source}（${s.kind === 'computed' ? '自动计算' : '填报'}）：${s.indicators.join('、')}`,
      ),
    );
  }
  children.push(
    p(
      '计算类指标由卫生资源登记数据按分子分母重新汇总计算；状态按基期值至目标值的线性进度判定。本报告由卫健平台自动生成。',
    ),
  );
  const doc = new Document({
    creator: 'Weijian 卫健',
    title: r.title,
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}
