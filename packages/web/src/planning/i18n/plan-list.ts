// Texts of plan-list: each key with its Chinese and English side by side.

export const planListText = {
  indicatorCount: { zh: '指标数', en: 'Indicators' },
  statusSummary: { zh: '监测状态（{year}年）', en: 'Status ({year})' },
  noPlans: {
    zh: '尚无规划。可从“规划导入”导入规划指标表。',
    en: 'No plans yet. Import a plan indicator table under “Import plan”.',
  },
};
