// Texts of the menu: each key with its Chinese and English side by side.

export const menuText = {
  menuAccount: { zh: '账号与密码', en: 'Account & password' },
  menuUsers: { zh: '用户管理', en: 'Users' },
};
