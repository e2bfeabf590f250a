// Texts of display: each key with its Chinese and English side by side.

export const displayText = {
  provenance: { zh: '数据来源', en: 'Provenance' },
  prov_computed_surveillance: { zh: '由传染病监测计算', en: 'Computed from surveillance' },
  prov_aggregated: { zh: '由下级区域汇总', en: 'Summed from the areas below' },
  provSource: { zh: '来源', en: 'Source' },
  provAsOf: { zh: '更新时间', en: 'Updated' },
  provComponents: { zh: '计算分量', en: 'Components' },
  provBy: { zh: '填报人', en: 'Entered by' },
  provOverridden: { zh: '被覆盖的填报值', en: 'Overridden reported value' },
  provModule: { zh: '传染病监测', en: 'Surveillance' },
  provModuleNoData: { zh: '该年尚无数据，取填报值', en: 'no data for this year; the reported value applies' },
};
