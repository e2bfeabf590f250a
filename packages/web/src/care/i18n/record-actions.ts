// Texts of the record's actions (结案, cancel a contract, conditions, merge), the record picker and the import page.

export const recordActionsText = {
  pickerHint: { zh: '输入身份证号、手机号或姓名查找档案', en: 'Type a citizen ID, phone or name to find the record' },
  pickerNone: { zh: '未找到档案', en: 'No record found' },
  pickerRecord: { zh: '档案 #{id}（县区 {county}）', en: 'Record #{id} (county {county})' },
};
