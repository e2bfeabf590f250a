// Texts of menu: each key with its Chinese and English side by side.

export const menuText = {
  menuSurveillance: { zh: '传染病预警', en: 'Early warning' },
  menuEvents: { zh: '预警信号/事件', en: 'Signals and events' },
  menuCases: { zh: '传染病报告卡', en: 'Case reports' },
  menuCaseNew: { zh: '填报报告卡', en: 'Report a case' },
  menuStreams: { zh: '数据源状态', en: 'Source status' },
  menuSettings: { zh: '病种与算法设置', en: 'Diseases and algorithms' },
  menuEvaluation: { zh: '算法评估', en: 'Algorithm evaluation' },
};
