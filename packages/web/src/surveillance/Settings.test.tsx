import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage, search, users } from '../test/render.tsx';
import Settings from './Settings.tsx';
import type { Disease } from './types.ts';

const disease = (code: string, nameZh: string, over: Partial<Disease> = {}): Disease => ({
  code,
  nameZh,
  nameEn: nameZh,
  icd10: null,
  class: 'B',
  deadlineHours: 24,
  immediate: false,
  clusterCases: null,
  clusterDays: null,
  algorithm: 'ears-c2',
  params: { baseline: 7 },
  areaLevel: 'county',
  frequency: 'day',
  syndrome: code,
  enabled: true,
  builtin: true,
  version: 3,
  ...over,
});

function setup(url = '/surveillance/settings', user = users.city, put: unknown = { ok: true }) {
  const api = mockApi({
    'GET /surveillance/diseases': {
      items: [
        disease('0301', '病毒性肝炎'),
        disease('0101', '鼠疫', { class: 'A', immediate: true, deadlineHours: 2 }),
      ],
      classes: { A: { zh: '甲类', en: 'Class A' }, B: { zh: '乙类', en: 'Class B' } },
    },
    'GET /surveillance/streams': { items: [] },
    'PUT /surveillance/diseases/0301': put,
    'POST /surveillance/streams': { ok: true },
  });
  const view = renderPage(<Settings />, { url, user });
  return { api, view };
}

const diseaseRows = () => screen.getAllByTestId('disease-row');

describe('Settings', () => {
  it('searches the diseases by code or name', async () => {
    setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    search('disease-search', '鼠');
    await waitFor(() => expect(diseaseRows().map((r) => r.getAttribute('data-code'))).toEqual(['0101']));
  });

  it('edits parameters as typed fields: every problem at once by its label, nothing sent until fixed', async () => {
    const { api } = setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    const baseline = (await screen.findByTestId('disease-params-baseline')) as HTMLInputElement;
    expect(baseline.value).toBe('7');
    // The default is the placeholder of a blank field, the help a line under it.
    expect((screen.getByTestId('disease-params-alpha') as HTMLInputElement).placeholder).toBe('默认 0.001');
    expect(screen.getByText('用最近多少期计算均值和标准差')).toBeTruthy();
    fireEvent.change(baseline, { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('disease-params-alpha'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('disease-save'));
    expect((await screen.findAllByText('基线期数（baseline）应为整数（≥ 3，≤ 365）')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('显著性水平 alpha（alpha）应为数值（> 0，≤ 1）').length).toBeGreaterThan(0);
    expect(api.calls('PUT', '/surveillance/diseases/0301')).toEqual([]);
    fireEvent.change(baseline, { target: { value: '14' } });
    fireEvent.change(screen.getByTestId('disease-params-alpha'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('disease-save'));
    await waitFor(() => expect(api.calls('PUT', '/surveillance/diseases/0301')).toHaveLength(1));
    expect(api.last('PUT', '/surveillance/diseases/0301')?.body).toMatchObject({
      algorithm: 'ears-c2',
      params: { baseline: 14 },
      deadlineHours: 24,
      version: 3,
    });
  });

  it('refuses a cluster threshold of 0 under its field instead of clamping it to 1', async () => {
    const { api } = setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    const cases = (await screen.findByTestId('f-clusterCases')) as HTMLInputElement;
    fireEvent.change(cases, { target: { value: '0' } });
    fireEvent.blur(cases);
    fireEvent.click(screen.getByTestId('disease-save'));
    expect(await screen.findByText('聚集病例数阈值必须是不小于 1 的整数')).toBeTruthy();
    expect(cases.value).toBe('0');
    expect(api.calls('PUT', '/surveillance/diseases/0301')).toEqual([]);
  });

  it('keeps parameters no field shows as JSON under more parameters', async () => {
    const { api } = setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    const json = (await screen.findByTestId('disease-params-json')) as HTMLTextAreaElement;
    expect(json.value).toBe('');
    fireEvent.change(json, { target: { value: '{"baselin": 9}' } });
    fireEvent.click(screen.getByTestId('disease-save'));
    expect(
      (await screen.findAllByText('EARS C2没有参数“baselin”（可用：baseline, alpha, minSigma）', { exact: false }))
        .length,
    ).toBeGreaterThan(0);
    expect(api.calls('PUT', '/surveillance/diseases/0301')).toEqual([]);
  });

  it('another detector starts from its own defaults', async () => {
    setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    await pickOption('disease-algorithm', 'Farrington 算法（farrington）');
    const b = (await screen.findByTestId('disease-params-b')) as HTMLInputElement;
    expect(b.value).toBe('');
    expect(b.placeholder).toBe('默认 5');
    expect(screen.queryByTestId('disease-params-baseline')).toBeNull();
  });

  it('previews the last year’s alarms of the proposed setting before saving', async () => {
    setup();
    const preview = {
      subject: '0301',
      area: '4107',
      unit: 'day',
      from: '2025-12-09',
      to: '2026-12-07',
      alarms: 3,
      currentAlarms: 11,
      counties: [{ code: '410782', name: '辉县市', alarms: 3, current: 11 }],
      periods: [],
      error: null,
    };
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    // The same pages, now also answering the preview (and recording what it was sent).
    const api = mockApi({
      'GET /surveillance/diseases': { items: [disease('0301', '病毒性肝炎')], classes: {} },
      'GET /surveillance/streams': { items: [] },
      'POST /surveillance/detector-preview': preview,
    });
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    fireEvent.change(await screen.findByTestId('disease-params-baseline'), { target: { value: '28' } });
    fireEvent.click(screen.getByTestId('detector-preview'));
    const result = await screen.findByTestId('detector-preview-result');
    expect(result.textContent).toContain('2025-12-09 至 2026-12-07：新设置共报警 3 次（当前设置 11 次）');
    expect(result.textContent).toContain('辉县市');
    expect(api.last('POST', '/surveillance/detector-preview')?.body).toEqual({
      subject: '0301',
      algorithm: 'ears-c2',
      params: { baseline: 28 },
      frequency: 'day',
      area: '4107',
    });
    expect(api.calls('PUT', '/surveillance/diseases/0301')).toEqual([]);
  });

  it('a concurrent edit asks to reopen', async () => {
    setup('/surveillance/settings', users.city, { status: 409, body: { error: { code: 'CONFLICT', message: 'x' } } });
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    fireEvent.click(await screen.findByTestId('disease-save'));
    expect((await screen.findByTestId('disease-error')).textContent).toBe('设置已被他人修改，请关闭后重新打开');
  });

  it('read-only users cannot edit the settings', async () => {
    setup('/surveillance/settings', users.readonly);
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    expect(screen.queryByTestId('disease-edit')).toBeNull();
  });

  it('a new stream needs a lower-case code and both names', async () => {
    const { api } = setup('/surveillance/settings?tab=streams');
    fireEvent.click(await screen.findByTestId('stream-add'));
    fireEvent.click(await screen.findByTestId('stream-save'));
    expect(await screen.findAllByText('必填')).toHaveLength(2);
    expect(api.calls('POST', '/surveillance/streams')).toEqual([]);
  });
});
