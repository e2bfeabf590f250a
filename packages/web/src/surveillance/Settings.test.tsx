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

  it('refuses parameters that are not a JSON object, then saves the detector with the version', async () => {
    const { api } = setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    const params = await screen.findByTestId('disease-params');
    fireEvent.change(params, { target: { value: '[1, 2]' } });
    fireEvent.click(screen.getByTestId('disease-save'));
    expect(await screen.findByText('参数须为 JSON 对象')).toBeTruthy();
    expect(api.calls('PUT', '/surveillance/diseases/0301')).toEqual([]);
    fireEvent.change(params, { target: { value: '{"baseline": 14}' } });
    fireEvent.click(screen.getByTestId('disease-save'));
    await waitFor(() => expect(api.calls('PUT', '/surveillance/diseases/0301')).toHaveLength(1));
    expect(api.last('PUT', '/surveillance/diseases/0301')?.body).toMatchObject({
      algorithm: 'ears-c2',
      params: { baseline: 14 },
      deadlineHours: 24,
      version: 3,
    });
  });

  it('another detector starts from its own defaults', async () => {
    setup();
    await waitFor(() => expect(diseaseRows()).toHaveLength(2));
    fireEvent.click(within(diseaseRows()[0] as HTMLElement).getByTestId('disease-edit'));
    await pickOption('disease-algorithm', 'farrington');
    await waitFor(() => expect((screen.getByTestId('disease-params') as HTMLTextAreaElement).value).toBe('{}'));
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
