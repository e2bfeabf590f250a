// Texts of sheet-import: each key with its Chinese and English side by side.

export const sheetImportText = {
  importCases: { zh: '导入报告卡', en: 'Import reports' },
  importCounts: { zh: '导入监测数据', en: 'Import counts' },
  importCasesTitle: { zh: '从文件导入传染病报告卡', en: 'Import case reports from a file' },
  importCountsTitle: { zh: '从文件导入多点监测数据', en: 'Import surveillance counts from a file' },
  importCasesHint: {
    zh: '每行一张报告卡，列与模板一致；身份证号等长数字请用 Excel 模板（文本格式列）填写。重复导入同一卡片编号不会重复入库。',
    en: 'One report per row, columns as in the template; enter 身份证号 and other long numbers in the Excel template (text columns). A report ID imported again is not stored twice.',
  },
  importCountsHint: {
    zh: '每行一个来源一天的数量（发热门诊、肠道门诊、药店、学校等）；同一来源同一天再次导入时以新数量为准。',
    en: "One source's count for one day per row (fever clinics, intestinal clinics, pharmacies, schools…); a source's day imported again replaces its count.",
  },
  importTemplate: { zh: '下载模板：', en: 'Template:' },
  importTemplateXlsx: { zh: 'Excel 模板', en: 'Excel template' },
  importTemplateCsv: { zh: 'CSV 模板', en: 'CSV template' },
  importDrop: { zh: '点击或拖入 CSV / Excel 文件', en: 'Click or drop a CSV / Excel file' },
  importAllOrNothing: {
    zh: '逐行检查，任一行有误则整个文件不导入，已有数据不受影响',
    en: 'Every row is checked; if any row is wrong nothing is imported and stored data is untouched',
  },
  importSending: { zh: '正在检查并导入 {name}…', en: 'Checking and importing {name}…' },
  importDone: { zh: '{name} 已导入', en: '{name} imported' },
  importCasesDone: {
    zh: '新增 {created} 张，已存在 {existing} 张（未重复入库），疑似重卡 {duplicates} 张；触发 {signals} 条预警信号',
    en: '{created} new, {existing} already stored (not stored again), {duplicates} probable duplicates; {signals} signals raised',
  },
  importCountsDone: {
    zh: '{rows} 行，{sources} 个来源；触发 {signals} 条预警信号',
    en: '{rows} rows, {sources} sources; {signals} signals raised',
  },
  importNothingWritten: {
    zh: '{name} 未导入任何数据，请按下表修改后重新上传',
    en: 'Nothing from {name} was imported; correct the rows below and upload it again',
  },
  close: { zh: '关闭', en: 'Close' },
};
