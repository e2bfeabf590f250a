import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import Indicators from './Indicators.tsx';
import type { IndicatorList, IndicatorMap } from './types.ts';

const list: IndicatorList = {
  area: '410782',
  name: '辉县市',
  year: 2024,
  indicators: [
    {
      code: 'hypertension-bp-control',
      zh: '高血压患者血压控制率',
      en: 'Hypertension BP control',
      numerator: 1830,
      denominator: 3031,
      value: 60.376,
      source: 'care',
      denominatorSource: 'care',
      definition: { zh: '最近一次血压<140/90 的在管患者 ÷ 在管患者', en: 'Latest BP <140/90 ÷ managed' },
      asOf: null,
    },
    {
      code: 'ehr-coverage',
      zh: '居民电子健康档案建档率',
      en: 'Health record coverage',
      numerator: null,
      denominator: null,
      value: null,
      source: null,
      denominatorSource: 'registry',
      definition: { zh: '建档居民 ÷ 常住人口', en: 'Records ÷ residents' },
      asOf: null,
    },
  ],
};
const map: IndicatorMap = {
  area: '410782',
  year: 2024,
  code: 'hypertension-bp-control',
  zh: '高血压患者血压控制率',
  en: 'Hypertension BP control',
  definition: list.indicators[0]!.definition,
  areas: [
    { code: '410782100', name: '城关镇', level: 4, numerator: 900, denominator: 1400, value: 64.3, source: 'care' },
    { code: '410782101', name: '薄壁镇', level: 4, numerator: 930, denominator: 1631, value: 57.0, source: 'care' },
  ],
};

describe('Indicators', () => {
  it('shows each figure with its fraction, its source and its definition, and a chosen one by township', async () => {
    const api = mockApi({
      'GET /care/indicators': list,
      'GET /care/indicators/map': map,
      'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] },
      'GET /areas/:code/boundaries': { status: 404, body: { error: { code: 'NOT_FOUND', message: '' } } },
    });
    renderPage(<Indicators />, { url: '/care/indicators?area=410782&year=2024', user: users.city });
    const rows = await screen.findAllByTestId('ind-row');
    expect(api.last('GET', '/care/indicators')?.query.toString()).toBe('area=410782&year=2024');
    const bp = rows[0] as HTMLElement;
    expect(bp.textContent).toContain('高血压患者血压控制率');
    expect(bp.textContent).toContain('60.4%');
    expect(bp.textContent).toContain('1,830 / 3,031');
    expect(bp.textContent).toContain('由档案实时计算');
    expect(bp.textContent).toContain('最近一次血压<140/90 的在管患者 ÷ 在管患者');
    // Without care records the plan keeps its reported value, and the page says so.
    expect(rows[1]?.textContent).toContain('无档案：规划沿用填报值');
    fireEvent.click(bp);
    await waitFor(() =>
      expect(api.last('GET', '/care/indicators/map')?.query.get('code')).toBe('hypertension-bp-control'),
    );
    await screen.findByText('薄壁镇');
    // No coordinates from the server: sub-areas are bars, the lowest first.
    const drawn = chart('ind-map');
    expect(drawn['data-mode']).toBe('bars');
    expect((drawn.option.yAxis as { data: string[] }).data).toEqual(['薄壁镇', '城关镇']);
  });
});
