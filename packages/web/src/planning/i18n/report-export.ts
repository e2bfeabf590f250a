// Texts of report-export: each key with its Chinese and English side by side.

export const reportExportText = {
  reports: { zh: '报告导出', en: 'Reports' },
  reportAnnual: { zh: '年度监测报告', en: 'Annual monitoring report' },
  reportMidterm: { zh: '中期评估报告', en: 'Mid-term evaluation' },
  reportFinal: { zh: '末期评估报告', en: 'Final evaluation' },
};
