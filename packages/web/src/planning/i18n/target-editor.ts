// Texts of target-editor: each key with its Chinese and English side by side.

export const targetEditorText = {
  editTargetTitle: { zh: '结构化目标：{name}', en: 'Structure the target: {name}' },
  targetKind: { zh: '目标类型', en: 'Kind' },
  op: { zh: '比较', en: 'Comparison' },
  max: { zh: '上限', en: 'Max' },
  delta: { zh: '变化量（负数为下降）', en: 'Change (negative = decrease)' },
  baseYear: { zh: '比较年份', en: 'Base year' },
  trendDirection: { zh: '方向', en: 'Direction' },
  targetPreview: { zh: '结构化结果：{text}', en: 'Structured: {text}' },
  noTarget: { zh: '无目标值（—）', en: 'No target (—)' },
};
