// Texts shared by the identity pages: each key with its Chinese and English side by side.

export const sharedText = {
  newPassword: { zh: '新密码', en: 'New password' },
  passwordRules: {
    zh: '至少 10 位，包含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名，不得是常用密码。',
    en: 'At least 10 characters, three of upper-case, lower-case, digits and symbols, not containing the username, not a common password.',
  },
  required: { zh: '必填', en: 'Required' },
};
