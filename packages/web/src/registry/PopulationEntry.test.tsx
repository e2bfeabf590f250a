import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import PopulationEntry from './PopulationEntry.tsx';

const county = { code: '410702', name: '红旗区', level: 3, ancestors: [], children: [] };
const field = (key: string) => screen.getByTestId(`field-${key}`) as HTMLInputElement;

function setup(record: unknown, put: unknown = { ok: true }, area = county) {
  localStorage.setItem('weijian.area', area.code);
  return mockApi({
    'GET /areas/:code': area,
    'GET /areas/:code/summary': { code: area.code, name: area.name, year: 2024, population: 300000 },
    'GET /areas/410702/population/2024': record,
    'PUT /areas/410702/population/2024': put,
  });
}

describe('PopulationEntry', () => {
  it('edits the stored figures of a county and saves them with their version', async () => {
    const api = setup({ areaCode: '410702', year: 2024, version: 2, resident: 300000, male: 151000 });
    renderPage(<PopulationEntry />, { url: '/population' });
    await waitFor(() => expect(field('resident').value).toBe('300000'));
    fireEvent.change(field('male'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('population-save'));
    await waitFor(() =>
      expect(api.last('PUT', '/areas/410702/population/2024')?.body).toEqual({
        resident: 300000,
        male: null,
        version: 2,
      }),
    );
  });

  it('a year not recorded yet (404) starts empty and is sent without a version', async () => {
    const api = setup({ status: 404, body: { error: { code: 'NOT_FOUND', message: '无' } } });
    renderPage(<PopulationEntry />, { url: '/population' });
    expect(await screen.findByText('新年报（尚未填报）')).toBeTruthy();
    fireEvent.change(field('resident'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('population-save'));
    await waitFor(() =>
      expect(api.last('PUT', '/areas/410702/population/2024')?.body).toEqual({ resident: 5, male: null }),
    );
  });

  it("shows the server's field errors under their field, without the field's key", async () => {
    setup(
      { areaCode: '410702', year: 2024, version: 1 },
      apiError(422, '人口数据有误', [{ path: 'male', message: '男性（0）小于下级区划已填报之和（50,000）' }]),
    );
    renderPage(<PopulationEntry />, { url: '/population' });
    await screen.findByText('版本 1');
    fireEvent.click(screen.getByTestId('population-save'));
    const error = await screen.findByTestId('population-error');
    expect(error.textContent).toContain('请更正标红的字段后再保存');
    expect(error.textContent).not.toContain('male');
    const item = field('male').closest('.ant-form-item') as HTMLElement;
    await waitFor(() => expect(item.textContent).toContain('男性（0）小于下级区划已填报之和（50,000）'));
  });

  it('refuses −100 males as a field error instead of saving 0', async () => {
    const api = setup({ areaCode: '410702', year: 2024, version: 1, resident: 300000, male: 151000 });
    renderPage(<PopulationEntry />, { url: '/population' });
    await waitFor(() => expect(field('male').value).toBe('151000'));
    fireEvent.change(field('male'), { target: { value: '-100' } });
    fireEvent.blur(field('male'));
    fireEvent.click(screen.getByTestId('population-save'));
    expect(await screen.findByText('男性必须是非负整数')).toBeTruthy();
    expect(field('male').value).toBe('-100');
    expect(api.calls('PUT', '/areas/410702/population/2024')).toHaveLength(0);
  });

  it('flags a total the server saved with a warning (it disagrees with its sub-areas), on reading and on saving', async () => {
    const warning = {
      path: 'resident',
      message: '常住人口：红旗区的总数（300,500）大于全部下级区划之和（300,000），请核对',
    };
    setup(
      { areaCode: '410702', year: 2024, version: 1, resident: 300500, warnings: [warning] },
      { areaCode: '410702', year: 2024, version: 2, resident: 300000, warnings: [] },
    );
    renderPage(<PopulationEntry />, { url: '/population' });
    expect((await screen.findByTestId('population-warning')).textContent).toContain(warning.message);
    fireEvent.change(field('resident'), { target: { value: '300000' } });
    fireEvent.click(screen.getByTestId('population-save'));
    await waitFor(() => expect(screen.queryByTestId('population-warning')).toBeNull());
  });

  it('above county level the figures are not entered', async () => {
    setup({}, {}, { code: '4107', name: '新乡市', level: 2, ancestors: [], children: [] });
    renderPage(<PopulationEntry />, { url: '/population' });
    expect(await screen.findByTestId('population-county-only')).toBeTruthy();
  });
});
