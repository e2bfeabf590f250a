// Texts of login-page: each key with its Chinese and English side by side.

export const loginPageText = {
  appSubtitle: { zh: '区域卫生健康服务体系平台', en: 'Regional health service system platform' },
  signIn: { zh: '登录', en: 'Sign in' },
  password: { zh: '密码', en: 'Password' },
  usernameRequired: { zh: '请输入用户名', en: 'Enter your username' },
  passwordRequired: { zh: '请输入密码', en: 'Enter your password' },
  signingIn: { zh: '正在登录…', en: 'Signing in…' },
  sessionExpired: { zh: '登录已过期，请重新登录', en: 'Your session has expired; sign in again' },
};
