// Texts of evaluation: each key with its Chinese and English side by side.

export const evaluationText = {
  evaluationTitle: { zh: '算法评估', en: 'Algorithm evaluation' },
  evaluationIntro: {
    zh: '在带有已知暴发（起始时间与规模已知）的季节性负二项模拟序列上比较各预警算法，可用固定随机种子复现，帮助为病种选择算法。',
    en: 'Detectors compared on seasonal negative-binomial simulated series with injected outbreaks of known start and size, reproducible with a seed, to help choose an algorithm per disease.',
  },
  seed: { zh: '随机种子', en: 'Seed' },
  seriesPerScenario: { zh: '每场景序列数', en: 'Series per scenario' },
  defaultAlgorithms: { zh: '默认比较的算法', en: 'Default detectors' },
  evaluationMeta: {
    zh: '每条序列 {weeks} 周，评估最后 {evalWeeks} 周，每场景 {series} 条序列',
    en: '{weeks} weeks per series, last {evalWeeks} evaluated, {series} series per scenario',
  },
  scenario_rare: { zh: '罕见病（低发）', en: 'Rare disease' },
  sensitivity: { zh: '灵敏度', en: 'Sensitivity' },
  falseAlarmRate: { zh: '误报率', en: 'False-alarm rate' },
  timeToDetection: { zh: '平均发现时间（周）', en: 'Mean time to detection (weeks)' },
  detectedOutbreaks: { zh: '发现暴发', en: 'Outbreaks detected' },
  alarms: { zh: '报警数', en: 'Alarms' },
  undecided: { zh: '无法判定', en: 'Undecided' },
  runTime: { zh: '耗时', en: 'Time' },
  cannotRun: { zh: '不适用', en: 'n/a' },
  simulationTitle: { zh: '模拟序列示例', en: 'A simulated series' },
  outbreakCases: { zh: '暴发病例', en: 'Outbreak cases' },
  baselineMean: { zh: '基线均值', en: 'Baseline mean' },
  evaluationDefinitions: {
    zh: '灵敏度：至少报警一次的暴发 / 全部暴发；误报率：无暴发周中的报警 / 无暴发周数；阳性预测值：暴发周中的报警 / 全部报警；发现时间：暴发开始到首次报警的周数（已发现的暴发）。绿色为该场景中最优。',
    en: 'Sensitivity: outbreaks with at least one alarm over all outbreaks; false-alarm rate: alarms in weeks without outbreak cases over such weeks; PPV: alarms in outbreak weeks over all alarms; time to detection: weeks from an outbreak’s start to its first alarm (detected outbreaks). Green marks the best in the scenario.',
  },
};
