// A plan's key tasks and major projects: CRUD with optimistic concurrency and audit, 滞后 computed from
// overdue milestones, filters, progress notes, scope, and the import of seed 003's numbered task list.
import fs from 'node:fs';
import { fixedClock } from '@weijian/core/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningServices } from '../src/planning/services.ts';
import { loadDemoTasks, XINXIANG_TASKS } from '../src/planning/tasks-demo.ts';
import { AccessPolicy } from '../src/platform/access-policy.ts';
import { ENGINES, makeApp, type TestApp } from './helpers.ts';

const SEED_003 = (() => {
  const dir = '/work/shared/brief/seeds';
  const f = fs.existsSync(dir) ? fs.readdirSync(dir).find((x) => x.startsWith('003')) : undefined;
  return f ? fs.readFileSync(`${dir}/${f}`, 'utf8') : null;
})();

describe.each(ENGINES)('plan tasks (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  let planId: number;
  beforeAll(async () => {
    t = await makeApp(engine, {}, { demoScale: 1 });
    admin = await t.login('admin');
    const plans = (await t.call(admin, 'GET', '/api/v1/plans?region=4107')).json();
    planId = plans.items.find((p: { regionCode: string }) => p.regionCode === '4107').id;
    expect(await loadDemoTasks(t.ctx.services.planning, planId)).toBe(XINXIANG_TASKS.length);
  }, 600_000);
  afterAll(() => t?.close());

  it('lists the demo tasks with a mix of statuses, filtered by status and department', async () => {
    const r = await t.call(admin, 'GET', `/api/v1/plans/${planId}/tasks?asOf=2024-12-31`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.total).toBe(15);
    expect(body.counts.done).toBeGreaterThan(0);
    expect(body.counts.lagging).toBeGreaterThan(0);
    expect(body.counts['in-progress']).toBeGreaterThan(0);
    expect(body.counts.paused).toBe(1);
    const weihui = body.items.find((x: { title: string }) => x.title === '卫辉市中医院新址搬迁建设');
    expect(weihui).toMatchObject({ status: 'lagging', statusLabel: { zh: '滞后' }, areaCode: '410781' });
    expect(weihui.overdueMilestones[0].title).toBe('主体完工');
    const lagging = (await t.call(admin, 'GET', `/api/v1/plans/${planId}/tasks?asOf=2024-12-31&status=lagging`)).json();
    expect(lagging.total).toBe(body.counts.lagging);
    const tcm = (
      await t.call(admin, 'GET', `/api/v1/plans/${planId}/tasks?department=${encodeURIComponent('中医药管理局')}`)
    ).json();
    expect(tcm.total).toBeGreaterThanOrEqual(4);
  });

  it('creates, edits with a version and deletes, auditing each step', async () => {
    const c = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks`, {
      kind: 'project',
      title: '新建20所乡镇卫生院发热诊室',
      leadDepartment: '市卫生健康委',
      departments: ['市财政局'],
      areaCode: '410782',
      dueDate: '2025-12-31',
      milestones: [{ title: '完成10所', due: '2024-06-30' }],
      deliverables: [{ quantity: 20, unit: '所', what: '发热诊室' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const task = c.json();
    expect(task).toMatchObject({ version: 1, status: 'lagging', countyCode: '410782', progress: 0 });
    const stale = await t.call(admin, 'PUT', `/api/v1/tasks/${task.id}`, { version: 9, progress: 50 });
    expect(stale.statusCode).toBe(409);
    const ok = await t.call(admin, 'PUT', `/api/v1/tasks/${task.id}`, {
      version: 1,
      progress: 60,
      state: 'in-progress',
      milestones: [{ title: '完成10所', due: '2024-06-30', done: '2024-06-01' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // Fields the edit does not mention are kept.
    expect(ok.json()).toMatchObject({ version: 2, progress: 60, departments: ['市财政局'], kind: 'project' });
    const note = await t.call(admin, 'POST', `/api/v1/tasks/${task.id}/updates`, {
      version: 2,
      note: '已完成12所',
      progress: 100,
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ status: 'done', state: 'done', version: 3 });
    expect(note.json().updates.map((u: { note: string }) => u.note)).toEqual(['已完成12所', '进度 0% → 60%']);
    const bad = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks`, { title: '', areaCode: '110101' });
    expect(bad.statusCode).toBe(400);
    const outside = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks`, {
      title: '外地任务',
      areaCode: '110101',
    });
    expect(outside.statusCode).toBe(422);
    expect((await t.call(admin, 'DELETE', `/api/v1/tasks/${task.id}?version=1`)).statusCode).toBe(409);
    expect((await t.call(admin, 'DELETE', `/api/v1/tasks/${task.id}?version=3`)).statusCode).toBe(204);
    expect((await t.call(admin, 'GET', `/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    const log = (await t.call(admin, 'GET', '/api/v1/audit?action=task.update')).json();
    expect(log.total).toBe(1);
    expect((await t.call(admin, 'GET', '/api/v1/audit?action=task.progress')).json().total).toBe(1);
    expect((await t.call(admin, 'GET', '/api/v1/audit?action=task.delete')).json().total).toBe(1);
  });

  it('refuses progress above 100 % and 已完成 with an open milestone (422 naming the field), saving nothing', async () => {
    const c = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks`, {
      title: '县级医院胸痛中心全覆盖',
      milestones: [{ title: '完成评估', due: '2030-06-30' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const task = c.json();
    const over = await t.call(admin, 'POST', `/api/v1/tasks/${task.id}/updates`, {
      version: task.version,
      note: '全部完成',
      progress: 150,
    });
    expect(over.statusCode, over.body).toBe(422);
    expect(over.json().error.details).toEqual([
      { path: 'progress', message: '进度必须是 0–100 的整数（百分比），收到 150' },
    ]);
    const edit = await t.call(admin, 'PUT', `/api/v1/tasks/${task.id}`, { version: task.version, progress: 150 });
    expect(edit.statusCode, edit.body).toBe(422);
    expect(edit.json().error.details[0].path).toBe('progress');
    // 100 % (implied 已完成) and a typed 已完成 while 「完成评估」 is open.
    const full = await t.call(admin, 'POST', `/api/v1/tasks/${task.id}/updates`, {
      version: task.version,
      note: '完成',
      progress: 100,
    });
    expect(full.statusCode, full.body).toBe(422);
    expect(full.json().error.details[0].message).toContain('里程碑「完成评估」尚未完成');
    const done = await t.call(admin, 'PUT', `/api/v1/tasks/${task.id}`, { version: task.version, state: 'done' });
    expect(done.statusCode, done.body).toBe(422);
    expect(done.json().error.details[0].path).toBe('state');
    const after = (await t.call(admin, 'GET', `/api/v1/tasks/${task.id}`)).json();
    expect(after).toMatchObject({ version: task.version, progress: 0, state: 'not-started', updates: [] });
    // With the milestone reached, 100 % is 已完成.
    const ok = await t.call(admin, 'PUT', `/api/v1/tasks/${task.id}`, {
      version: task.version,
      progress: 100,
      milestones: [{ title: '完成评估', due: '2030-06-30', done: '2026-01-05' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('done');
  });

  it('lets a county update its own projects but not the city’s, and a viewer none', async () => {
    const list = (await t.call(admin, 'GET', `/api/v1/plans/${planId}/tasks`)).json().items;
    const weihui = list.find((x: { areaCode: string | null }) => x.areaCode === '410781');
    const cityTask = list.find((x: { areaCode: string | null }) => x.areaCode === null);
    // 卫辉市 has no demo user; 辉县 may not touch 卫辉's task or a city task.
    const hx = await t.login('huixian');
    expect((await t.call(hx, 'GET', `/api/v1/plans/${planId}/tasks`)).statusCode).toBe(200);
    expect(
      (await t.call(hx, 'PUT', `/api/v1/tasks/${weihui.id}`, { version: weihui.version, progress: 70 })).statusCode,
    ).toBe(403);
    expect(
      (await t.call(hx, 'PUT', `/api/v1/tasks/${cityTask.id}`, { version: cityTask.version, progress: 70 })).statusCode,
    ).toBe(403);
    const own = await t.call(hx, 'POST', `/api/v1/plans/${planId}/tasks`, {
      title: '辉县市人民医院胸痛中心',
      areaCode: '410782',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect((await t.call(hx, 'POST', `/api/v1/plans/${planId}/tasks`, { title: '全市任务' })).statusCode).toBe(403);
    const viewer = await t.login('viewer');
    expect(
      (await t.call(viewer, 'POST', `/api/v1/tasks/${weihui.id}/updates`, { version: weihui.version, note: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await t.call(await t.login('hospital'), 'GET', `/api/v1/plans/${planId}/tasks`)).statusCode).toBe(403);
  });

  it.runIf(SEED_003 !== null)(
    'imports seed 003’s task list: preview, then all tasks with their deliverables',
    async () => {
      const preview = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks/import`, {
        text: SEED_003,
        dryRun: true,
      });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().total).toBe(83);
      expect(preview.json().sections).toHaveLength(9);
      const before = (await t.call(admin, 'GET', `/api/v1/plans/${planId}/tasks`)).json().total;
      const r = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks/import`, {
        text: SEED_003,
        leadDepartment: '省卫生健康委',
        dueDate: '2021-12-31',
      });
      expect(r.statusCode, r.body).toBe(201);
      const items = r.json().items as {
        number: string;
        title: string;
        deliverables: { quantity: number; what: string }[];
      }[];
      expect(items).toHaveLength(83);
      const rescue = items.find((i) => i.number === '四（三）6')!;
      expect(rescue.deliverables.map((d) => [d.quantity, d.what])).toEqual([
        [2, '紧急医学救援基地'],
        [45, '智慧卫生急救站'],
      ]);
      expect((await t.call(admin, 'GET', `/api/v1/plans/${planId}/tasks`)).json().total).toBe(before + 83);
      const none = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks/import`, { text: '没有编号的一段话' });
      expect(none.statusCode).toBe(422);
      expect(none.json().error.message).toMatch(
        /^未识别到编号：每行应以“一、”“（一）”“1\.”“（1）”“①”之一开头；第 1 行“没有编号的一段话”都不是$/,
      );
      const guarantees = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks/import`, {
        text: '五、保障措施\n（一）加强组织领导\n各部门要切实加强领导。\n（二）加强分工协作',
        dryRun: true,
      });
      expect(guarantees.statusCode, guarantees.body).toBe(200);
      expect(guarantees.json().items.map((i: { number: string }) => i.number)).toEqual(['五（一）', '五（二）']);
    },
  );

  it('judges a task due yesterday as lagging at 01:00 Beijing time, while the UTC date is still yesterday', async () => {
    const c = await t.call(admin, 'POST', `/api/v1/plans/${planId}/tasks`, {
      title: '完成发热门诊改造',
      dueDate: '2026-03-01',
      state: 'in-progress',
      progress: 40,
    });
    expect(c.statusCode, c.body).toBe(201);
    const { id, version } = c.json();
    const { registry, identity } = t.ctx.services;
    const principal = await identity.users.adminPrincipal();
    const policy = new AccessPolicy(principal, registry.areaScope, { principal, ip: null });
    // The tasks service as the app builds it, with its clock stopped at `iso`.
    const at = async (iso: string) => {
      const { tasks } = createPlanningServices(t.ctx, { registry }, { clock: fixedClock(iso) });
      return (await tasks.list(policy, planId, {})).items.find((x) => x.id === id);
    };
    // 2026-03-01T17:00:00Z is 01:00 on 2 March in Beijing: 1 March is over there.
    expect(await at('2026-03-01T17:00:00Z')).toMatchObject({ status: 'lagging', asOf: '2026-03-02' });
    // 23:59 on 1 March in Beijing: due today, not late yet.
    expect(await at('2026-03-01T15:59:00Z')).toMatchObject({ status: 'in-progress', asOf: '2026-03-01' });
    const d = await t.call(admin, 'DELETE', `/api/v1/tasks/${id}?version=${version}`);
    expect(d.statusCode, d.body).toBe(204);
  });
});
