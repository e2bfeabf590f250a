// The keyset pager of every list (CursorPager.tsx).

export const pagerText = {
  pagerPage: { zh: '第 {page} 页', en: 'Page {page}' },
  pagerPrev: { zh: '上一页', en: 'Previous' },
  pagerNext: { zh: '下一页', en: 'Next' },
  pagerSize: { zh: '{size} 条/页', en: '{size} / page' },
};
