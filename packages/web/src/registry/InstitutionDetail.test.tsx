import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { mockApi } from '../test/fetch-mock.ts';
import { pickDate, renderPage, users } from '../test/render.tsx';
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

describe('InstitutionDetail administration', () => {
  const detail = { ...inst, version: 3, closedOn: null, closedReason: null, openedOn: null };

  it('closes an institution with date and reason and shows it as closed', async () => {
    let closed = false;
    const api = mockApi({
      'GET /institutions/7': () =>
        closed ? { ...detail, closedOn: '2024-06-30', closedReason: '并入新乡市中心医院', version: 4 } : detail,
      'GET /institutions/7/resources': { items: [] },
      'GET /networks': { items: [] },
      'POST /institutions/7/close': () => {
        closed = true;
        return { ...detail, closedOn: '2024-06-30', closedReason: '并入新乡市中心医院', version: 4 };
      },
    });
    renderPage(<InstitutionDetail />, { url: '/institutions/7', path: '/institutions/:id', user: users.city });
    fireEvent.click(await screen.findByTestId('institution-close'));
    pickDate('close-date', '2024-06-30');
    fireEvent.click(screen.getByTestId('close-ok'));
    // the reason is required: nothing is sent without it
    expect(await screen.findByText('必填')).toBeTruthy();
    expect(api.calls('POST', '/institutions/7/close')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '并入新乡市中心医院' } });
    fireEvent.click(screen.getByTestId('close-ok'));
    await waitFor(() =>
      expect(api.last('POST', '/institutions/7/close')?.body).toEqual({
        closedOn: '2024-06-30',
        reason: '并入新乡市中心医院',
        version: 3,
      }),
    );
    const banner = await screen.findByTestId('institution-closed');
    expect(banner.textContent).toContain('该机构已于 2024-06-30 撤销');
    expect(banner.textContent).toContain('原因：并入新乡市中心医院');
    expect(screen.getByTestId('institution-reopen')).toBeTruthy();
  });

  it('shows the server’s reason for refusing a closing at its field', async () => {
    mockApi({
      'GET /institutions/7': detail,
      'GET /institutions/7/resources': { items: [] },
      'GET /networks': { items: [] },
      'POST /institutions/7/close': {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: '数据校验未通过（1 处错误）',
            details: [
              { path: 'closedOn', message: '红旗区人民医院是红旗区医共体的牵头单位，须先为该医联体更换牵头单位再撤销' },
            ],
          },
        },
      },
    });
    renderPage(<InstitutionDetail />, { url: '/institutions/7', path: '/institutions/:id', user: users.admin });
    fireEvent.click(await screen.findByTestId('institution-close'));
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '撤并' } });
    fireEvent.click(screen.getByTestId('close-ok'));
    expect(await screen.findByText(/须先为该医联体更换牵头单位再撤销/)).toBeTruthy();
  });

  it('offers editing and closing only to those who may', async () => {
    const routes = {
      'GET /institutions/7': detail,
      'GET /institutions/7/resources': { items: [] },
      'GET /networks': { items: [] },
    };
    mockApi(routes);
    const viewer = renderPage(<InstitutionDetail />, {
      url: '/institutions/7',
      path: '/institutions/:id',
      user: users.readonly,
    });
    await screen.findByTestId('institution-name');
    expect(screen.queryByTestId('institution-edit')).toBeNull();
    expect(screen.queryByTestId('institution-close')).toBeNull();
    viewer.unmount();
    // Its own staff edit the record but do not close it.
    mockApi(routes);
    renderPage(<InstitutionDetail />, {
      url: '/institutions/7',
      path: '/institutions/:id',
      user: users.institution,
    });
    expect(await screen.findByTestId('institution-edit')).toBeTruthy();
    expect(screen.queryByTestId('institution-close')).toBeNull();
  });
});
