// Texts of menu: each key with its Chinese and English side by side.

export const menuText = {
  planMonitoring: { zh: '规划监测', en: 'Plan monitoring' },
};
