// Texts of case-detail: each key with its Chinese and English side by side.

export const caseDetailText = {
  backToCases: { zh: '← 报告卡列表', en: '← Case reports' },
  caseDetailTitle: { zh: '报告卡 {id}', en: 'Case report {id}' },
  identityMaskedNotice: {
    zh: '个人信息已脱敏：身份证号仅显示末位，电话仅显示末四位，只显示年龄不显示出生日期，住址只到乡镇，家长姓名、详细地址、工作单位和备注不显示。本次查看已记入审计日志。',
    en: 'Personal data masked: the citizen ID shows its last character, the phone its last four digits, the age instead of the birth date, the address down to the township; parent name, detailed address, workplace and remarks are withheld. This read was written to the audit log.',
  },
  identityFullNotice: {
    zh: '显示完整身份信息：请仅用于疫情处置。本次查看已记入审计日志。',
    en: 'Full identifiers shown: use them for the outbreak response only. This read was written to the audit log.',
  },
  correctCase: { zh: '订正报告卡', en: 'Correct the report' },
  deleteCase: { zh: '删除报告卡', en: 'Delete the report' },
  reason: { zh: '原因', en: 'Reason' },
  reasonRequired: { zh: '请填写原因', en: 'A reason is required' },
  staleCase: { zh: '报告卡已被他人修改，请刷新后重试', en: 'Someone else changed the report; reload and try again' },
  caseHistory: { zh: '订正与删除记录', en: 'Corrections and deletion' },
  showHistory: { zh: '查看记录', en: 'Show' },
  historyHint: { zh: '查看记录将写入审计日志', en: 'Showing the history is written to the audit log' },
  noHistory: { zh: '没有订正或删除记录', en: 'No corrections or deletion' },
  historyAction: { zh: '操作', en: 'Action' },
  byUser: { zh: '操作人', en: 'By' },
  at: { zh: '时间', en: 'At' },
};
