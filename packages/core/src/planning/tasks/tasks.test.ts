import { describe, expect, it } from 'vitest';
import { extractDeliverables, parseTaskList, taskStatus, titleOf } from './index.ts';
import { explainNoTasks } from './task-list-numbering.ts';

// Excerpts of seed 003 (贵州省 2021 年卫生健康工作要点), verbatim.
const SEED_003 = `2021年,全省卫生健康工作的总体要求是:坚持以习近平新时代中国特色社会主义思想为指导,加快推进健康贵州建设。
一、全面加强领导,着力强化全省卫生健康事业高质量发展的保障
全省卫生健康系统要坚持以党的政治建设为统领。
1.强化思想政治建设,巩固深化“不忘初心、牢记使命”主题教育成果。
4.强化绩效考核评价,按照省考核委有关工作要求,对13家省级公立医院开展年度综合考核。
四、提升疾病防控能力,创新推动医防协同机制
(一)加强疾控体系建设
1.推进省市县级疾控中心实验室建设,80%以上的县级疾控中心实验室能力水平达到国家标准。
(二)加快实施健康贵州行动
7.全省甲乙丙法定传染病发病率控制在550/10万以内,国家免疫规划疫苗接种率达到95%以上。持续消除碘缺乏病、地砷病,基本消除地氟病危害,做好艾滋病、结核病等重点传染病防控。争创2个国家级慢性病防治示范区。
(三)完善山地紧急医学救援体系
6.建成2个紧急医学救援基地、45个智慧卫生急救站。
(七)促进人口家庭发展
10.加强人口监测和研判,继续做好“两早”专项治理,计划生育奖励扶助117.7万人。加强托育机构从业人员的职业培训和准入管理。
五、提升大病诊疗能力,促进资源扩容均衡布局
(四)加强医疗卫生人才队伍建设
5.深化拓展援黔医疗卫生对口帮扶,加强“医疗卫生援黔专家团”“黔医人才计划”工作。6.全面加强住院医师规范化、专科医生规范化、助理全科医生、中医助理全科医师培训,拟分别新招录2290人、23人、500人、100人。
七、提升传承创新能力,加速中医药振兴发展
(一)助力中医药产业优强工程
1.制定黔产道药材目录,完善中药材质量追溯体系,建设定制药园30万亩。
(二)实施中医药服务体系提质扩容工程
2.扩建5所县级中医院建设项目。
九、提升统筹推动能力,加快健康产业融合发展
1.编好“十四五”健康服务体系规划、公共卫生体系建设规划、大健康产业发展规划。
3.打造9个医养结合示范县、15个健康养老小镇、10个具有较强区域影响力的养老产业集聚区。`;

describe('parseTaskList on seed 003', () => {
  const r = parseTaskList(SEED_003);

  it('finds sections, subsections and every numbered item, two on one line included', () => {
    expect(r.sections.map((s) => s.number)).toEqual(['一', '四', '五', '七', '九']);
    expect(r.sections[0]!.intro).toContain('党的政治建设');
    expect(r.preamble).toContain('总体要求');
    expect(r.tasks).toHaveLength(12);
    expect(r.tasks.map((t) => t.number)).toEqual([
      '一1',
      '一4',
      '四（一）1',
      '四（二）7',
      '四（三）6',
      '四（七）10',
      '五（四）5',
      '五（四）6',
      '七（一）1',
      '七（二）2',
      '九1',
      '九3',
    ]);
  });

  it('keeps the section and subsection of each task, and a short title', () => {
    const t = r.tasks.find((x) => x.number === '四（三）6')!;
    expect(t.section).toBe('提升疾病防控能力,创新推动医防协同机制');
    expect(t.subsection).toBe('完善山地紧急医学救援体系');
    expect(t.title).toBe('建成2个紧急医学救援基地、45个智慧卫生急救站');
  });

  it('extracts quantified deliverables with what they count', () => {
    const t = r.tasks.find((x) => x.number === '四（三）6')!;
    expect(t.deliverables.map((d) => [d.quantity, d.unit, d.what])).toEqual([
      [2, '个', '紧急医学救援基地'],
      [45, '个', '智慧卫生急救站'],
    ]);
    const yao = r.tasks.find((x) => x.number === '七（一）1')!;
    expect(yao.deliverables[0]).toMatchObject({ quantity: 300000, unit: '亩' });
    const zhong = r.tasks.find((x) => x.number === '七（二）2')!;
    expect(zhong.deliverables[0]).toMatchObject({ quantity: 5, unit: '所', what: '县级中医院建设项目' });
    const train = r.tasks.find((x) => x.number === '五（四）6')!;
    expect(train.deliverables.map((d) => d.quantity)).toEqual([2290, 23, 500, 100]);
    const disease = r.tasks.find((x) => x.number === '四（二）7')!;
    expect(disease.deliverables).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ quantity: 95, unit: '%' }),
        expect.objectContaining({ quantity: 2, unit: '个', what: '国家级慢性病防治示范区' }),
        expect.objectContaining({ quantity: 550, unit: '1/10万' }),
      ]),
    );
    const fp = r.tasks.find((x) => x.number === '四（七）10')!;
    expect(fp.deliverables[0]).toMatchObject({ quantity: 1177000, unit: '人' });
  });

  it('extracts nothing from an unquantified task and never reads a year as a quantity', () => {
    expect(r.tasks.find((x) => x.number === '九1')!.deliverables).toEqual([]);
    expect(extractDeliverables('到2025年新建20所乡镇卫生院')).toEqual([
      expect.objectContaining({ quantity: 20, unit: '所', what: '乡镇卫生院' }),
    ]);
    expect(extractDeliverables('新建2-3所区域医疗中心')[0]).toMatchObject({ quantity: 3, quantityMin: 2, unit: '所' });
  });

  it('reads (1) style numbers and continuation lines', () => {
    const p = parseTaskList('一、基层\n（1）新建10所社区医院\n继续推进村卫生室标准化\n（2）培训乡村医生3000人次');
    expect(p.tasks.map((t) => t.number)).toEqual(['一（1）', '一（2）']);
    expect(p.tasks[0]!.text).toContain('村卫生室');
    expect(p.tasks[1]!.deliverables[0]).toMatchObject({ quantity: 3000, unit: '人次' });
  });

  it('cuts long titles', () => {
    expect(titleOf('甲'.repeat(50)).length).toBe(41);
  });
});

// Seed 001 (连州市卫生健康事业发展“十四五”规划), 五、保障措施: headings and prose, no item numbers; the
// paragraphs cut to their first sentence, the indentation and blank lines as in the source.
const SEED_001_GUARANTEES = `五、保障措施

（一）加强组织领导

卫生健康规划是政府对卫生健康事业进行宏观调控的重要手段。
    （二）加强分工协作

卫健、市委编办、司法、发改、财政、医保、自然资源、住建、国资、公安、市监、人社、民政等部门要加强沟通协调。
    （三）规范规划编制

以发展规划为统领、以空间规划为基础、以专项规划和区域规划为支撑，形成定位准确、边界清晰、功能互补、统一衔接的规划体系。

（四）加强规划实施
按照发展阶段需要、人民群众期待、财力能力允许的原则，以完成“十四五”时期各项战略任务为目标。

    （五）强化监督评价

建立卫生健康规划和资源配置监督评价机制，开展卫生规划实施进度和效果评价。`;

describe('parseTaskList numbering levels', () => {
  it('takes a 一、／（一）／（二） list of headings with prose as one task per heading', () => {
    const r = parseTaskList(SEED_001_GUARANTEES);
    expect(r.unrecognised).toBeUndefined();
    expect(r.sections).toEqual([{ number: '五', title: '保障措施', intro: '' }]);
    expect(r.tasks.map((t) => [t.number, t.title, t.section])).toEqual([
      ['五（一）', '加强组织领导', '保障措施'],
      ['五（二）', '加强分工协作', '保障措施'],
      ['五（三）', '规范规划编制', '保障措施'],
      ['五（四）', '加强规划实施', '保障措施'],
      ['五（五）', '强化监督评价', '保障措施'],
    ]);
    expect(r.tasks[3]!.text).toBe(
      '加强规划实施\n按照发展阶段需要、人民群众期待、财力能力允许的原则，以完成“十四五”时期各项战略任务为目标。',
    );
  });

  it('nests 一、 （一） 1. （1） ① by level: entries with numbered children are headings, the rest tasks', () => {
    const r = parseTaskList(
      [
        '一、总体要求',
        '坚持预防为主。',
        '二、重点任务',
        '（一）完善医疗服务体系',
        '1、建设区域医疗中心',
        '（1）新建2所县级医院',
        '（2）改扩建3所乡镇卫生院',
        '①完成选址',
        '②开工建设',
        '2.加强人才培养，培训乡村医生300人次',
        '（二）强化公共卫生',
        '(1)建成1个疾控实验室',
        '三、保障措施',
        '（一）加强组织领导',
      ].join('\n'),
    );
    expect(r.tasks.map((t) => [t.number, t.subsection])).toEqual([
      ['二（一）1（1）', '完善医疗服务体系 / 建设区域医疗中心'],
      ['二（一）1（2）①', '完善医疗服务体系 / 建设区域医疗中心 / 改扩建3所乡镇卫生院'],
      ['二（一）1（2）②', '完善医疗服务体系 / 建设区域医疗中心 / 改扩建3所乡镇卫生院'],
      ['二（一）2', '完善医疗服务体系'],
      ['二（二）（1）', '强化公共卫生'],
      ['三（一）', null],
    ]);
    // A section with no numbered entry under it, in a list that has deeper levels, is an introduction.
    expect(r.sections[0]).toEqual({ number: '一', title: '总体要求', intro: '坚持预防为主。' });
    expect(r.tasks[0]!.deliverables[0]).toMatchObject({ quantity: 2, unit: '所', what: '县级医院' });
    expect(r.tasks[3]!.deliverables[0]).toMatchObject({ quantity: 300, unit: '人次' });
  });

  it('takes a flat 一、 二、 list as tasks, and splits a section from its first subsection on one line', () => {
    expect(parseTaskList('一、新建社区医院\n二、培训乡村医生').tasks.map((t) => t.number)).toEqual(['一', '二']);
    // Seed 000 puts "三、主要任务 (一)实施健康新乡行动,…" on one line.
    const r = parseTaskList('三、主要任务 (一)实施健康新乡行动,全方位全周期保障人民健康\n1.健全推进健康新乡建设机制。');
    expect(r.sections.map((s) => s.title)).toEqual(['主要任务']);
    expect(r.tasks.map((t) => [t.number, t.subsection])).toEqual([
      ['三（一）1', '实施健康新乡行动,全方位全周期保障人民健康'],
    ]);
  });

  it('says why when nothing is recognised, naming the lines and what a near miss should be', () => {
    const r = parseTaskList('重点工作如下\n1)完善分级诊疗\n一是加强基层');
    expect(r.tasks).toEqual([]);
    expect(r.unrecognised!.zh).toBe(
      '未识别到编号：每行应以“一、”“（一）”“1.”“（1）”“①”之一开头；第 1 行“重点工作如下”、第 2 行“1)完善分级诊疗”（“1)”应写作“1.”或“（1）”）、第 3 行“一是加强基层”（“一是”式编号不是任务编号）都不是',
    );
    expect(r.unrecognised!.en).toContain('line 2 "1)完善分级诊疗" ("1)" should be "1." or "(1)")');
    expect(explainNoTasks([]).zh).toBe('文本是空的：请粘贴带编号的任务清单');
  });
});

describe('taskStatus', () => {
  const base = { state: 'in-progress' as const, progress: 40, dueDate: '2025-12-31', milestones: [] };
  it('is lagging once a milestone passes undone', () => {
    const t = { ...base, milestones: [{ title: '完成选址', due: '2022-06-30', done: null }] };
    expect(taskStatus(t, '2022-01-01')).toBe('in-progress');
    expect(taskStatus(t, '2022-07-01')).toBe('lagging');
    expect(taskStatus({ ...t, milestones: [{ ...t.milestones[0]!, done: '2022-06-01' }] }, '2022-07-01')).toBe(
      'in-progress',
    );
  });
  it('is lagging after the due date, done at 100%, paused when paused', () => {
    expect(taskStatus(base, '2026-01-01')).toBe('lagging');
    expect(taskStatus({ ...base, progress: 100 }, '2026-01-01')).toBe('done');
    expect(taskStatus({ ...base, state: 'paused' }, '2026-01-01')).toBe('paused');
    expect(taskStatus({ ...base, state: 'not-started', progress: 0 }, '2024-01-01')).toBe('not-started');
  });
});
