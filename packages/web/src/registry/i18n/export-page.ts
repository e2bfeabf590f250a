// Texts of export-page: each key with its Chinese and English side by side.

export const exportPageText = {
  exportTitle: { zh: '数据导出', en: 'Export' },
  exportKind: { zh: '数据类型', en: 'Data' },
  exportArea: { zh: '区域', en: 'Area' },
  exportYear: { zh: '年份', en: 'Year' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  exportHint: { zh: '导出范围限于您有权限的区域', en: 'Exports are limited to the areas you may see' },
};
