// Texts of population-entry: each key with its Chinese and English side by side.

export const populationEntryText = {
  populationCountyOnly: {
    zh: '人口数据填报到县级及以下区划，请选择县（市、区）、乡镇或村',
    en: 'Population is recorded for counties and below; choose a county, township or village',
  },
  populationTitle: { zh: '人口填报', en: 'Population' },
  populationRolledUp: {
    zh: '本区域汇总常住人口（含下级区域）：{value}',
    en: 'resident population of this area including its sub-areas: {value}',
  },
  populationFor: { zh: '{area} · {year}年', en: '{area} · {year}' },
};
