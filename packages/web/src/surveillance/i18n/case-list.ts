// Texts of case-list: each key with its Chinese and English side by side.

export const caseListText = {
  filterDisease: { zh: '病种', en: 'Disease' },
  colCaseId: { zh: '编号', en: 'No.' },
  totalCases: { zh: '共 {total} 张报告卡', en: '{total} reports' },
  onsetFrom: { zh: '发病日期自', en: 'Onset from' },
  onsetTo: { zh: '至', en: 'to' },
  onlyDuplicates: { zh: '仅疑似重卡', en: 'Probable duplicates only' },
  onlyLate: { zh: '仅迟报', en: 'Late reports only' },
  findByCitizenId: { zh: '按身份证号查找', en: 'Find by citizen ID' },
  sexAge: { zh: '性别/年龄', en: 'Sex/age' },
  minutes: { zh: '{n} 分钟', en: '{n} min' },
  hoursShort: { zh: '{n} 小时', en: '{n} h' },
  daysShort: { zh: '{n} 天', en: '{n} days' },
  flags: { zh: '标记', en: 'Flags' },
  duplicate: { zh: '重卡', en: 'Duplicate' },
};
