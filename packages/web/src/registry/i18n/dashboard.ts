// Texts of dashboard: each key with its Chinese and English side by side.

export const dashboardText = {
  vsLastYear: { zh: '较上年', en: 'vs last year' },
  noPrevious: { zh: '无上年数据', en: 'No data for last year' },
  dashboardTitle: { zh: '{area} · {year}年概览', en: '{area} · {year} overview' },
  totals: { zh: '总量', en: 'Totals' },
  ratios: { zh: '每千/万人口指标', en: 'Per-population ratios' },
  childrenEmpty: { zh: '该区域没有下级区域', en: 'This area has no sub-areas' },
  colourBy: { zh: '着色指标', en: 'Colour by' },
};
