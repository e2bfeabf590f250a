import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { mockApi, type Sent } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import IndicatorPage from './IndicatorPage.tsx';
import { evaluation, item, plan } from './test-fixtures.ts';
import type { CatalogueIndicator, PlanIndicator } from './types.ts';

const lifeExpectancy: CatalogueIndicator = {
  code: 'life_expectancy',
  zh: '人均预期寿命',
  en: 'Life expectancy',
  aliases: ['预期寿命'],
  unit: '岁',
  multiplier: 1,
  direction: 'higher',
  domain: '健康水平',
  decimals: 1,
  source: { kind: 'reported', defaultSource: 'statistical-yearbook' },
  components: [],
};
const first = plan.indicators[0] as PlanIndicator;

function byArea(req: Sent) {
  const year = Number(req.query.get('year'));
  const known = year <= 2023;
  const child = {
    ...item(first, year, known ? 80.1 : null, 'met'),
    areaCode: '410702',
    areaName: '红旗区',
    areaLevel: 3,
  };
  const region = { ...item(first, year, null, 'no-data'), areaCode: '4107', areaName: '新乡市', areaLevel: 2 };
  return { year, asOf: null, area: region, counts: {}, total: 1, items: [child] };
}

function setup(stored: unknown[] = [], put: unknown = { ok: true }, user = users.city) {
  const api = mockApi({
    'GET /plans/3': plan,
    'GET /indicators': { total: 1, items: [lifeExpectancy] },
    'GET /areas/:code': { code: '4107', name: '新乡市', children: [{ code: '410702', name: '红旗区' }] },
    'GET /areas/4107/boundaries': { status: 404, body: { error: { code: 'NOT_FOUND', message: '' } } },
    'GET /plans/3/evaluation': (req: Sent) =>
      evaluation(req.query.get('area') ?? '4107', Number(req.query.get('year') ?? 2024)),
    'GET /plans/3/indicators/1/by-area': byArea,
    'GET /indicator-values': { total: stored.length, items: stored },
    'PUT /indicator-values': put,
  });
  const view = renderPage(<IndicatorPage />, {
    url: '/plans/3/indicators/1?area=4107',
    path: '/plans/:id/indicators/:seq',
    user,
  });
  return { api, view };
}

describe('IndicatorPage', () => {
  it('shows the definition from the catalogue and draws the series of the region, its children and the expected path', async () => {
    setup();
    expect((await screen.findByTestId('indicator-title')).textContent).toBe('人均预期寿命');
    const definition = screen.getByTestId('indicator-definition');
    expect(await within(definition).findByText('人均预期寿命 / Life expectancy')).toBeTruthy();
    expect(within(definition).getByTestId('indicator-formula').textContent).toContain('填报指标');
    await waitFor(() => {
      const series = chart('indicator-series').option.series as { name: string; data: (number | null)[] }[];
      expect(series.map((s) => s.name)).toEqual(['新乡市', '红旗区', '预期进度']);
      expect(series[0]?.data).toEqual([79.5, 79.5, 79.5, 79.5, null, null]);
    });
  });

  it('enters a reported value for the chosen area and year', async () => {
    const { api } = setup();
    expect((await screen.findByTestId('existing-value')).textContent).toBe('该区域该年份尚无填报值');
    const input = screen.getByTestId('value-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '79.8' } });
    fireEvent.click(screen.getByTestId('value-save'));
    await waitFor(() => expect(api.calls('PUT', '/indicator-values')).toHaveLength(1));
    expect(api.last('PUT', '/indicator-values')?.body).toEqual({
      indicator: 'life_expectancy',
      area: '4107',
      year: 2023,
      value: 79.8,
      source: 'statistical-yearbook',
      note: null,
    });
  });

  it('sends the version of the stored value and explains a conflict', async () => {
    const stored = {
      countyCode: '4107',
      areaCode: '4107',
      indicator: 'life_expectancy',
      year: 2023,
      value: 79.5,
      source: 'survey',
      note: '抽样',
      synthetic: false,
      updatedBy: 'city',
      version: 4,
      updatedAt: '2024-01-01T00:00:00Z',
    };
    const { api } = setup([stored], { status: 409, body: { error: { code: 'CONFLICT', message: 'x' } } });
    await waitFor(() => expect((screen.getByTestId('value-input') as HTMLInputElement).value).toBe('79.5'));
    fireEvent.click(screen.getByTestId('value-save'));
    expect(await screen.findByTestId('value-error')).toBeTruthy();
    expect(api.last('PUT', '/indicator-values')?.body).toMatchObject({ version: 4, source: 'survey', note: '抽样' });
  });

  it('read-only users see the value but cannot save', async () => {
    setup([], {}, users.readonly);
    await screen.findByTestId('existing-value');
    expect((screen.getByTestId('value-input') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId('edit-target')).toBeNull();
  });
});
