// The audit log in words: what each recorded action and object is called, in both languages. The server
// records short codes (`case.list`, `institution_resources`); an administrator reads 查看报告卡列表 and
// 机构年报, with the code kept as secondary text for searching. An action no entry names yet (a module's new
// one) is composed from its object and verb (`network.update` → 修改医共体/医疗集团) before falling back
// to the code itself.
import type { Lang } from './locale.tsx';

type Words = { zh: string; en: string };

/** Every action the contexts write today (grep `action:` in packages/server/src). */
const ACTIONS: Record<string, Words> = {
  login: { zh: '登录', en: 'Sign-in' },
  'login-failed': { zh: '登录失败', en: 'Failed sign-in' },
  'login-lockout': { zh: '账户锁定', en: 'Account locked' },
  'login-throttled': { zh: '登录受限', en: 'Sign-in throttled' },
  logout: { zh: '退出登录', en: 'Sign-out' },
  'password-change': { zh: '修改密码', en: 'Password change' },
  'password-change-failed': { zh: '修改密码失败', en: 'Failed password change' },
  'user.create': { zh: '新增用户', en: 'Create a user' },
  'user.update': { zh: '修改用户', en: 'Edit a user' },
  'user.password-reset': { zh: '重置用户密码', en: 'Reset a password' },
  'user.activate': { zh: '启用用户', en: 'Activate a user' },
  'user.deactivate': { zh: '停用用户', en: 'Deactivate a user' },
  'institution.create': { zh: '新增机构', en: 'Create an institution' },
  'institution.update': { zh: '修改机构', en: 'Edit an institution' },
  // network.create/update/delete and institution.close/reopen are composed from object and verb
  'network.member-add': { zh: '医共体/医疗集团加入成员', en: 'Add a network member' },
  'network.member-remove': { zh: '医共体/医疗集团移出成员', en: 'Remove a network member' },
  'resources.save': { zh: '保存机构年报', en: 'Save a yearly report' },
  'population.save': { zh: '保存人口数据', en: 'Save population' },
  'import.institutions': { zh: '导入机构', en: 'Import institutions' },
  'import.resources': { zh: '导入机构年报', en: 'Import yearly reports' },
  'import.population': { zh: '导入人口数据', en: 'Import population' },
  'export.institutions': { zh: '导出机构', en: 'Export institutions' },
  'export.resources': { zh: '导出机构年报', en: 'Export yearly reports' },
  'export.population': { zh: '导出人口数据', en: 'Export population' },
  'demo.create': { zh: '创建演示城市', en: 'Create the demo city' },
  'demo.reset': { zh: '重置演示数据', en: 'Reset the demo data' },
  'case.create': { zh: '填报报告卡', en: 'Report a case' },
  'case.correct': { zh: '订正报告卡', en: 'Correct a card' },
  'case.delete': { zh: '删除报告卡', en: 'Delete a card' },
  'case.read': { zh: '查看报告卡', en: 'Read a card' },
  'case.list': { zh: '查看报告卡列表', en: 'List cards' },
  'case.lookup': { zh: '按身份证号查询报告卡', en: 'Look up cards by ID number' },
  'case.bulk': { zh: '批量上传报告卡', en: 'Upload cards in bulk' },
  'case.import': { zh: '导入报告卡', en: 'Import cards' },
  'disease.create': { zh: '新增病种', en: 'Add a disease' },
  'disease.update': { zh: '修改病种设置', en: 'Edit disease settings' },
  'stream.create': { zh: '新增监测数据源', en: 'Add a data stream' },
  'stream.update': { zh: '修改监测数据源', en: 'Edit a data stream' },
  'stream.ingest': { zh: '上报监测计数', en: 'Report stream counts' },
  'surveillance.run': { zh: '运行预警检测', en: 'Run detection' },
  'event.assign': { zh: '指派预警事件', en: 'Assign an event' },
  'event.note': { zh: '备注预警事件', en: 'Note on an event' },
  'event.transition': { zh: '处置预警事件', en: 'Move an event on' },
  'plan.create': { zh: '新建规划', en: 'Create a plan' },
  'plan.revise': { zh: '修订规划', en: 'Revise a plan' },
  'plan.target': { zh: '修改规划目标值', en: 'Edit a plan target' },
  'indicator-value.put': { zh: '录入指标值', en: 'Enter an indicator value' },
  'indicator-value.delete': { zh: '删除指标值', en: 'Delete an indicator value' },
  'standard.update': { zh: '修改资源配置标准', en: 'Edit a resource standard' },
  'report.export': { zh: '导出规划报告', en: 'Export a plan report' },
  'task.create': { zh: '新建任务', en: 'Create a task' },
  'task.update': { zh: '修改任务', en: 'Edit a task' },
  'task.delete': { zh: '删除任务', en: 'Delete a task' },
  'task.import': { zh: '导入任务清单', en: 'Import a task list' },
  'task.progress': { zh: '更新任务进展', en: 'Update task progress' },
};

/** What the first part of an action code acts on. */
const OBJECTS: Record<string, Words> = {
  user: { zh: '用户', en: 'user' },
  institution: { zh: '机构', en: 'institution' },
  network: { zh: '医共体/医疗集团', en: 'network' },
  area: { zh: '行政区划', en: 'area' },
  resources: { zh: '机构年报', en: 'yearly report' },
  population: { zh: '人口数据', en: 'population' },
  case: { zh: '报告卡', en: 'card' },
  disease: { zh: '病种', en: 'disease' },
  stream: { zh: '监测数据源', en: 'data stream' },
  event: { zh: '预警事件', en: 'event' },
  signal: { zh: '预警信号', en: 'signal' },
  detector: { zh: '预警模型设置', en: 'detector settings' },
  plan: { zh: '规划', en: 'plan' },
  task: { zh: '任务', en: 'task' },
  standard: { zh: '资源配置标准', en: 'resource standard' },
  'indicator-value': { zh: '指标值', en: 'indicator value' },
  report: { zh: '报告', en: 'report' },
  settings: { zh: '设置', en: 'settings' },
};

/** What the second part of an action code does, said of its object. */
const simple = (zh: string, en: string) => (o: Words) => ({ zh: `${zh}${o.zh}`, en: `${en} ${o.en}` });
const VERBS: Record<string, (object: Words) => Words> = {
  create: simple('新增', 'Create'),
  update: simple('修改', 'Edit'),
  save: simple('保存', 'Save'),
  delete: simple('删除', 'Delete'),
  read: simple('查看', 'Read'),
  list: (o) => ({ zh: `查看${o.zh}列表`, en: `List ${o.en}s` }),
  import: simple('导入', 'Import'),
  export: simple('导出', 'Export'),
  close: simple('撤销', 'Close'),
  reopen: simple('恢复', 'Reopen'),
  move: simple('调整', 'Move'),
  activate: simple('启用', 'Activate'),
  deactivate: simple('停用', 'Deactivate'),
  reset: simple('重置', 'Reset'),
  'password-reset': (o) => ({ zh: `重置${o.zh}密码`, en: `Reset a ${o.en}'s password` }),
  assign: simple('指派', 'Assign'),
  preview: simple('预览', 'Preview'),
};

/** The recorded kinds of object (`entity`: mostly the table written). */
const ENTITIES: Record<string, Words> = {
  user: { zh: '用户', en: 'User' },
  institution: { zh: '机构', en: 'Institution' },
  institutions: { zh: '机构', en: 'Institutions' },
  network: { zh: '医共体/医疗集团', en: 'Network' },
  institution_resources: { zh: '机构年报', en: 'Yearly report' },
  resources: { zh: '机构年报', en: 'Yearly reports' },
  area_population: { zh: '人口数据', en: 'Population' },
  population: { zh: '人口数据', en: 'Population' },
  case_report: { zh: '报告卡', en: 'Case card' },
  disease: { zh: '病种', en: 'Disease' },
  stream: { zh: '监测数据源', en: 'Data stream' },
  stream_counts: { zh: '监测计数', en: 'Stream counts' },
  surveillance_event: { zh: '预警事件', en: 'Event' },
  plan: { zh: '规划', en: 'Plan' },
  plan_task: { zh: '规划任务', en: 'Plan task' },
  standard: { zh: '资源配置标准', en: 'Resource standard' },
  indicator_value: { zh: '指标值', en: 'Indicator value' },
  demo: { zh: '演示数据', en: 'Demo data' },
};

/** An action in words, or null when neither the dictionary nor its parts name it (the page shows the code). */
export function actionWords(action: string, lang: Lang): string | null {
  const known = ACTIONS[action];
  if (known) return known[lang];
  const dot = action.indexOf('.');
  if (dot < 0) return null;
  const object = OBJECTS[action.slice(0, dot)];
  const verb = VERBS[action.slice(dot + 1)];
  return object && verb ? verb(object)[lang] : null;
}

/** The object of an entry in words (`机构年报 #7/2022`); an unknown kind keeps its code. */
export function objectWords(entity: string | null, entityId: string | null, lang: Lang): string {
  const kind = entity ? (ENTITIES[entity]?.[lang] ?? entity) : null;
  const id = entityId != null && entityId !== '' ? `#${entityId}` : null;
  return [kind, id].filter(Boolean).join(' ');
}
