// Texts of the follow-up and check forms.

export const followupFormText = {
  followupTitle: { zh: '{program}随访 · {name}', en: '{program} follow-up · {name}' },
  followupHint: {
    zh: '输入收缩压、舒张压（糖尿病再输入空腹血糖），按回车保存；用药默认不变，日期默认今天。',
    en: 'Type systolic, diastolic (and fasting glucose for diabetes), then Enter saves; medication unchanged, date today.',
  },
  sbpRange: { zh: '收缩压应为 40–300 mmHg 的整数', en: 'Systolic must be a whole number 40–300 mmHg' },
  dbpRange: { zh: '舒张压应为 20–200 mmHg 的整数', en: 'Diastolic must be a whole number 20–200 mmHg' },
  dbpBelowSbp: { zh: '舒张压应低于收缩压', en: 'Diastolic must be below systolic' },
  fbgRange: { zh: '空腹血糖应为 0.5–49.9 mmol/L', en: 'Fasting glucose must be 0.5–49.9 mmol/L' },
  medicationUnchanged: { zh: '用药不变', en: 'Medication unchanged' },
  classificationAuto: { zh: '按规则自动判定', en: 'By the rules' },
  assessing: { zh: '判定中…', en: 'Assessing…' },
  proposal: {
    zh: '判定：{classification}；下次随访 {nextDue}',
    en: 'Assessment: {classification}; next due {nextDue}',
  },
  urgentBanner: {
    zh: '血压/血糖达到危急值：请紧急转诊并在2周内追踪',
    en: 'Critical reading: refer urgently and follow up within 2 weeks',
  },
  referralBanner: {
    zh: '连续两次控制不满意：建议转诊',
    en: 'Uncontrolled twice in a row: referral suggested',
  },
  followupSaved: { zh: '随访已保存，下次随访 {nextDue}', en: 'Follow-up saved; next due {nextDue}' },
  note: { zh: '备注', en: 'Note' },
  moreFields: { zh: '更多（日期、方式、用药、分类）', en: 'More (date, mode, medication, classification)' },
  checkTitle: { zh: '{type} · {name}', en: '{type} · {name}' },
  checkComplete: { zh: '体检项目完整', en: 'Complete check' },
  checkSaved: { zh: '检查已记录', en: 'Check recorded' },
  dateFuture: { zh: '日期不能晚于今天', en: 'The date cannot be after today' },
};
