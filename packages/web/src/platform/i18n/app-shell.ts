// Texts of app-shell: each key with its Chinese and English side by side.

export const appShellText = {
  signOut: { zh: '退出登录', en: 'Sign out' },
  syntheticHint: {
    zh: '本实例展示的是合成的演示数据，不代表真实统计',
    en: 'This instance shows synthetic demonstration data, not real statistics',
  },
  yearSuffix: { zh: '{year}年', en: '{year}' },
};
