// Texts of case-form: each key with its Chinese and English side by side.

export const caseFormText = {
  caseFormTitle: { zh: '传染病报告卡', en: 'Infectious disease report card' },
  sectionReporter: { zh: '报告单位', en: 'Reporter' },
  parentNameHint: { zh: '14 岁以下患儿填写', en: 'For children under 14' },
  citizenIdHint: {
    zh: '18 位，末位校验码由服务器核对；列表中脱敏显示',
    en: '18 characters; the server checks the check digit; masked in lists',
  },
  sexHint: { zh: '填写身份证号时按身份证号判定', en: 'Taken from the citizen ID when one is given' },
  ageHint: { zh: '不知道出生日期时填写', en: 'When the birth date is unknown' },
  addressHint: { zh: '选择到乡镇（街道）或村（居）', en: 'A township or village' },
  addressPlaceholder: { zh: '选择乡镇或村', en: 'Choose a township or village' },
  submitCase: { zh: '提交报告卡', en: 'Submit report' },
  caseCreated: { zh: '报告卡已提交', en: 'Report submitted' },
  caseExists: { zh: '该报告卡已提交过（未重复保存）', en: 'This report was already submitted (not stored twice)' },
  caseId: { zh: '登记号：{id}', en: 'Registration no. {id}' },
  caseRaisedSignals: {
    zh: '触发 {signals} 条预警信号，涉及 {events} 个预警事件',
    en: 'Raised {signals} signals in {events} events',
  },
  caseEventLinks: { zh: '该报告卡所在的预警事件：', en: 'Early-warning events of this report:' },
  viewCase: { zh: '查看报告卡', en: 'View report' },
  viewEvents: { zh: '查看预警事件', en: 'View events' },
};
