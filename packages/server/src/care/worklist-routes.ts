// Work lists (/api/v1/care/worklist and its XLSX export).
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONTENT_TYPES, contentDisposition } from '../platform/file-decoding.ts';
import { Cursor, Id, limit } from '../platform/input.ts';
import { policyOf } from '../platform/request.ts';
import { Worklist } from './care-wire.ts';
import type { CareServices } from './services.ts';
import {
  DUE_WINDOW_DAYS,
  WORKLIST_PROGRAMS,
  WORKLIST_SORTS,
  WORKLIST_STATUSES,
  type WorklistItem,
} from './worklist-service.ts';

const Filters = z.object({
  doctor: Id.optional(),
  team: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  institution: Id.optional(),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  program: z.enum(WORKLIST_PROGRAMS).optional(),
  status: z.enum(WORKLIST_STATUSES).default('due'),
  sort: z.enum([...WORKLIST_SORTS, ...WORKLIST_SORTS.map((s) => `-${s}` as const)]).default('due'),
});

const sortOf = (s: z.infer<typeof Filters>['sort']) => ({
  sort: s.replace(/^-/, '') as (typeof WORKLIST_SORTS)[number],
  desc: s.startsWith('-'),
});

const LABELS = {
  hypertension: { zh: '高血压', en: 'Hypertension' },
  diabetes: { zh: '2型糖尿病', en: 'Type 2 diabetes' },
  smd: { zh: '严重精神障碍', en: 'Severe mental disorder' },
  tb: { zh: '肺结核', en: 'Tuberculosis' },
  maternal: { zh: '孕产妇', en: 'Maternal' },
  child: { zh: '儿童', en: 'Child' },
  'elderly-annual': { zh: '老年人年度体检', en: 'Older people’s yearly check' },
  prenatal: { zh: '产前检查', en: 'Prenatal visit' },
  postpartum: { zh: '产后访视', en: 'Postpartum visit' },
  'postpartum-42': { zh: '产后42天检查', en: '42-day postpartum check' },
} as const;

function what(i: WorklistItem, lang: 'zh' | 'en'): string {
  if (i.kind === 'followup') return `${LABELS[i.program!][lang]}${lang === 'zh' ? '随访' : ' follow-up'}`;
  return LABELS[i.checkType!][lang];
}

async function worklistXlsx(items: WorklistItem[], asOf: string, lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Weijian 卫健';
  const ws = wb.addWorksheet(lang === 'zh' ? '工作清单' : 'Work list');
  const zh = lang === 'zh';
  const columns: [string, string, number][] = [
    ['居民编号', 'Resident id', 12],
    ['姓名', 'Name', 12],
    ['性别', 'Sex', 6],
    ['年龄', 'Age', 6],
    ['村（社区）', 'Village', 18],
    ['村代码', 'Village code', 15],
    ['身份证号', 'ID number', 20],
    ['电话', 'Phone', 14],
    ['事项', 'Item', 18],
    ['上次日期', 'Last', 12],
    ['应办日期', 'Due', 12],
    ['逾期天数', 'Days overdue', 10],
    ['紧急', 'Urgent', 6],
  ];
  const head = ws.addRow(columns.map(([z, e]) => (zh ? z : e)));
  head.font = { bold: true };
  columns.forEach(([, , w], k) => {
    ws.getColumn(k + 1).width = w;
  });
  for (const i of items) {
    ws.addRow([
      i.residentId,
      i.name,
      i.sex === 'M' ? (zh ? '男' : 'M') : zh ? '女' : 'F',
      i.age,
      i.villageName ?? '',
      i.areaCode,
      i.idMasked ?? '',
      i.phoneMasked ?? '',
      what(i, lang),
      i.lastDate ?? '',
      i.dueDate,
      i.overdueDays,
      i.urgent ? (zh ? '是' : 'yes') : '',
    ]);
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.addRow([]);
  ws.addRow([zh ? `截至 ${asOf}，共 ${items.length} 项` : `As of ${asOf}: ${items.length} items`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function worklistRoutes(app: FastifyInstance, s: CareServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const description = `Due and overdue follow-ups and checks of one source: doctor (a user id: the enrolments they hold and the residents contracted with their teams; the caller by default), team, institution (its enrolments and the records it keeps) or township (its residents), narrowed by township, program (the programmes, or elderly for the yearly check) and status — due: due within ${DUE_WINDOW_DAYS} days or overdue (default); overdue: due before today; all: every open item. Due dates by the 规范's schedules from the stored next date of the latest follow-up (or the enrolment), the latest checks. Identifiers masked; each row names residentId and program/checkType, which is all the form needs. sort=due|name|village (prefix - to reverse), keyset paging.`;

  api.get(
    '/care/worklist',
    {
      schema: {
        querystring: Filters.extend({ cursor: Cursor, limit: limit(500, 50) }),
        response: { 200: Worklist },
        tags: ['care'],
        description,
      },
    },
    (req) => {
      const { cursor, limit: n, sort, ...f } = req.query;
      return s.worklists.page(policyOf(req), { ...f, ...sortOf(sort), cursor, limit: n });
    },
  );

  api.get(
    '/care/worklist.xlsx',
    {
      schema: {
        querystring: Filters.extend({ lang: z.enum(['zh', 'en']).default('zh') }),
        produces: [CONTENT_TYPES.xlsx],
        tags: ['care'],
        description: `The same list as an Excel workbook (all rows, at most 20,000). ${description}`,
      },
    },
    async (req, reply) => {
      const { lang, sort, ...f } = req.query;
      const { asOf, items } = await s.worklists.all(policyOf(req), { ...f, ...sortOf(sort) });
      const body = await worklistXlsx(items, asOf, lang);
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', contentDisposition(`worklist-${asOf}.xlsx`, `工作清单-${asOf}.xlsx`))
        .send(body);
    },
  );
}
