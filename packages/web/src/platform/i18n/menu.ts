// Texts of the platform's side-menu entries.

export const menuText = {
  menuAudit: { zh: '审计日志', en: 'Audit log' },
};
