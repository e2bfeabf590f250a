// Texts of the user administration page: each key with its Chinese and English side by side.

export const usersPageText = {
  usersTitle: { zh: '用户管理', en: 'Users' },
  colUsername: { zh: '用户名', en: 'Username' },
  colName: { zh: '名称', en: 'Name' },
  colRole: { zh: '角色', en: 'Role' },
  colScope: { zh: '管辖范围', en: 'Scope' },
  colState: { zh: '状态', en: 'State' },
  colActions: { zh: '操作', en: 'Actions' },
  stateActive: { zh: '启用', en: 'Active' },
  stateInactive: { zh: '已停用', en: 'Deactivated' },
  stateMustChange: { zh: '待改初始密码', en: 'Must change password' },
  institutionScope: { zh: '机构 #{id}', en: 'Institution #{id}' },
  platformScope: { zh: '全平台', en: 'Whole platform' },
  deactivate: { zh: '停用', en: 'Deactivate' },
  activate: { zh: '启用', en: 'Activate' },
  deactivateConfirm: {
    zh: '停用 {name}？其所有登录会话将立即结束。',
    en: 'Deactivate {name}? All of their sessions end at once.',
  },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  resetTitle: { zh: '重置 {name} 的密码', en: 'Reset the password of {name}' },
  resetHint: {
    zh: '该用户的所有会话将结束；生产模式下，用户下次登录须改为自己的密码。',
    en: 'All of their sessions end; in production the user must choose their own password at the next sign-in.',
  },
  deactivated: { zh: '已停用 {name}', en: '{name} deactivated' },
  activated: { zh: '已启用 {name}', en: '{name} activated' },
  passwordReset: { zh: '已重置 {name} 的密码', en: 'Password of {name} reset' },
  roleAdmin: { zh: '平台管理员', en: 'Platform administrator' },
  roleCity: { zh: '市级用户', en: 'City user' },
  roleCounty: { zh: '县区级用户', en: 'County user' },
  roleInstitution: { zh: '机构用户', en: 'Institution user' },
  roleReadonly: { zh: '只读用户', en: 'Read-only user' },
  roleResident: { zh: '居民', en: 'Resident' },
};

/** The create/edit form of a user (UserForm.tsx). */
export const userFormText = {
  userNew: { zh: '新增用户', en: 'New user' },
  userEdit: { zh: '编辑', en: 'Edit' },
  userCreateTitle: { zh: '新增用户', en: 'New user' },
  userEditTitle: { zh: '编辑用户 {name}', en: 'Edit {name}' },
  userSave: { zh: '保存', en: 'Save' },
  userCreated: { zh: '已新增用户 {name}', en: 'User {name} created' },
  userSaved: { zh: '已保存 {name}', en: '{name} saved' },
  userUsernameHint: {
    zh: '3–32 位字母、数字或 _ . -，登录时使用，创建后不可修改',
    en: '3–32 letters, digits or _ . -, used to sign in; it cannot be changed later',
  },
  userPassword: { zh: '初始密码', en: 'First password' },
  userScopeArea: { zh: '管辖区域', en: 'Scope area' },
  userScopeHintCity: { zh: '市级用户管辖一个地市', en: 'A city user is scoped to a city' },
  userScopeHintCounty: { zh: '县区级用户管辖一个县（市、区）', en: 'A county user is scoped to a county' },
  userScopeHintReadonly: {
    zh: '只读用户可查看所选区域内的数据',
    en: 'A read-only user reads the data of the chosen area',
  },
  userScopeInstitution: { zh: '所属机构', en: 'Institution' },
  userResidentRecord: { zh: '本人健康档案', en: 'Own health record' },
  userResidentHint: {
    zh: '居民账号只能查看这份档案及其签约、随访和调阅记录',
    en: 'A resident user sees only this record, its contract, follow-ups and who opened it',
  },
  userScopeChangeHint: {
    zh: '修改角色或管辖范围后，该用户的登录会话将结束，需重新登录。',
    en: 'Changing the role or scope ends the user’s sessions; they sign in again.',
  },
};
