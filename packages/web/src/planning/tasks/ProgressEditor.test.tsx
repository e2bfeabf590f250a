import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, mockApi } from '../../test/fetch-mock.ts';
import { renderPage } from '../../test/render.tsx';
import type { PlanTask } from '../types.ts';
import { ProgressEditor } from './ProgressEditor.tsx';

const task: PlanTask = {
  id: 5,
  planId: 3,
  kind: 'project',
  seq: 5,
  number: '5',
  section: null,
  title: '卫辉市中医院新址搬迁建设',
  description: null,
  leadDepartment: '市卫健委',
  departments: [],
  areaCode: '410781',
  countyCode: '410781',
  startDate: '2022-01-01',
  dueDate: '2025-12-31',
  state: 'in-progress',
  progress: 60,
  milestones: [
    { title: '开工', due: '2023-03-31', done: '2023-03-20' },
    { title: '主体完工', due: '2024-06-30', done: null },
  ],
  deliverables: [],
  budget: null,
  synthetic: false,
  version: 4,
  createdBy: null,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  status: 'lagging',
  statusLabel: { zh: '滞后', en: 'Lagging' },
  overdueMilestones: [],
  asOf: '2024-12-31',
};

function setup(post: unknown = { ok: true }) {
  const api = mockApi({ 'GET /tasks/5': { ...task, updates: [] }, 'POST /tasks/5/updates': post });
  const onClose = vi.fn();
  renderPage(<ProgressEditor task={task} onClose={onClose} />);
  return { api, onClose };
}

const input = () => screen.getByTestId('task-progress-input') as HTMLInputElement;

describe('ProgressEditor', () => {
  it('keeps 150 % as typed and refuses it under 进度 instead of saving 100 %', async () => {
    const { api } = setup();
    fireEvent.change(input(), { target: { value: '150' } });
    fireEvent.blur(input());
    fireEvent.change(screen.getByTestId('task-note'), { target: { value: '全部完成' } });
    fireEvent.click(screen.getByTestId('task-save'));
    expect(await screen.findByText('进度必须是 0–100 的整数（百分比）')).toBeTruthy();
    expect(input().value).toBe('150');
    expect(api.calls('POST', '/tasks/5/updates')).toEqual([]);
  });

  it('refuses 已完成 while a milestone is open, naming it, and sends nothing', async () => {
    const { api } = setup();
    fireEvent.change(input(), { target: { value: '100' } });
    fireEvent.change(screen.getByTestId('task-note'), { target: { value: '完成' } });
    fireEvent.click(screen.getByTestId('task-save'));
    expect(
      await screen.findByText('里程碑「主体完工」尚未完成，任务不能标为已完成；请先填写里程碑的完成日期'),
    ).toBeTruthy();
    expect(api.calls('POST', '/tasks/5/updates')).toEqual([]);
  });

  it("shows the server's refusal under the field it names", async () => {
    const { api } = setup(
      apiError(422, '数据校验未通过（1 处错误）', [{ path: 'progress', message: '进度有误（服务器）' }]),
    );
    fireEvent.change(input(), { target: { value: '70' } });
    fireEvent.change(screen.getByTestId('task-note'), { target: { value: '推进中' } });
    fireEvent.click(screen.getByTestId('task-save'));
    expect(await screen.findByText('进度有误（服务器）')).toBeTruthy();
    await waitFor(() => expect(api.calls('POST', '/tasks/5/updates')).toHaveLength(1));
    expect(api.last('POST', '/tasks/5/updates')?.body).toEqual({
      version: 4,
      note: '推进中',
      progress: 70,
      state: 'in-progress',
    });
  });
});
