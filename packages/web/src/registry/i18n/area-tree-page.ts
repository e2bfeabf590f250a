// Texts of area-tree-page: each key with its Chinese and English side by side.

export const areaTreePageText = {
  areaTree: { zh: '区划树', en: 'Area tree' },
  areaDetail: { zh: '区域信息', en: 'Area' },
  urbanRural: { zh: '城乡分类', en: 'Urban-rural class' },
  validFrom: { zh: '生效日期', en: 'Valid from' },
  validTo: { zh: '失效日期', en: 'Valid to' },
  successor: { zh: '继承区域', en: 'Successor' },
  setCurrentArea: { zh: '设为当前区域', en: 'Make current area' },
  viewInstitutions: { zh: '查看机构', en: 'Institutions' },
  selectAreaHint: { zh: '在左侧选择一个区域', en: 'Choose an area on the left' },
};
