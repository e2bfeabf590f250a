import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { renderPage, search, users } from '../test/render.tsx';
import PlanImport from './PlanImport.tsx';
import { preview } from './plan-import/fixtures.ts';

const routes = {
  'GET /indicators': { total: 0, items: [] },
  'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] },
  'POST /plans/import/preview': preview,
  'POST /plans': { id: 9, name: '新乡规划' },
};

async function pasteAndPreview() {
  fireEvent.click(screen.getByTestId('source-paste'));
  const box = await screen.findByTestId('plan-paste');
  const button = screen.getByTestId('plan-paste-preview');
  expect((button as HTMLButtonElement).disabled).toBe(true);
  fireEvent.change(box, { target: { value: '序号\t指标\n1\t人均预期寿命' } });
  fireEvent.click(button);
}

describe('PlanImport', () => {
  it('source step: pasted text is sent for a preview and a refused table is explained', async () => {
    const api = mockApi({
      ...routes,
      'POST /plans/import/preview': apiError(422, '未找到指标表', [{ message: '缺少“指标名称”列' }]),
    });
    renderPage(<PlanImport />, { url: '/plans/import' });
    await pasteAndPreview();
    const error = await screen.findByTestId('plan-parse-error');
    expect(error.textContent).toContain('未找到指标表');
    expect(error.textContent).toContain('缺少“指标名称”列');
    expect(api.last('POST', '/plans/import/preview')?.body).toEqual({ text: '序号\t指标\n1\t人均预期寿命' });
  });

  it('review step: creating waits for a name, a region and every low-confidence link', async () => {
    const api = mockApi(routes);
    const view = renderPage(<PlanImport />, { url: '/plans/import', user: users.admin });
    await pasteAndPreview();
    const rows = await screen.findAllByTestId('preview-row');
    expect(rows.map((r) => r.getAttribute('data-confirmed'))).toEqual(['true', 'false']);
    expect(rows.map((r) => r.getAttribute('data-target-state'))).toEqual(['ok', 'unparsed']);
    expect(screen.getByTestId('unconfirmed-count').textContent).toContain('1');
    const create = screen.getByTestId('plan-create') as HTMLButtonElement;
    expect(create.disabled).toBe(true);

    fireEvent.change(screen.getByTestId('plan-name'), { target: { value: '新乡规划' } });
    search('plan-region-code', '4107');
    expect((await screen.findByTestId('plan-region-name')).textContent).toContain('新乡市');
    expect(create.disabled).toBe(true);

    const confirms = screen.getAllByTestId('match-confirm');
    fireEvent.click(confirms[1] as HTMLElement);
    await waitFor(() => expect(create.disabled).toBe(false));
    fireEvent.click(create);

    await waitFor(() => expect(view.location()).toBe('/plans/9'));
    const body = api.last('POST', '/plans')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ regionCode: '4107', name: '新乡规划', baselineYear: 2020, periodEnd: 2025 });
    expect((body.indicators as unknown[]).length).toBe(2);
  });

  it('review step: a refusal names the table row, not the wire path of the field', async () => {
    mockApi({
      ...routes,
      'POST /plans': apiError(400, '请求参数有误', [{ path: 'indicators.1.baseline', message: '必须是数字' }]),
    });
    renderPage(<PlanImport />, { url: '/plans/import', user: users.admin });
    await pasteAndPreview();
    await screen.findAllByTestId('preview-row');
    fireEvent.change(screen.getByTestId('plan-name'), { target: { value: '新乡规划' } });
    search('plan-region-code', '4107');
    await screen.findByTestId('plan-region-name');
    fireEvent.click(screen.getAllByTestId('match-confirm')[1] as HTMLElement);
    const create = screen.getByTestId('plan-create') as HTMLButtonElement;
    await waitFor(() => expect(create.disabled).toBe(false));
    fireEvent.click(create);
    const error = await screen.findByTestId('plan-create-error');
    expect(error.textContent).toContain('行 2：必须是数字');
    expect(error.textContent).not.toContain('indicators');
  });

  it('review step: a year outside 1949–2100 stays as typed and is marked, not clamped', async () => {
    mockApi(routes);
    renderPage(<PlanImport />, { url: '/plans/import', user: users.admin });
    await pasteAndPreview();
    const end = (await screen.findByTestId('plan-periodEnd')) as HTMLInputElement;
    fireEvent.change(end, { target: { value: '2300' } });
    fireEvent.blur(end);
    expect(await screen.findByText('年份必须是 1949–2100 的整数')).toBeTruthy();
    expect(end.value).toBe('2300');
  });

  it('review step: an unknown region code is refused without a request', async () => {
    const api = mockApi(routes);
    renderPage(<PlanImport />, { url: '/plans/import', user: users.admin });
    await pasteAndPreview();
    await screen.findAllByTestId('preview-row');
    search('plan-region-code', 'abc');
    expect(await screen.findByText('未找到区划 abc')).toBeTruthy();
    expect(api.calls('GET', '/areas/abc')).toEqual([]);
  });

  it('review step: an unparsed target is structured by hand in the target editor', async () => {
    mockApi(routes);
    renderPage(<PlanImport />, { url: '/plans/import' });
    await pasteAndPreview();
    fireEvent.click(await screen.findByTestId('structure-target'));
    const value = await screen.findByTestId('target-value');
    await userEvent.type(value, '7');
    fireEvent.click(screen.getByTestId('target-editor-ok'));
    await waitFor(() =>
      expect(screen.getAllByTestId('preview-row').map((r) => r.getAttribute('data-target-state'))).toEqual([
        'ok',
        'ok',
      ]),
    );
    expect(screen.queryByTestId('unparsed-count')).toBeNull();
  });
});
