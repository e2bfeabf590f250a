// Texts of the institution administration (新增/编辑机构, 撤销/恢复): each key with its Chinese and English side by side.

export const institutionAdminText = {
  adminNew: { zh: '新增机构', en: 'New institution' },
  adminEdit: { zh: '编辑', en: 'Edit' },
  adminCreateTitle: { zh: '新增医疗卫生机构', en: 'New institution' },
  adminEditTitle: { zh: '编辑：{name}', en: 'Edit: {name}' },
  adminSave: { zh: '保存', en: 'Save' },
  adminName: { zh: '机构名称', en: 'Name' },
  adminRequired: { zh: '必填', en: 'Required' },
  adminProblems: { zh: '有 {count} 处需要修改', en: '{count} problems to fix' },
  adminCreated: { zh: '已新增 {name}', en: '{name} created' },
  adminSaved: { zh: '已保存 {name}', en: '{name} saved' },
  adminUsccHint: {
    zh: '18 位，末位为校验码；没有可不填',
    en: '18 characters, the last a check character; leave empty when there is none',
  },
  adminAreaHint: {
    zh: '机构所在的县（市、区）、乡镇（街道）或村（社区）',
    en: 'The county, township or village the institution lies in',
  },
  adminLng: { zh: '经度', en: 'Longitude' },
  adminLat: { zh: '纬度', en: 'Latitude' },
  adminNetworkHint: {
    zh: '县域医共体只收本县（市、区）的机构，城市医疗集团收本市的机构',
    en: 'A county medical community takes its county’s institutions, an urban medical group its city’s',
  },
  adminOwnStaffHint: {
    zh: '机构用户可修改名称、统一社会信用代码、坐标和开业日期；类别、等级、所在地和医联体由卫生健康行政部门维护',
    en: 'Institution staff edit the name, credit code, coordinates and opening date; the commission keeps the category, grade, place and network',
  },
  adminClose: { zh: '撤销机构', en: 'Close' },
  adminCloseTitle: { zh: '撤销：{name}', en: 'Close: {name}' },
  adminCloseReason: { zh: '撤销原因', en: 'Reason' },
  adminCloseHint: {
    zh: '撤销后机构仍保留在名录中（标为已撤销），历年年报、报告卡和医联体记录不受影响；误操作可恢复。',
    en: 'A closed institution stays in the registry (marked closed) with its yearly reports, cards and network history; a mistake can be undone.',
  },
  adminClosedDone: { zh: '已撤销 {name}', en: '{name} closed' },
  adminClosedTag: { zh: '已撤销', en: 'Closed' },
  adminClosedBanner: { zh: '该机构已于 {date} 撤销', en: 'Closed on {date}' },
  adminClosedReason: { zh: '原因：{reason}', en: 'Reason: {reason}' },
  adminReopen: { zh: '恢复', en: 'Reopen' },
  adminReopenConfirm: {
    zh: '恢复 {name}？撤销日期和原因将被清除。',
    en: 'Reopen {name}? The closing date and reason are cleared.',
  },
  adminReopened: { zh: '已恢复 {name}', en: '{name} reopened' },
};
