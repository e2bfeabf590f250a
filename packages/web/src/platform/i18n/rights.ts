// Texts of the shell's refusals and read-only notices: each key with its Chinese and English side by side.

export const rightsText = {
  pageRefusedTitle: { zh: '此页面不适用于您的角色', en: 'This page is not for your role' },
  need_readArea: {
    zh: '您的角色（{role}）不能查看区域数据，只能查看本机构的数据。',
    en: 'Your role ({role}) cannot see area-level data, only its own institution’s.',
  },
  need_writeArea: {
    zh: '您的角色（{role}）不能修改区域数据。',
    en: 'Your role ({role}) cannot change area-level data.',
  },
  need_readInstitution: {
    zh: '您的角色（{role}）不能查看机构数据。',
    en: 'Your role ({role}) cannot see institutions.',
  },
  need_writeInstitution: {
    zh: '您的角色（{role}）不能填报或修改机构数据。',
    en: 'Your role ({role}) cannot report or change institution data.',
  },
  need_configure: {
    zh: '您的角色（{role}）不能修改预警设置与数据源。',
    en: 'Your role ({role}) cannot change detector settings or streams.',
  },
  need_administer: { zh: '仅平台管理员可使用此页面。', en: 'Platform administrators only.' },
  need_scope: { zh: '此页面不适用于{role}的范围。', en: 'This page does not apply to the scope of a {role}.' },
  readOnlyHint: {
    zh: '您的角色（{role}）只能查看，不能保存、导入或修改',
    en: 'Your role ({role}) is read-only: it cannot save, import or change',
  },
  scopeInstitution: { zh: '本机构', en: 'My institution' },
};
