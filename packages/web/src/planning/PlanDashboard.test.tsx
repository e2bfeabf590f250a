import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, type Sent } from '../test/fetch-mock.ts';
import { pickOption, renderPage } from '../test/render.tsx';
import PlanDashboard from './PlanDashboard.tsx';
import { evaluation, plan } from './test-fixtures.ts';

function setup(url: string) {
  const api = mockApi({
    'GET /plans/3': plan,
    'GET /indicators': { total: 0, items: [] },
    'GET /areas/:code': {
      code: '4107',
      name: '新乡市',
      children: [{ code: '410702', name: '红旗区', level: 'county' }],
    },
    'GET /plans/3/evaluation': (req: Sent) =>
      evaluation(req.query.get('area') ?? '4107', Number(req.query.get('year') ?? 2024)),
  });
  const view = renderPage(<PlanDashboard />, { url, path: '/plans/:id' });
  return { api, view };
}

const rows = () => screen.getAllByTestId('indicator-row');

describe('PlanDashboard', () => {
  it('without a year, shows the latest year with the most values, grouped by domain', async () => {
    const { api } = setup('/plans/3');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByTestId('dashboard-subtitle').textContent).toContain('2023');
    expect(rows().map((r) => r.getAttribute('data-seq'))).toEqual(['1', '3', '2']);
    expect(api.calls('GET', '/plans/3/evaluation').some((c) => c.query.get('year') === '2023')).toBe(true);
  });

  it('filters the indicators by the status, nature and domain in the URL', async () => {
    setup('/plans/3?year=2023&status=lagging');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-seq'))).toEqual(['3']));
  });

  it('a chosen filter writes the URL', async () => {
    const { view } = setup('/plans/3?year=2023');
    await waitFor(() => expect(rows()).toHaveLength(3));
    await pickOption('filter-nature', '约束性');
    await waitFor(() => expect(view.location()).toBe('/plans/3?year=2023&nature=binding'));
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-nature'))).toEqual(['binding']));
  });

  it('links each indicator with the area and year shown', async () => {
    setup('/plans/3?year=2022&area=410702');
    await waitFor(() => expect(rows()).toHaveLength(3));
    const links = screen.getAllByTestId('indicator-link').map((a) => a.getAttribute('href'));
    expect(links[0]).toBe('/plans/3/indicators/1?area=410702&year=2022');
  });
});
