import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage, users } from '../test/render.tsx';
import StandardsPage, { accessMapLink } from './StandardsPage.tsx';
import type { CheckReport, StandardItem, Violation } from './types.ts';

const violation = (over: Partial<Violation>): Violation => ({
  standard: 'beds_per_1000',
  standardName: '每千人口床位数',
  scope: 'area',
  areaCode: '410702',
  areaName: '红旗区',
  countyCode: '410702',
  institutionId: null,
  name: '红旗区',
  actual: 5.2,
  required: 6,
  unit: '张',
  gap: 0.8,
  gapText: '差 0.8 张',
  ...over,
});

const summary = (code: string, name: string, violations: number) => ({
  code,
  name,
  scope: 'area' as const,
  level: null,
  unit: '张',
  comparator: '>=',
  params: { min: 6 },
  paramsRegion: null,
  checked: 5,
  violations,
  noData: 0,
  status: violations ? ('violated' as const) : ('ok' as const),
});

const report: CheckReport = {
  area: { code: '4107', name: '新乡市', level: 2 },
  year: 2024,
  summary: {
    standards: 2,
    active: 2,
    violated: 2,
    ok: 0,
    needsData: 0,
    violations: 3,
    byStandard: [summary('beds_per_1000', '每千人口床位数', 2), summary('ambulances', '救护车配置', 1)],
  },
  violations: [
    violation({}),
    violation({ areaCode: '410703', areaName: '卫滨区', countyCode: '410703', name: '卫滨区' }),
    violation({
      standard: 'ambulances',
      standardName: '救护车配置',
      scope: 'institution',
      institutionId: 9,
      name: '红旗区急救站',
      areaCode: '410702001',
      areaName: '西大街街道',
    }),
  ],
  areaResults: [],
  needsData: [],
};

const standard: StandardItem = {
  code: 'beds_per_1000',
  zh: '每千人口床位数',
  en: 'Beds per 1,000',
  scope: 'area',
  kind: 'rate',
  measure: 'beds',
  per: 1000,
  unit: '张',
  comparator: '>=',
  params: { min: 6 },
  defaults: { min: 6 },
  gapUnit: { zh: '张', en: 'beds' },
  source: { seed: 's', quote: 'q' },
  status: 'active',
  enabled: true,
  version: 5,
  updatedBy: null,
  updatedAt: null,
  regions: [],
};

function setup(url = '/standards', user = users.admin) {
  const api = mockApi({
    'GET /areas/:code': { code: '4107', name: '新乡市', children: [] },
    'GET /standards/check': report,
    'GET /standards': { total: 1, items: [standard] },
    'PUT /standards/beds_per_1000': { ok: true },
  });
  const view = renderPage(<StandardsPage />, { url, user });
  return { api, view };
}

const rows = () => screen.getAllByTestId('violation-row');

describe('StandardsPage', () => {
  it('checks the session area and lists the violations with their gap', async () => {
    const { api } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByTestId('standards-violations').textContent).toContain('3');
    expect(screen.getAllByText('差 0.8 张').length).toBeGreaterThan(0);
    expect(api.last('GET', '/standards/check')?.query.get('area')).toBe('4107');
  });

  it('links a place failing a spatial standard to the access map with its circle, others not', async () => {
    mockApi({
      'GET /areas/:code': { code: '4107', name: '新乡市', children: [] },
      'GET /standards/check': {
        ...report,
        violations: [
          violation({}),
          violation({
            standard: 'emergency-circle',
            standardName: '城市10分钟、县域30分钟急救圈',
            areaCode: '410782',
            areaName: '辉县市',
            countyCode: '410782',
            name: '辉县市',
          }),
        ],
      },
      'GET /standards': { total: 1, items: [standard] },
    });
    renderPage(<StandardsPage />, { url: '/standards', user: users.admin });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const links = screen.getAllByTestId('violation-map-link');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('/access?area=410782&minutes=30&facilities=emergencyCare');
    expect(accessMapLink({ standard: 'chc-15-minute-circle', areaCode: '410702001', areaName: '西大街街道' })).toBe(
      '/access?area=410702001&minutes=15&facilities=centres',
    );
    // A district is judged on the urban circle (its own number when the region set one).
    expect(accessMapLink({ standard: 'emergency-circle', areaCode: '410702', areaName: '红旗区' })).toBe(
      '/access?area=410702&minutes=10&facilities=emergencyCare',
    );
    expect(
      accessMapLink({ standard: 'emergency-circle', areaCode: '410702', areaName: '红旗区' }, { urbanMinutes: 15 }),
    ).toBe('/access?area=410702&minutes=15&facilities=emergencyCare');
    expect(accessMapLink({ standard: 'beds-per-1000', areaCode: '4107', areaName: '新乡市' })).toBeNull();
  });

  it('filters violations by standard, kind of object and county, kept in the URL', async () => {
    const { view } = setup('/standards?scope=institution');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText('红旗区急救站')).toBeTruthy();
    await pickOption('filter-scope', '区域');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(view.location()).toBe('/standards?scope=area');
    await pickOption('filter-county', '卫滨区');
    await waitFor(() => expect(rows()).toHaveLength(1));
  });

  it('an administrator changes a threshold and saves it with its version', async () => {
    const { api } = setup('/standards?tab=settings');
    const input = (await screen.findByTestId('param-beds_per_1000-min')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '6.5' } });
    fireEvent.click(await screen.findByTestId('save-beds_per_1000'));
    await waitFor(() =>
      expect(api.last('PUT', '/standards/beds_per_1000')?.body).toEqual({ version: 5, params: { min: 6.5 } }),
    );
  });

  it('a negative threshold stays as typed and is refused naming it, not clamped to 0 and saved', async () => {
    const { api } = setup('/standards?tab=settings');
    const input = (await screen.findByTestId('param-beds_per_1000-min')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '-5' } });
    fireEvent.blur(input);
    fireEvent.click(await screen.findByTestId('save-beds_per_1000'));
    expect(await screen.findByText('下限不能为负数（收到 -5）')).toBeTruthy();
    expect(input.value).toBe('-5');
    expect(api.calls('PUT', '/standards/beds_per_1000')).toEqual([]);
  });

  it('other users see the thresholds read-only', async () => {
    setup('/standards?tab=settings', users.city);
    const input = (await screen.findByTestId('param-beds_per_1000-min')) as HTMLInputElement;
    expect(input.disabled).toBe(true);
  });
});
