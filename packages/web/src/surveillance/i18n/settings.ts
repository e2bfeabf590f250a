// Texts of settings: each key with its Chinese and English side by side.

export const settingsText = {
  areaLevel_county: { zh: '县级', en: 'County' },
  areaLevel_township: { zh: '乡镇级', en: 'Township' },
  settingsTitle: { zh: '病种与算法设置', en: 'Diseases and algorithms' },
  settingsReadOnly: {
    zh: '仅市级用户和平台管理员可以修改设置',
    en: 'Only city users and platform administrators can change settings',
  },
  searchDisease: { zh: '编码或名称', en: 'Code or name' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  diseaseClass: { zh: '类别', en: 'Class' },
  deadline: { zh: '报告时限', en: 'Report deadline' },
  hoursN: { zh: '{n} 小时', en: '{n} h' },
  fixedRules: { zh: '固定阈值', en: 'Fixed thresholds' },
  immediateSingle: { zh: '单例预警', en: 'Single case' },
  clusterRule: { zh: '{days} 天内同一学校/村 ≥{cases} 例', en: '≥{cases} in one school/village within {days} days' },
  clusterCases: { zh: '聚集病例数阈值', en: 'Cluster cases' },
  clusterDays: { zh: '聚集时间窗（天）', en: 'Cluster window (days)' },
  paramsHint: {
    zh: 'JSON，参数名与 R surveillance 控制参数一致，如 {"b":4,"w":3,"alpha":0.01}',
    en: 'JSON with the names of R surveillance’s control lists, e.g. {"b":4,"w":3,"alpha":0.01}',
  },
  paramsInvalid: { zh: '参数须为 JSON 对象', en: 'Parameters must be a JSON object' },
  frequency: { zh: '频率', en: 'Frequency' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  streamEnabledHint: {
    zh: '停用后不再接收该数据流的数据，也不再对其检测',
    en: 'A disabled stream takes no counts and is not monitored',
  },
  staleSettings: {
    zh: '设置已被他人修改，请关闭后重新打开',
    en: 'Someone else changed the settings; close and reopen',
  },
  addStream: { zh: '新增数据流', en: 'Add a stream' },
  builtin: { zh: '内置', en: 'Built-in' },
  streamCodeHint: {
    zh: '小写字母开头，仅含小写字母、数字和连字符',
    en: 'Lower-case letter first; lower-case letters, digits and hyphens',
  },
  kind_custom: { zh: '自定义', en: 'Custom' },
};
