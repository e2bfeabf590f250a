import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import ReportEntry from './ReportEntry.tsx';

const institution = { id: 7, name: '红旗区人民医院', category: 'A1', ownership: 'government', areaCode: '410702' };

function setup(put: unknown = { ok: true }, items = [{ year: 2024, version: 3, beds_total: 120, staff_doctors: 45 }]) {
  const api = mockApi({
    'GET /institutions/7': institution,
    'GET /institutions/7/resources': { items },
    'GET /institutions': { items: [institution], total: 1 },
    'PUT /institutions/7/resources/2024': put,
  });
  renderPage(<ReportEntry />, { url: '/institutions/7/report/2024', path: '/institutions/:id/report/:year' });
  return api;
}

const field = (key: string) => screen.getByTestId(`field-${key}`) as HTMLInputElement;

describe('ReportEntry', () => {
  it('fills the form from the stored report and saves every field, an emptied one as not reported', async () => {
    const api = setup();
    await waitFor(() => expect(field('beds_total').value).toBe('120'));
    expect(screen.getByText('版本 3')).toBeTruthy();
    fireEvent.change(field('beds_total'), { target: { value: '130' } });
    fireEvent.change(field('staff_doctors'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('report-save'));
    await waitFor(() => expect(api.calls('PUT', '/institutions/7/resources/2024')).toHaveLength(1));
    expect(api.last('PUT', '/institutions/7/resources/2024')?.body).toEqual({
      beds_total: 130,
      staff_doctors: null,
      version: 3,
    });
    expect(await screen.findByText('已保存')).toBeTruthy();
  });

  it('a new report is sent without a version', async () => {
    const api = setup({ ok: true }, []);
    expect(await screen.findByText('新年报（尚未填报）')).toBeTruthy();
    fireEvent.change(field('beds_total'), { target: { value: '8' } });
    fireEvent.click(screen.getByTestId('report-save'));
    await waitFor(() =>
      expect(api.last('PUT', '/institutions/7/resources/2024')?.body).toEqual({ beds_total: 8, staff_doctors: null }),
    );
  });

  it('a concurrent edit (409) asks to reload instead of overwriting', async () => {
    setup({ status: 409, body: { error: { code: 'CONFLICT', message: '版本冲突' } } });
    await waitFor(() => expect(field('beds_total').value).toBe('120'));
    fireEvent.click(screen.getByTestId('report-save'));
    expect((await screen.findByTestId('report-conflict')).textContent).toContain('保存冲突');
  });

  it("puts the server's refusals under the fields they name, never prefixed with the field's key", async () => {
    setup(
      apiError(422, '年报数据有误', [
        { path: 'beds_total', message: '实有床位（130）不能小于 ICU 床位（140）' },
        { path: 'version', message: '版本号无效' },
      ]),
    );
    await waitFor(() => expect(field('beds_total').value).toBe('120'));
    fireEvent.click(screen.getByTestId('report-save'));
    const error = await screen.findByTestId('report-error');
    expect(error.textContent).toContain('年报数据有误');
    expect(error.textContent).toContain('请更正标红的字段后再保存');
    expect(error.textContent).toContain('版本号无效');
    expect(error.textContent).not.toContain('beds_total');
    expect(error.textContent).not.toContain('version');
    // The field's own message sits under the field (antd renders a field's errors a tick after the banner).
    await waitFor(() => {
      const item = field('beds_total').closest('.ant-form-item') as HTMLElement;
      expect(item.textContent).toContain('实有床位（130）不能小于 ICU 床位（140）');
    });
  });

  it('refuses negative beds as a field error instead of clamping them to 0, and sends nothing', async () => {
    const api = setup();
    await waitFor(() => expect(field('beds_total').value).toBe('120'));
    fireEvent.change(field('beds_total'), { target: { value: '-5' } });
    fireEvent.blur(field('beds_total'));
    fireEvent.click(screen.getByTestId('report-save'));
    expect(await screen.findByText('实有床位必须是非负整数')).toBeTruthy();
    expect(field('beds_total').value).toBe('-5');
    fireEvent.change(field('staff_doctors'), { target: { value: '2.5' } });
    fireEvent.blur(field('staff_doctors'));
    fireEvent.click(screen.getByTestId('report-save'));
    expect(await screen.findByText('执业医师必须是非负整数')).toBeTruthy();
    expect(field('staff_doctors').value).toBe('2.5');
    expect(api.calls('PUT', '/institutions/7/resources/2024')).toHaveLength(0);
  });
});
