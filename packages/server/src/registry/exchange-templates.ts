// Import templates: the header row of a kind, and in XLSX a second sheet 说明 explaining every column,
// its unit and the allowed codes (institution categories, grades, ownership).
import { GRADE_CLASSES, GRADE_LEVELS, INSTITUTION_CATEGORIES, OWNERSHIPS } from '@weijian/core/registry';
import {
  type ColumnSpec,
  EXCHANGE_COLUMNS,
  type ExchangeKind,
  KIND_LABELS,
  templateColumns,
} from '@weijian/core/registry/exchange';
import {
  type FileFormat,
  type NotesSheet,
  type OutCell,
  type OutColumn,
  writeCsv,
  writeXlsx,
} from '../platform/file-decoding.ts';

const TEXT_TYPES = new Set(['uscc', 'area', 'category', 'text']);

export function outColumns(specs: readonly ColumnSpec[]): OutColumn[] {
  return specs.map((c) => ({
    header: c.zh,
    text: TEXT_TYPES.has(c.type),
    width: c.type === 'uscc' ? 22 : c.type === 'text' && c.key.endsWith('ame') ? 30 : undefined,
    note: `${c.en}${c.unit ? ` (${c.unit})` : ''}\n${c.note.zh}`,
  }));
}

function notesSheet(kind: ExchangeKind): NotesSheet {
  const rows: OutCell[][] = [];
  const bold: number[] = [];
  const heading = (...cells: OutCell[]) => {
    bold.push(rows.length);
    rows.push(cells);
  };
  rows.push([`${KIND_LABELS[kind].zh}导入模板说明（${KIND_LABELS[kind].en}）`]);
  bold.push(0);
  rows.push(['第一行为表头，从第二行起每行一条记录；整个文件全部校验通过才会导入，任何一行有误则不写入任何数据。']);
  rows.push(['列名可用中文、英文或字段键名，列的顺序不限；未填写的数值表示“未填报”，与 0 不同。']);
  rows.push([]);
  heading('列名', '英文名', '字段键', '必填', '单位', '说明');
  for (const c of EXCHANGE_COLUMNS[kind]) {
    rows.push([c.zh, c.en, c.key, c.required ? '是' : c.informational ? '导入时忽略' : '否', c.unit ?? '', c.note.zh]);
  }
  if (kind === 'institutions') {
    rows.push([]);
    heading('级别', 'Grade level', '', '', '', '可填写');
    for (const g of GRADE_LEVELS)
      rows.push([
        g.zh,
        g.en,
        g.level === null ? '' : String(g.level),
        '',
        '',
        g.level === null ? '未定级或留空' : `${g.zh} 或 ${g.level}`,
      ]);
    rows.push([]);
    heading('等次', 'Grade class', '', '', '', '可填写');
    for (const g of GRADE_CLASSES) rows.push([g.zh, g.en, g.class ?? '', '', '', g.class ?? '留空']);
    rows.push([]);
    heading('举办主体', 'Ownership', '代码', '', '', '可填写');
    for (const o of OWNERSHIPS) rows.push([o.zh, o.en, o.code, '', '', o.zh]);
    rows.push([]);
    heading('机构类别代码', '名称', 'English', '上级代码', '来源');
    for (const c of INSTITUTION_CATEGORIES) rows.push([c.code, c.zh, c.en, c.parent ?? '', c.source]);
  }
  return { name: '说明', rows, bold, widths: [18, 36, 28, 12, 10, 60] };
}

const ASCII_NAMES: Record<ExchangeKind, string> = {
  institutions: 'institutions',
  resources: 'resources',
  population: 'population',
};

export function templateFileNames(kind: ExchangeKind, format: FileFormat) {
  return {
    ascii: `weijian-${ASCII_NAMES[kind]}-template.${format}`,
    utf8: `${KIND_LABELS[kind].zh}导入模板.${format}`,
  };
}

export async function buildTemplate(kind: ExchangeKind, format: FileFormat): Promise<Buffer> {
  const columns = outColumns(templateColumns(kind));
  if (format === 'csv') return writeCsv(columns, []);
  return writeXlsx(KIND_LABELS[kind].zh, columns, [], notesSheet(kind));
}
