// Texts of the registry's side-menu entries.

export const menuText = {
  menuDashboard: { zh: '首页概览', en: 'Overview' },
  menuAreas: { zh: '区划树', en: 'Area tree' },
  menuInstitutions: { zh: '医疗卫生机构', en: 'Institutions' },
  menuReport: { zh: '年报填报', en: 'Yearly report' },
  menuPopulation: { zh: '人口填报', en: 'Population' },
  menuImport: { zh: '数据导入', en: 'Import' },
  menuExport: { zh: '数据导出', en: 'Export' },
};
