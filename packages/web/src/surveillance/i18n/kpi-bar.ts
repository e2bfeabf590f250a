// Texts of kpi-bar: each key with its Chinese and English side by side.

export const kpiBarText = {
  kpiTimeliness: { zh: '响应及时率', en: 'Response timeliness' },
  kpiTimelinessHint: {
    zh: '在核实时限内（红色 2 小时，其他 24 小时）完成初步核实的事件占应核实事件的比例',
    en: 'Events verified within their deadline (2 h for red, 24 h otherwise) over events due',
  },
  kpiMedianResponse: { zh: '响应时间中位数', en: 'Median response time' },
  kpiMedianResponseHint: {
    zh: '从事件产生到核实完成（排除或疑似事件）的小时数中位数',
    en: 'Median hours from an event’s creation to its verification (excluded or suspected)',
  },
  kpiSignalsPerCountyWeek: { zh: '每县每周信号数', en: 'Signals per county per week' },
  kpiSignalsHint: {
    zh: '期间共 {signals} 条信号（不含停报信号），{counties} 个县（市、区）',
    en: '{signals} signals in the period (not counting silent sources), {counties} counties',
  },
  kpiPpv: { zh: '阳性预测值', en: 'Positive predictive value' },
  kpiPpvHint: {
    zh: '确认为突发公共卫生事件的事件 / 全部事件',
    en: 'Events confirmed as public health emergencies over all events',
  },
  kpiEvents: { zh: '事件 / 已核实 / 已确认', en: 'Events / verified / confirmed' },
  kpiEventsHint: {
    zh: '信号时段与统计期间重叠的预警事件数（与下方事件列表相同的筛选）、已完成核实数、已确认数',
    en: 'Events whose signals fell in the period (the list’s filter), verified, confirmed',
  },
  kpiPeriod: { zh: '统计期间 {from} 至 {to}', en: 'Period {from} to {to}' },
  hours: { zh: '小时', en: 'h' },
};
