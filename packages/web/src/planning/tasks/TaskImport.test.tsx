import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../../test/fetch-mock.ts';
import { renderPage } from '../../test/render.tsx';
import { TaskImport } from './TaskImport.tsx';

function preview(text: string) {
  fireEvent.click(screen.getByText('导入任务清单'));
  fireEvent.change(screen.getByTestId('task-import-text'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('task-import-preview'));
}

describe('TaskImport', () => {
  it('shows the parser’s reason when no numbering is recognised', async () => {
    const reason = '未识别到编号：每行应以“一、”“（一）”“1.”“（1）”“①”之一开头；第 1 行“重点工作”都不是';
    mockApi({ 'POST /plans/3/tasks/import': apiError(422, reason, [{ path: 'text', message: reason }]) });
    renderPage(<TaskImport planId={3} />);
    preview('重点工作');
    const alert = await screen.findByTestId('task-import-error');
    expect(alert.textContent).toBe(reason);
  });

  it('lists the details under a generic summary', async () => {
    mockApi({
      'POST /plans/3/tasks/import': apiError(422, '数据校验未通过（1 处错误）', [
        { path: 'text', message: '第 1 行“重点工作”不以编号开头' },
      ]),
    });
    renderPage(<TaskImport planId={3} />);
    preview('重点工作');
    const alert = await screen.findByTestId('task-import-error');
    expect(alert.textContent).toContain('数据校验未通过（1 处错误）');
    expect(alert.textContent).toContain('第 1 行“重点工作”不以编号开头');
  });

  it('previews a 一、（一）（二） list', async () => {
    const api = mockApi({
      'POST /plans/3/tasks/import': {
        dryRun: true,
        sections: [{ number: '五', title: '保障措施', intro: '' }],
        total: 2,
        items: [
          { number: '五（一）', title: '加强组织领导', section: '保障措施' },
          { number: '五（二）', title: '加强分工协作', section: '保障措施' },
        ],
      },
    });
    renderPage(<TaskImport planId={3} />);
    preview('五、保障措施\n（一）加强组织领导\n（二）加强分工协作');
    // The submit button comes with the preview's answer (the typed text itself also holds the titles).
    expect((await screen.findByTestId('task-import-submit')).textContent).toContain('导入 2 项');
    expect(screen.getAllByText('加强分工协作', { exact: false }).length).toBeGreaterThan(0);
    expect(api.last('POST', '/plans/3/tasks/import')?.body).toMatchObject({ dryRun: true, kind: 'task' });
  });
});
