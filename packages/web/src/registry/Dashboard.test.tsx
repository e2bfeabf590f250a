import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage } from '../test/render.tsx';
import Dashboard from './Dashboard.tsx';

const values = (over: Record<string, number | null>) => ({
  population: 6_000_000,
  institutions: 4000,
  beds: 42000,
  doctors: 18000,
  nurses: 20000,
  pharmacists: 2000,
  generalPractitioners: 1500,
  healthTechnicians: 45000,
  tcmDoctors: 2500,
  publicHealthStaff: 900,
  bedsPer1000: 7,
  doctorsPer1000: 3,
  nursesPer1000: 3.3,
  pharmacistsPer1000: 0.3,
  gpsPer10000: 2.5,
  tcmDoctorsPer1000: 0.4,
  publicHealthStaffPer1000: 0.15,
  healthTechniciansPer1000: 7.5,
  ...over,
});

const city = { code: '4107', name: '新乡市', year: 2024, ...values({}), previous: values({ beds: 40000 }) };
const child = (code: string, name: string, bedsPer1000: number, doctorsPer1000: number) => ({
  code,
  name,
  year: 2024,
  ...values({ bedsPer1000, doctorsPer1000 }),
});

function setup(children = [child('410702', '红旗区', 8.1, 3.9), child('410703', '卫滨区', 6.2, 4.4)]) {
  mockApi({
    'GET /areas/4107/summary': city,
    'GET /areas/4107/children-summary': { items: children },
    'GET /areas/4107/boundaries': { status: 404, body: { error: { code: 'NOT_FOUND', message: '' } } },
    'GET /areas/410703/summary': { ...child('410703', '卫滨区', 6.2, 4.4), previous: null },
    'GET /areas/410703/children-summary': { items: [] },
    'GET /areas/410703/boundaries': { status: 404, body: { error: { code: 'NOT_FOUND', message: '' } } },
  });
  return renderPage(<Dashboard />, { url: '/' });
}

describe('Dashboard', () => {
  it('shows the totals with the change on last year', async () => {
    setup();
    expect((await screen.findByTestId('dashboard-title')).textContent).toContain('新乡市');
    expect(screen.getByTestId('measure-beds').textContent).toContain('5.0%');
  });

  it('maps the children by the chosen ratio, remembered for the next visit', async () => {
    setup();
    await screen.findByTestId('area-map');
    expect((chart('area-map').option.yAxis as { data: string[] }).data).toEqual(['红旗区', '卫滨区']);
    await pickOption('map-ratio', '每千人口执业(助理)医师');
    await waitFor(() =>
      expect((chart('area-map').option.yAxis as { data: string[] }).data).toEqual(['卫滨区', '红旗区']),
    );
    expect(localStorage.getItem('weijian.dashboard.ratio')).toBe('doctorsPer1000');
  });

  it('opening a child makes it the session area', async () => {
    setup();
    const row = await screen.findByTestId('child-row-410703');
    fireEvent.click(within(row).getByRole('button', { name: '卫滨区' }));
    await waitFor(() => expect(screen.getByTestId('dashboard-title').textContent).toContain('卫滨区'));
    expect(localStorage.getItem('weijian.area')).toBe('410703');
  });
});
