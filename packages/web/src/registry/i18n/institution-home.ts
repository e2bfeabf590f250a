// Texts of institution-home (an institution user's home page): each key with its Chinese and English side by side.

export const institutionHomeText = {
  homeReportTitle: { zh: '{year}年年报', en: 'Yearly report {year}' },
  homeReportDone: { zh: '已填报（第 {version} 版，{at}）', en: 'Reported (version {version}, {at})' },
  homeReportMissing: { zh: '尚未填报', en: 'Not reported yet' },
  homeReportFill: { zh: '填报{year}年年报', en: 'Fill in the {year} report' },
  homeReportEdit: { zh: '修改{year}年年报', en: 'Edit the {year} report' },
  homeReportView: { zh: '查看年报', en: 'View the report' },
  homeFigures: { zh: '{year}年主要资源', en: 'Main resources, {year}' },
  homeCasesTitle: { zh: '本机构传染病报告卡', en: 'Case reports of this institution' },
  homeCasesTotal: { zh: '共 {total} 张，其中逾期报告 {late} 张', en: '{total} in all, {late} reported late' },
  homeCasesNone: { zh: '本机构尚无报告卡', en: 'No case reports yet' },
  homeCaseNew: { zh: '报告病例', en: 'Report a case' },
  homeCasesAll: { zh: '全部报告卡', en: 'All case reports' },
  homeCaseLate: { zh: '逾期', en: 'Late' },
  homeCaseTimely: { zh: '及时', en: 'On time' },
  homeInstitutionDetail: { zh: '机构详情', en: 'Institution details' },
  homeNoInstitution: {
    zh: '您的账号未绑定机构，请联系平台管理员',
    en: 'Your account is bound to no institution; ask the platform administrator',
  },
};
