// Import templates for case cards and stream counts: the columns sheets.ts reads, as XLSX (text columns and a
// 说明 sheet listing the codes in use here) or CSV.
import {
  CARD_FIELD_LABELS,
  type CaseReportInput,
  CLASSIFICATION_LABELS,
  DISEASE_CLASS_LABELS,
  type DiseaseClass,
  OCCUPATIONS,
} from '@weijian/core/surveillance';
import { writeCsv, writeXlsx } from '../platform/file-decoding.ts';
import { CASE_REQUIRED, EXAMPLE_REMARK, STREAM_FIELDS } from './sheets.ts';

const CASE_TEMPLATE_FIELDS = Object.keys(CARD_FIELD_LABELS) as (keyof CaseReportInput)[];
const CASE_EXAMPLE: Record<string, string> = {
  clientReportId: 'HX-2024-000123',
  institutionId: '1',
  diseaseCode: 'C11',
  classification: '临床诊断病例',
  patientName: '张小明',
  parentName: '张大明',
  citizenId: '',
  sex: '男',
  birthDate: '2020-03-15',
  ageYears: '',
  phone: '13800000000',
  workplace: '',
  occupation: '散居儿童',
  addressCode: '410782001001',
  addressText: '某街道某号',
  onsetDate: '2024-05-28',
  diagnosisAt: '2024-05-29 10:00',
  reportedAt: '2024-05-29 11:30',
  deathDate: '',
  doctorName: '李医生',
  remarks: EXAMPLE_REMARK,
};

/**
 * The case template with one example row (refused if left in). Every XLSX column is a text column, so Excel
 * keeps 18-digit 身份证号, leading zeros and dates as typed; the 说明 sheet lists the diseases enabled here
 * with their codes (either goes in 疾病名称), the classifications and the 人群分类.
 */
export async function caseTemplate(
  format: 'csv' | 'xlsx',
  diseases: { code: string; nameZh: string; class: DiseaseClass }[],
): Promise<Buffer> {
  const columns = CASE_TEMPLATE_FIELDS.map((f) => ({
    header: CARD_FIELD_LABELS[f].zh,
    text: true,
    ...(CASE_REQUIRED.includes(f) ? { note: '必填' } : {}),
  }));
  const rows = [CASE_TEMPLATE_FIELDS.map((f) => CASE_EXAMPLE[f] ?? '')];
  if (format === 'csv') return writeCsv(columns, rows);
  const notes: (string | null)[][] = [
    ['填写说明'],
    [
      '每行一张报告卡；报告单位填本系统机构编号；现住址区划代码填乡镇 9 位或村 12 位；日期 YYYY-MM-DD，时间 YYYY-MM-DD HH:mm',
    ],
    ['出生日期与年龄至少填一项（填了有效证件号可不填出生日期）；导入前请删除示例行；任一行有误则整个文件不导入'],
    [],
    ['病例分类'],
    ...Object.values(CLASSIFICATION_LABELS).map((l) => [l.zh]),
    [],
    ['人群分类'],
    ...OCCUPATIONS.map((o) => [o]),
    [],
    ['疾病编码', '疾病名称', '类别'],
    ...diseases.map((d) => [d.code, d.nameZh, DISEASE_CLASS_LABELS[d.class].zh]),
  ];
  const bold = notes.flatMap((r, i) =>
    r.length && ['填写说明', '病例分类', '人群分类', '疾病编码'].includes(r[0] ?? '') ? [i] : [],
  );
  return writeXlsx('传染病报告卡', columns, rows, { name: '说明', rows: notes, bold, widths: [16, 48, 12] });
}

const STREAM_TEMPLATE_COLUMNS = Object.entries(STREAM_FIELDS).map(([k, f]) => ({
  header: f.zh,
  text: k === 'stream' || k === 'sourceName' || k === 'areaCode' || k === 'date',
}));

/**
 * The stream-count template: the columns only (no example row that could be imported by mistake); the XLSX
 * has text columns (12-digit area codes, dates as typed) and a 说明 sheet listing the streams.
 */
export async function streamTemplate(
  format: 'csv' | 'xlsx',
  streams: { code: string; nameZh: string; unit: string }[],
): Promise<Buffer> {
  if (format === 'csv') return writeCsv(STREAM_TEMPLATE_COLUMNS, []);
  const rows: (string | null)[][] = [
    ['填写说明'],
    ['每行一个来源一天的数量；机构编号（本系统机构 ID）或 来源名称 + 区划代码（乡镇 9 位或村 12 位）二选一'],
    ['日期格式 YYYY-MM-DD；同一来源同一天再次导入时以新数量为准；任一行有误则整个文件不导入'],
    [],
    ['数据流编码', '名称', '单位'],
    ...streams.map((s) => [s.code, s.nameZh, s.unit]),
  ];
  return writeXlsx('监测数据', STREAM_TEMPLATE_COLUMNS, [], { name: '说明', rows, bold: [0, 4], widths: [24, 40, 8] });
}
