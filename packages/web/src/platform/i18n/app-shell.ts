// Texts of app-shell: each key with its Chinese and English side by side.

export const appShellText = {
  signOut: { zh: '退出登录', en: 'Sign out' },
  syntheticHint: {
    zh: '本实例展示的是合成的演示数据，不代表真实统计',
    en: 'This instance shows synthetic demonstration data, not real statistics',
  },
  yearSuffix: { zh: '{year}年', en: '{year}' },
  menuDashboard: { zh: '首页概览', en: 'Overview' },
  menuAreas: { zh: '区划树', en: 'Area tree' },
  menuInstitutions: { zh: '医疗卫生机构', en: 'Institutions' },
  menuReport: { zh: '年报填报', en: 'Yearly report' },
  menuPopulation: { zh: '人口填报', en: 'Population' },
  menuImport: { zh: '数据导入', en: 'Import' },
  menuExport: { zh: '数据导出', en: 'Export' },
  menuAudit: { zh: '审计日志', en: 'Audit log' },
};
