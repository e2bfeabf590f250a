import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage } from '../test/render.tsx';
import AccessMap from './AccessMap.tsx';

const network = { id: 1, name: '新乡市合成路网', synthetic: true, profile: 'drive', lines: 10, edges: 20 };
const village = (code: string, minutes: number | null) => ({
  code,
  name: `村${code.slice(-3)}`,
  townshipCode: code.slice(0, 9),
  lng: 113.9 + Number(code.slice(-1)) / 100,
  lat: 35.3,
  households: 100,
  minutes,
  facilityId: minutes === null ? null : 9,
  facilityName: minutes === null ? null : '某机构',
});
const row = (share: number) => ({
  code: '410782',
  name: '辉县市',
  level: 3,
  villages: 3,
  households: 300,
  householdsCovered: 300 * share,
  residents: 900,
  residentsCovered: 900 * share,
  share,
  residentShare: share,
});

/** The demo's shape: every village next to a clinic, but only one emergency centre far from two of them. */
function accessApi() {
  return mockApi({
    'GET /access/networks': {
      total: 1,
      items: [{ ...network, cityCode: '4107', source: 'synthetic', isCurrent: true, bbox: [] }],
    },
    'GET /access/networks/:id/geojson': {
      type: 'FeatureCollection',
      network: { id: 1, synthetic: true },
      features: [],
    },
    'GET /access/nearest': (req: { query: URLSearchParams }) => {
      const emergency = req.query.get('categories') === 'E';
      return {
        area: { code: '410782', name: '辉县市' },
        network,
        total: 3,
        items: [
          village('410782101001', emergency ? 12 : 3),
          village('410782101002', emergency ? 40 : 4),
          village('410782101003', emergency ? null : 5),
        ],
      };
    },
    'GET /access/coverage': (req: { query: URLSearchParams }) => ({
      area: row(req.query.get('categories') === 'E' ? 1 / 3 : 1),
      minutes: 15,
      children: [],
      offNetwork: 0,
      network,
    }),
    'GET /access/institutions': (req: { query: URLSearchParams }) => ({
      area: { code: '410782', name: '辉县市' },
      total: 1,
      items:
        req.query.get('categories') === 'E'
          ? [{ id: 5, name: '急救站', category: 'E2', areaCode: '410782101', lng: 113.9, lat: 35.3 }]
          : [{ id: 9, name: '某村卫生室', category: 'D6', areaCode: '410782101', lng: 113.95, lat: 35.31 }],
    }),
    'GET /access/scenarios': { total: 0, items: [] },
  });
}

describe('AccessMap', () => {
  it('the facility category changes what counts: emergency leaves villages outside, counted, shaded and shared', async () => {
    const api = accessApi();
    renderPage(<AccessMap />, { url: '/access?area=410782', path: '/access' });
    await waitFor(() => expect(screen.getByTestId('access-map').getAttribute('data-villages')).toBe('3'));
    expect(screen.getByTestId('uncovered-count').textContent).toBe('圈外村 0 个');
    await waitFor(() => expect(screen.getByTestId('covered-share').textContent).toBe('15 分钟内户数占 100.0%'));
    expect(api.last('GET', '/access/nearest')?.query.get('categories')).toBe('A,B,C,D');
    expect(api.last('GET', '/access/institutions')?.query.get('categories')).toBe('A,B,C,D');

    await pickOption('access-categories', '急救中心（站）');
    await waitFor(() => expect(screen.getByTestId('uncovered-count').textContent).toBe('圈外村 2 个'));
    expect(screen.getByTestId('access-map').getAttribute('data-uncovered')).toBe('2');
    expect(screen.getByTestId('access-map').getAttribute('data-categories')).toBe('E');
    await waitFor(() => expect(screen.getByTestId('covered-share').textContent).toBe('15 分钟内户数占 33.3%'));
    expect(api.last('GET', '/access/coverage')?.query.get('categories')).toBe('E');
    // The shaded series holds the two villages beyond 15 minutes (one unreachable).
    const series = chart('access-map').option.series as { id: string; data: unknown[] }[];
    expect(series.find((s) => s.id === 'uncovered')?.data).toHaveLength(2);
    expect(series.find((s) => s.id === 'covered')?.data).toHaveLength(1);
    // Only the emergency station is drawn as an institution.
    await waitFor(() => {
      const drawn = chart('access-map').option.series as { id: string; data: { name: string }[] }[];
      expect(drawn.find((s) => s.id === 'institutions')?.data.map((d) => d.name)).toEqual(['急救站']);
    });
  });

  it('opens with the minutes and institutions a link asks for (the standards page links failing places here)', async () => {
    const api = accessApi();
    renderPage(<AccessMap />, { url: '/access?area=410782&minutes=30&facilities=emergency', path: '/access' });
    await waitFor(() => expect(api.last('GET', '/access/coverage')?.query.get('minutes')).toBe('30'));
    expect(api.last('GET', '/access/coverage')?.query.get('categories')).toBe('E');
    await waitFor(() => expect(screen.getByTestId('access-map').getAttribute('data-categories')).toBe('E'));
  });

  it('ignores minutes and institutions it does not offer', async () => {
    const api = accessApi();
    renderPage(<AccessMap />, { url: '/access?area=410782&minutes=7&facilities=toString', path: '/access' });
    await waitFor(() => expect(api.last('GET', '/access/coverage')?.query.get('minutes')).toBe('15'));
    expect(api.last('GET', '/access/coverage')?.query.get('categories')).toBe('A,B,C,D');
  });
});
