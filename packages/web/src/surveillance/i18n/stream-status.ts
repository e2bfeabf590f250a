// Texts of stream-status: each key with its Chinese and English side by side.

export const streamStatusText = {
  filterStream: { zh: '数据流', en: 'Stream' },
  colStatus: { zh: '状态', en: 'Status' },
  colSourceName: { zh: '报告单位', en: 'Source' },
  colStream: { zh: '数据流', en: 'Stream' },
  totalSources: { zh: '共 {total} 个数据源', en: '{total} sources' },
  streamStatusTitle: { zh: '数据源状态', en: 'Source status' },
  lastReport: { zh: '最近报送', en: 'Last report' },
  firstReport: { zh: '首次报送', en: 'First report' },
  daysSince: { zh: '距今', en: 'Since' },
  cadence: { zh: '报送频率', en: 'Cadence' },
  everyNDays: { zh: '每 {n} 天', en: 'every {n} days' },
  reportDays: { zh: '报送天数', en: 'Days reported' },
  sourcesTruncated: {
    zh: '仅显示最久未报的 {shown} 个数据源（共 {total} 个），请按区域或数据流筛选',
    en: 'Showing the {shown} most overdue of {total} sources: filter by area or stream',
  },
};
