import { describe, expect, it } from 'vitest';
import { taskEntryProblems } from './index.ts';

describe('what a task may not be saved as', () => {
  const open = { title: '主体完工', due: '2024-06-30', done: null };
  const reached = { title: '设备招标', due: '2022-09-30', done: '2022-09-01' };

  it('refuses progress outside 0–100 and fractions, naming the value', () => {
    expect(taskEntryProblems({ state: 'in-progress', progress: 150, milestones: [] })).toEqual([
      {
        field: 'progress',
        message: {
          zh: '进度必须是 0–100 的整数（百分比），收到 150',
          en: 'Progress must be a whole percentage from 0 to 100, got 150',
        },
      },
    ]);
    expect(taskEntryProblems({ state: 'in-progress', progress: -5, milestones: [] })).toHaveLength(1);
    expect(taskEntryProblems({ state: 'in-progress', progress: 12.5, milestones: [] })).toHaveLength(1);
  });

  it('refuses 已完成, typed or implied by 100 %, while a milestone is open', () => {
    const done = taskEntryProblems({ state: 'done', progress: 80, milestones: [reached, open] });
    expect(done.map((p) => p.field)).toEqual(['state']);
    expect(done[0]!.message.zh).toContain('「主体完工」');
    expect(taskEntryProblems({ state: 'in-progress', progress: 100, milestones: [open] })[0]!.field).toBe('progress');
  });

  it('accepts a finished task whose milestones are all reached, and open milestones on unfinished work', () => {
    expect(taskEntryProblems({ state: 'done', progress: 100, milestones: [reached] })).toEqual([]);
    expect(taskEntryProblems({ state: 'in-progress', progress: 60, milestones: [open] })).toEqual([]);
  });
});
