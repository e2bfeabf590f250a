// Texts of institution-list: each key with its Chinese and English side by side.

export const institutionListText = {
  institutionsTitle: { zh: '医疗卫生机构', en: 'Health institutions' },
  filterCategory: { zh: '机构类别', en: 'Category' },
  filterGrade: { zh: '等级', en: 'Grade' },
  filterOwnership: { zh: '经济类型', en: 'Ownership' },
  filterName: { zh: '名称或统一社会信用代码', en: 'Name or credit code' },
  colName: { zh: '机构名称', en: 'Name' },
  totalCount: { zh: '共 {total} 家机构', en: '{total} institutions' },
};
