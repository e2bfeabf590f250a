// Texts of report-entry: each key with its Chinese and English side by side.

export const reportEntryText = {
  reportTitle: { zh: '年报填报', en: 'Yearly report' },
  reportFor: { zh: '{name} · {year}年', en: '{name} · {year}' },
  chooseInstitution: { zh: '选择机构', en: 'Institution' },
};
