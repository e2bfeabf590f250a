// Texts of plan-dashboard: each key with its Chinese and English side by side.

export const planDashboardText = {
  all: { zh: '全部', en: 'All' },
  evaluatedAt: { zh: '评估时间 {time}', en: 'Evaluated {time}' },
  dashboardSub: { zh: '{area} · {year}年监测', en: '{area} · monitoring {year}' },
  filterDomain: { zh: '领域', en: 'Domain' },
  filterNature: { zh: '指标性质', en: 'Nature' },
  domainNone: { zh: '未分组', en: 'Ungrouped' },
  indicator: { zh: '指标', en: 'Indicator' },
  indicatorsShown: { zh: '显示 {shown} / {total} 项指标', en: '{shown} of {total} indicators' },
  resetFilters: { zh: '清除筛选', en: 'Clear filters' },
  areaTarget: { zh: '本区域单独目标', en: 'Own target for this area' },
  baselineObserved: { zh: '基期值取自 {year} 年实际数据', en: 'Baseline taken from the {year} data' },
};
