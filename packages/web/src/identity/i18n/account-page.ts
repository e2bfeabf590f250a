// Texts of the account page: each key with its Chinese and English side by side.

export const accountPageText = {
  accountTitle: { zh: '账号与密码', en: 'Account & password' },
  accountUser: { zh: '用户名', en: 'Username' },
  accountName: { zh: '名称', en: 'Name' },
  accountRole: { zh: '角色', en: 'Role' },
  accountScope: { zh: '管辖范围', en: 'Scope' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  mustChangeTitle: { zh: '请先修改初始密码', en: 'Choose your own password first' },
  mustChangeBody: {
    zh: '您的密码由管理员设置。按安全要求，须改为只有您知道的密码后才能继续使用平台。',
    en: 'An administrator set your password. Choose one only you know before going on.',
  },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  confirmPassword: { zh: '确认新密码', en: 'Repeat the new password' },
  passwordsDiffer: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  passwordChanged: {
    zh: '密码已修改，其他设备上的登录已全部退出',
    en: 'Password changed; every other session has been signed out',
  },
  signOut: { zh: '退出登录', en: 'Sign out' },
};
