// Texts of import-wizard: each key with its Chinese and English side by side.

export const importWizardText = {
  stepKind: { zh: '选择数据类型', en: 'Choose data' },
  stepUpload: { zh: '上传并校验', en: 'Upload and check' },
  stepImport: { zh: '导入', en: 'Import' },
  downloadTemplate: { zh: '下载模板', en: 'Download template' },
  templateCsv: { zh: 'CSV 模板', en: 'CSV template' },
  templateXlsx: { zh: 'Excel 模板', en: 'Excel template' },
  validating: { zh: '正在校验…', en: 'Checking…' },
  validationFailed: {
    zh: '校验未通过：{count} 处错误，未写入任何数据',
    en: 'Check failed: {count} errors, nothing was written',
  },
  validationOk: { zh: '校验通过：{rows} 行数据可以导入', en: 'Check passed: {rows} rows can be imported' },
  importNow: { zh: '确认导入', en: 'Import' },
  importing: { zh: '正在导入…', en: 'Importing…' },
  imported: { zh: '导入完成：写入 {count} 行', en: 'Imported: {count} rows written' },
  insertedUpdated: { zh: '新增 {inserted} 条，更新 {updated} 条', en: '{inserted} new, {updated} updated' },
  startOver: { zh: '重新开始', en: 'Start over' },
  prev: { zh: '上一步', en: 'Back' },
};
