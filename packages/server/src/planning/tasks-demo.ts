// Demo tasks and projects for 新乡's plan (seed 000): the key tasks and 专栏 projects the plan's text names,
// with departments, milestones and progress giving a realistic mix of statuses. Synthetic; replaced on
// every call. The demo plan loader calls `loadDemoTasks(ctx, planId)` after creating the plan.
import type { Milestone, TaskState } from '@weijian/core/planning/tasks';
import { extractDeliverables } from '@weijian/core/planning/tasks';
import type { PlanningServices } from './services.ts';
import { insertTask, insertTaskUpdate } from './tasks-repo.ts';

interface DemoTask {
  kind: 'task' | 'project';
  section: string;
  title: string;
  description: string;
  lead: string;
  departments: string[];
  area?: string;
  due: string;
  state: TaskState;
  progress: number;
  milestones: Milestone[];
  budget?: number;
  notes?: [at: string, note: string][];
}

const WJW = '市卫生健康委';
const m = (title: string, due: string, done: string | null = null): Milestone => ({ title, due, done });

export const XINXIANG_TASKS: readonly DemoTask[] = [
  {
    kind: 'project',
    section: '优质医疗资源扩容',
    title: '省级区域医疗中心建设',
    description: '依托新乡医学院第一附属医院创建省级区域医疗中心，构筑省、市、县3个层级医疗服务高地。',
    lead: WJW,
    departments: ['市发展改革委', '市财政局', '新乡医学院'],
    due: '2025-12-31',
    state: 'in-progress',
    progress: 70,
    milestones: [
      m('完成建设方案批复', '2022-06-30', '2022-05-20'),
      m('主体工程封顶', '2024-06-30', '2024-08-15'),
      m('通过省级验收', '2025-12-31'),
    ],
    budget: 180000,
  },
  {
    kind: 'task',
    section: '基层医疗卫生服务能力',
    title: '乡镇卫生院提质升级',
    description: '2025年底每个县(市)2-3所、区1所乡镇卫生院(社区卫生服务中心)达到或接近二级综合医院水平。',
    lead: WJW,
    departments: ['各县（市、区）人民政府'],
    due: '2025-12-31',
    state: 'in-progress',
    progress: 55,
    milestones: [
      m('确定首批提质升级名单', '2022-03-31', '2022-03-15'),
      m('首批10所通过评估', '2023-12-31', '2024-03-10'),
      m('全部达到标准', '2025-12-31'),
    ],
  },
  {
    kind: 'project',
    section: '中医药传承创新',
    title: '卫辉市中医院新址搬迁建设',
    description: '加大县级中医医院业务用房和设备投入，力争完成卫辉市中医院新址搬迁建设任务。',
    lead: '卫辉市人民政府',
    departments: [WJW, '市中医药管理局'],
    area: '410781',
    due: '2024-12-31',
    state: 'in-progress',
    progress: 60,
    milestones: [m('完成土地征收', '2022-12-31', '2023-02-28'), m('主体完工', '2024-06-30')],
    budget: 45000,
    notes: [['2024-09-30', '主体工程因资金拨付延迟未按期完工，已协调专项债资金']],
  },
  {
    kind: 'task',
    section: '中医药传承创新',
    title: '县级中医医院等级提升',
    description: '县级中医医院全部达到二级甲等水平，培养2-3所县级中医院达到三级中医院水平。',
    lead: '市中医药管理局',
    departments: ['各县（市）人民政府'],
    due: '2025-12-31',
    state: 'in-progress',
    progress: 40,
    milestones: [m('全部县级中医医院达到二甲', '2023-12-31', '2023-11-30'), m('2所通过三级评审', '2025-12-31')],
  },
  {
    kind: 'task',
    section: '中医药传承创新',
    title: '综合医院中医药工作示范单位创建',
    description: '创建2个综合医院中医药工作示范单位，强化院内中西医科室临床协作，提升中西医结合服务内涵。',
    lead: '市中医药管理局',
    departments: [WJW],
    due: '2024-12-31',
    state: 'done',
    progress: 100,
    milestones: [m('申报', '2023-06-30', '2023-05-31'), m('通过省级评审', '2024-12-31', '2024-10-20')],
  },
  {
    kind: 'project',
    section: '公共卫生体系',
    title: '市疾控中心P2+实验室建设',
    description: '市疾控中心建成生物安全二级加强型实验室，提升突发急性传染病病原体快速检测能力。',
    lead: WJW,
    departments: ['市疾病预防控制中心', '市发展改革委'],
    due: '2023-12-31',
    state: 'done',
    progress: 100,
    milestones: [m('设备招标', '2022-09-30', '2022-09-01'), m('实验室备案', '2023-12-31', '2023-10-15')],
    budget: 3200,
  },
  {
    kind: 'task',
    section: '公共卫生体系',
    title: '多点触发传染病监测预警体系建设',
    description: '建立以网络直报、发热门诊、零售药店、学校等为哨点的智慧化预警多点触发机制。',
    lead: '市疾病预防控制中心',
    departments: [WJW, '市市场监管局', '市教育局'],
    due: '2025-06-30',
    state: 'in-progress',
    progress: 80,
    milestones: [
      m('平台上线试运行', '2023-12-31', '2023-12-20'),
      m('覆盖全部二级以上医院', '2024-12-31', '2024-11-30'),
      m('药店监测接入', '2025-06-30'),
    ],
  },
  {
    kind: 'task',
    section: '公共卫生体系',
    title: '二级以上医院公共卫生科建设',
    description: '二级以上医疗机构设置公共卫生科，至少配备2名公共卫生医师。',
    lead: WJW,
    departments: ['市委编办', '市人力资源社会保障局'],
    due: '2023-12-31',
    state: 'in-progress',
    progress: 85,
    milestones: [m('印发设置标准', '2022-06-30', '2022-06-10'), m('全部二级以上医院完成设置', '2023-12-31')],
  },
  {
    kind: 'project',
    section: '紧急医学救援',
    title: '120急救指挥调度平台升级',
    description: '全市120统一调度，城市地区平均服务半径≤5公里，新增负压救护车10辆。',
    lead: '市紧急医疗救援中心',
    departments: [WJW, '市财政局'],
    due: '2025-12-31',
    state: 'in-progress',
    progress: 45,
    milestones: [m('调度系统招标', '2023-06-30', '2023-09-30'), m('新增负压救护车到位', '2024-12-31')],
    budget: 2600,
  },
  {
    kind: 'task',
    section: '妇幼健康',
    title: '妇幼保健机构标准化建设',
    description: '开展妇幼保健机构标准化建设与规范化管理，县级妇幼保健院全部达到二级标准。',
    lead: WJW,
    departments: ['各县（市）人民政府'],
    due: '2025-12-31',
    state: 'not-started',
    progress: 0,
    milestones: [m('制定达标方案', '2025-06-30')],
  },
  {
    kind: 'task',
    section: '医养结合',
    title: '社区医养结合能力提升',
    description: '实施社区医养结合能力提升工程，扩大社区医养结合服务供给。',
    lead: WJW,
    departments: ['市民政局'],
    due: '2025-12-31',
    state: 'paused',
    progress: 20,
    milestones: [m('遴选试点社区', '2023-06-30', '2023-06-30')],
    notes: [['2024-03-01', '试点经费未落实，暂停实施，待2025年预算安排']],
  },
  {
    kind: 'project',
    section: '中医药传承创新',
    title: '新乡市中西医结合医院建设项目',
    description: '推进新乡市中西医结合医院建设项目，打造我市中西医示范单位。',
    lead: WJW,
    departments: ['市住房城乡建设局', '市自然资源和规划局'],
    due: '2025-12-31',
    state: 'in-progress',
    progress: 35,
    milestones: [
      m('可研批复', '2022-12-31', '2022-12-01'),
      m('开工建设', '2023-12-31', '2024-05-15'),
      m('竣工验收', '2025-12-31'),
    ],
    budget: 60000,
  },
  {
    kind: 'task',
    section: '全民健康信息化',
    title: '全民健康信息平台市县两级互联互通',
    description: '建成市县两级全民健康信息平台，二级以上医院检查检验结果互认。',
    lead: WJW,
    departments: ['市大数据局'],
    due: '2024-12-31',
    state: 'in-progress',
    progress: 75,
    milestones: [m('市级平台上线', '2022-12-31', '2022-12-28'), m('县级平台全部接入', '2024-06-30')],
  },
  {
    kind: 'task',
    section: '中医药传承创新',
    title: '市级中医药文化传承宣传教育基地',
    description: '遴选1-2个有传承历史的中医医院建设市级中医药文化传承宣传教育基地。',
    lead: '市中医药管理局',
    departments: ['市文化广电和旅游局'],
    due: '2023-12-31',
    state: 'done',
    progress: 100,
    milestones: [m('遴选命名', '2023-12-31', '2023-09-01')],
  },
  {
    kind: 'task',
    section: '基层医疗卫生服务能力',
    title: '村卫生室公有产权建设',
    description: '推进村卫生室产权公有，每个行政村设置1个村卫生室，公有产权村卫生室比例达到90%以上。',
    lead: WJW,
    departments: ['各县（市）人民政府', '市财政局'],
    due: '2025-12-31',
    state: 'in-progress',
    progress: 65,
    milestones: [m('摸底调查', '2022-06-30', '2022-06-30'), m('产权公有比例达到80%', '2024-12-31', '2024-12-20')],
  },
];

/** Replaces the synthetic tasks of `planId` with the demo set; returns how many were written. */
export async function loadDemoTasks(ctx: Pick<PlanningServices, 'db' | 'areas'>, planId: number): Promise<number> {
  const tree = await ctx.areas.tree();
  await ctx.db.tx(async (q) => {
    await q.query('delete from plan_tasks where plan_id = $1 and synthetic', [planId]);
    let seq = 1;
    for (const t of XINXIANG_TASKS) {
      const node = t.area ? tree.get(t.area) : undefined;
      const id = await insertTask(
        q,
        planId,
        {
          kind: t.kind,
          seq: seq++,
          number: null,
          section: t.section,
          title: t.title,
          description: t.description,
          leadDepartment: t.lead,
          departments: t.departments,
          areaCode: node ? node.code : null,
          countyCode: node && node.level === 3 ? node.code : null,
          startDate: '2021-01-01',
          dueDate: t.due,
          state: t.state,
          progress: t.progress,
          milestones: t.milestones,
          deliverables: extractDeliverables(t.description),
          budget: t.budget ?? null,
        },
        { createdBy: 'demo', synthetic: true },
      );
      for (const [at, note] of t.notes ?? []) {
        await insertTaskUpdate(q, id, { username: 'demo', progress: null, state: null, note });
        await q.query('update plan_task_updates set at = $2::date where task_id = $1 and note = $3', [id, at, note]);
      }
    }
  });
  return XINXIANG_TASKS.length;
}
