// Texts of indicator-page: each key with its Chinese and English side by side.

export const indicatorPageText = {
  distance: { zh: '距目标', en: 'To target' },
  definition: { zh: '指标定义', en: 'Definition' },
  catalogueName: { zh: '指标库名称', en: 'Catalogue name' },
  direction: { zh: '方向', en: 'Direction' },
  reportedIndicator: { zh: '填报指标（{source}）', en: 'Reported indicator ({source})' },
  futureSource: { zh: '待{module}模块上线后自动计算', en: 'Computed automatically once the {module} module lands' },
  moduleIndicator: {
    zh: '由{module}模块根据传染病报告卡自动计算；该模块尚无数据的年份（如系统上线前）取填报值',
    en: 'Computed by the {module} module from case reports; years it has no data for (before the system existed) use reported values',
  },
  aliases: { zh: '别名', en: 'Aliases' },
  seriesByArea: { zh: '各区域历年值', en: 'Values by area and year' },
  expectedPath: { zh: '预期进度', en: 'Expected path' },
  mapTitle: { zh: '{year}年各区域分布', en: 'By area, {year}' },
  colourValue: { zh: '按数值', en: 'By value' },
  colourStatus: { zh: '按状态', en: 'By status' },
  byAreaTable: { zh: '{year}年各区域评估', en: 'Evaluation by area, {year}' },
  enterValue: { zh: '填报数值', en: 'Enter a value' },
  enterValueHint: {
    zh: '该指标为填报指标：保存后规划看板的评估立即更新。',
    en: 'A reported indicator: the plan dashboard is re-evaluated as soon as you save.',
  },
  computedHint: {
    zh: '该指标由机构年报与人口数据自动计算，不能直接填报；请修改年报或人口数据。',
    en: 'Computed from the yearly reports and population: it cannot be entered here; edit the reports or population instead.',
  },
  computedByModuleHint: {
    zh: '{year}年的该指标由传染病监测数据自动计算，不能填报；只有监测数据之前的年份可以填报。',
    en: 'For {year} this indicator is computed from surveillance case reports and cannot be entered; values can be entered only for years without surveillance data.',
  },
  overriddenValue: {
    zh: '该年已填报的 {value}（{source}）已被监测计算值覆盖，不再使用。',
    en: 'The value {value} ({source}) entered for this year is overridden by the computed value and no longer used.',
  },
  enterValueModuleHint: {
    zh: '该区域该年尚无传染病监测数据，可填报历史数值；监测数据到位后以计算值为准。',
    en: 'No surveillance data for this area and year: a historical value may be entered; once surveillance has data, the computed value applies.',
  },
  valueSource: { zh: '来源', en: 'Source' },
  valueNote: { zh: '备注', en: 'Note' },
  valueSaved: {
    zh: '已保存：{area} {year}年 = {value}。看板已更新（{status}）。',
    en: 'Saved: {area} {year} = {value}. Dashboard updated ({status}).',
  },
  valueDeleted: { zh: '已删除该数值', en: 'Value deleted' },
  deleteValue: { zh: '删除该值', en: 'Delete value' },
  existingValue: {
    zh: '现有值：{value}（第 {version} 版，{by}）',
    en: 'Current value: {value} (version {version}, {by})',
  },
  newValue: { zh: '该区域该年份尚无填报值', en: 'No value entered for this area and year yet' },
  conflict: {
    zh: '该数值已被他人修改，已重新加载，请再次保存。',
    en: 'Someone else changed this value; it has been reloaded, save again.',
  },
  liveStatus: { zh: '看板当前状态', en: 'Status on the dashboard' },
  editTarget: { zh: '结构化目标', en: 'Structure target' },
};
