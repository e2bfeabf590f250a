// Texts of tags: each key with its Chinese and English side by side.

export const tagsText = {
  risk_1: { zh: '蓝色', en: 'Blue' },
  category_school: { zh: '学校缺课', en: 'School absenteeism' },
  overdueBy: { zh: '已超时 {hours} 小时', en: 'Overdue by {hours} h' },
  dueInHours: { zh: '剩余 {hours} 小时', en: '{hours} h left' },
  dueInMinutes: { zh: '剩余 {minutes} 分钟', en: '{minutes} min left' },
};
