// Texts of the care menu.

export const menuText = {
  menuCare: { zh: '基本公卫与家医', en: 'Primary care' },
  menuWorklist: { zh: '随访工作清单', en: 'Work list' },
  menuResidents: { zh: '居民健康档案', en: 'Health records' },
  menuTeams: { zh: '家医团队', en: 'Family-doctor teams' },
  menuContracts: { zh: '签约管理', en: 'Contracts' },
  menuIndicators: { zh: '公卫指标', en: 'Care indicators' },
  menuMe: { zh: '我的健康档案', en: 'My health record' },
};
