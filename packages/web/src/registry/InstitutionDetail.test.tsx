import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import InstitutionDetail from './InstitutionDetail.tsx';

const inst = {
  id: 7,
  name: '红旗区人民医院',
  uscc: '12410700MB0000000X',
  category: 'A1',
  ownership: 'government',
  gradeLevel: 2,
  gradeClass: 'A',
  forProfit: false,
  areaCode: '410702',
  countyCode: '410702',
  areaPath: ['新乡市', '红旗区'],
  networkId: 3,
  networkName: '红旗区医共体',
  isNetworkLead: false,
};

function setup(resources: unknown[]) {
  const api = mockApi({
    'GET /institutions/7': inst,
    'GET /institutions/7/resources': { items: resources },
    'GET /networks': {
      items: [{ id: 3, name: '红旗区医共体', leadInstitutionId: 1, leadName: '新乡市中心医院', members: 12 }],
    },
  });
  renderPage(<InstitutionDetail />, { url: '/institutions/7', path: '/institutions/:id' });
  return api;
}

describe('InstitutionDetail', () => {
  it('shows the attributes and the medical alliance with its lead', async () => {
    const api = setup([]);
    expect((await screen.findByTestId('institution-name')).textContent).toBe('红旗区人民医院');
    const attributes = screen.getByTestId('institution-attributes');
    expect(within(attributes).getByText('综合医院')).toBeTruthy();
    expect(within(attributes).getByText('二级甲等')).toBeTruthy();
    expect(within(attributes).getByText('新乡市 / 红旗区')).toBeTruthy();
    const network = screen.getByTestId('institution-network');
    expect((await within(network).findByRole('link', { name: '新乡市中心医院' })).getAttribute('href')).toBe(
      '/institutions/1',
    );
    expect(api.last('GET', '/networks')?.query.get('area')).toBe('4107');
    expect(screen.getByRole('link', { name: /填报/ }).getAttribute('href')).toBe('/institutions/7/report/2024');
  });

  it('charts and tabulates the reported years in order, leaving out fields never reported', async () => {
    setup([
      { year: 2024, beds_total: 130, staff_doctors: null },
      { year: 2023, beds_total: 120, staff_doctors: null },
    ]);
    const table = await screen.findByTestId('resources-table');
    expect(within(table).getByText('实有床位')).toBeTruthy();
    expect(within(table).queryByText('执业医师')).toBeNull();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers.slice(-2)).toEqual(['2023', '2024']);
    expect((chart('resources-chart').option.xAxis as { data: string[] }).data).toEqual(['2023', '2024']);
  });
});
