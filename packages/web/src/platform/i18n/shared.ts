// Texts used by several pages, or looked up by a computed key (status_…, kind_…): each key with its Chinese and English side by side.

export const sharedText = {
  appName: { zh: '卫健', en: 'Weijian' },
  signInTitle: { zh: '登录卫健平台', en: 'Sign in to Weijian' },
  username: { zh: '用户名', en: 'Username' },
  synthetic: { zh: '合成数据', en: 'Synthetic data' },
  area: { zh: '区域', en: 'Area' },
  year: { zh: '年份', en: 'Year' },
  language: { zh: '语言', en: 'Language' },
  loading: { zh: '加载中…', en: 'Loading…' },
  loadFailed: { zh: '加载失败', en: 'Loading failed' },
  retry: { zh: '重试', en: 'Retry' },
  role_admin: { zh: '平台管理员', en: 'Platform administrator' },
  role_city: { zh: '市级用户', en: 'City user' },
  role_county: { zh: '县级用户', en: 'County user' },
  role_institution: { zh: '机构用户', en: 'Institution user' },
  role_readonly: { zh: '只读用户', en: 'Read-only user' },
  total: { zh: '共 {total} 条', en: '{total} in all' },
};
