// Texts of audit-log: each key with its Chinese and English side by side.

export const auditLogText = {
  auditAction: { zh: '操作', en: 'Action' },
  auditUser: { zh: '用户', en: 'User' },
  auditTime: { zh: '时间', en: 'Time' },
  auditEntity: { zh: '对象', en: 'Record' },
  auditIp: { zh: '来源地址', en: 'Address' },
  auditBefore: { zh: '修改前', en: 'Before' },
  auditAfter: { zh: '修改后', en: 'After' },
  auditTitle: { zh: '审计日志', en: 'Audit log' },
  auditSearch: { zh: '查询', en: 'Search' },
  auditReset: { zh: '重置', en: 'Reset' },
  auditNone: { zh: '（无）', en: '(none)' },
};
