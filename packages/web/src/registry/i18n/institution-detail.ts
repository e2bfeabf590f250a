// Texts of institution-detail: each key with its Chinese and English side by side.

export const institutionDetailText = {
  colForProfit: { zh: '营利性', en: 'For-profit' },
  attributes: { zh: '基本信息', en: 'Attributes' },
  network: { zh: '医联体', en: 'Medical alliance' },
  networkNone: {
    zh: '未加入医共体或城市医疗集团',
    en: 'Not a member of a county medical community or city medical group',
  },
  networkLead: { zh: '牵头机构', en: 'Lead institution' },
  networkRoleLead: { zh: '牵头单位', en: 'Lead' },
  networkRoleMember: { zh: '成员单位', en: 'Member' },
  networkMembers: { zh: '共 {count} 家成员单位', en: '{count} members' },
  coordinates: { zh: '坐标', en: 'Coordinates' },
  opened: { zh: '开业日期', en: 'Opened' },
  resourcesOverYears: { zh: '历年资源', en: 'Resources over the years' },
  resourcesEmpty: { zh: '尚无年报数据', en: 'No yearly reports yet' },
  chartFields: { zh: '图表指标', en: 'Chart fields' },
  field: { zh: '指标', en: 'Field' },
  enterReport: { zh: '填报年报', en: 'Enter yearly report' },
};
