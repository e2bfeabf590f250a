import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, type Sent } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import PlanList from './PlanList.tsx';

const plan = {
  id: 3,
  name: '新乡市“十四五”卫生健康规划',
  regionCode: '4107',
  regionName: '新乡市',
  periodStart: 2021,
  periodEnd: 2025,
  baselineYear: 2020,
  currentVersion: 2,
  indicatorCount: 30,
  status: 'active',
  synthetic: true,
  updatedAt: '2024-05-01T00:00:00Z',
};

const counts = (noData: number) => ({ met: 30 - noData, 'on-track': 0, lagging: 0, warning: 0, 'no-data': noData });

describe('PlanList', () => {
  it('lists the plans with period, version and status', async () => {
    mockApi({
      'GET /plans': { items: [plan] },
      'GET /plans/3/evaluation': {
        year: 2024,
        area: { code: '4107', name: '新乡市' },
        counts: counts(2),
        total: 30,
        plan,
      },
    });
    renderPage(<PlanList />, { url: '/plans' });
    const row = await screen.findByTestId('plan-row');
    expect(within(row).getByText(plan.name)).toBeTruthy();
    expect(within(row).getByText('执行中')).toBeTruthy();
    expect(within(row).getByText('2021—2025年')).toBeTruthy();
    expect(await within(row).findByText(/监测状态（2024年）/)).toBeTruthy();
  });

  it('when most values of the default year are not in yet, shows the latest earlier year where most are', async () => {
    const api = mockApi({
      'GET /plans': { items: [plan] },
      'GET /plans/3/evaluation': (req: Sent) => {
        const year = Number(req.query.get('year') || 2024);
        return { year, area: { code: '4107', name: '新乡市' }, counts: counts(year >= 2023 ? 25 : 3), total: 30, plan };
      },
    });
    renderPage(<PlanList />, { url: '/plans' });
    expect(await screen.findByText(/监测状态（2022年）/)).toBeTruthy();
    await waitFor(() =>
      expect(api.calls('GET', '/plans/3/evaluation').map((c) => c.query.get('year'))).toEqual([null, '2023', '2022']),
    );
  });

  it('says so when there is no plan', async () => {
    mockApi({ 'GET /plans': { items: [] } });
    renderPage(<PlanList />, { url: '/plans' });
    expect(await screen.findByText('尚无规划。可从“规划导入”导入规划指标表。')).toBeTruthy();
    expect(screen.queryByTestId('plan-row')).toBeNull();
  });
});
