// Texts of case-detail: each key with its Chinese and English side by side.

export const caseDetailText = {
  backToCases: { zh: '← 报告卡列表', en: '← Case reports' },
  caseDetailTitle: { zh: '报告卡 {id}', en: 'Case report {id}' },
  identityMaskedNotice: {
    zh: '身份信息已脱敏：您的角色不能查看完整身份证号和电话。本次查看已记入审计日志。',
    en: 'Identifiers are masked: your role cannot see the full citizen ID and phone. This read was written to the audit log.',
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
