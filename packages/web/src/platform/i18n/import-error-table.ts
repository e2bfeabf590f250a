// Texts of import-error-table: each key with its Chinese and English side by side.

export const importErrorTableText = {
  importErrRow: { zh: '行', en: 'Row' },
  importErrColumn: { zh: '列', en: 'Column' },
  importErrFile: { zh: '文件', en: 'File' },
  importErrReason: { zh: '原因', en: 'Reason' },
};
