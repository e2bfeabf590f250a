// Texts of app: each key with its Chinese and English side by side.

export const appText = {
  notFound: { zh: '页面不存在', en: 'Page not found' },
  backHome: { zh: '返回首页', en: 'Back to overview' },
  noRootTitle: { zh: '尚未配置区域', en: 'No area configured' },
  noRootBody: {
    zh: '平台还没有城市数据。请运行 weijian demo 创建演示城市，或在地址后加 ?root=区划代码（如 ?root=4107）。',
    en: 'The platform has no city yet. Run weijian demo to create the demo city, or add ?root=CODE to the address (e.g. ?root=4107).',
  },
};
