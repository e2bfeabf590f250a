import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import AreaTreePage from './AreaTreePage.tsx';

const city = {
  code: '4107',
  name: '新乡市',
  level: 2,
  children: [
    { code: '410728', name: '长垣县', level: 3, hasChildren: true },
    { code: '410702', name: '红旗区', level: 3, hasChildren: true },
  ],
};
const changyuan = {
  code: '410728',
  name: '长垣县',
  level: 3,
  validFrom: '1949-10-01',
  validTo: '2019-08-16',
  successorCode: '410783',
  ancestors: [{ code: '4107', name: '新乡市', level: 2 }],
  children: [{ code: '410728100', name: '蒲东街道', level: 4, hasChildren: false }],
};

describe('AreaTreePage', () => {
  it('shows the session area with its history and opens its institutions', async () => {
    localStorage.setItem('weijian.area', '410728');
    const api = mockApi({ 'GET /areas/4107': city, 'GET /areas/410728': changyuan });
    const view = renderPage(<AreaTreePage />, { url: '/areas' });
    expect(await screen.findByText('新乡市 / 长垣县')).toBeTruthy();
    expect(screen.getByText('410783')).toBeTruthy();
    expect(screen.getByText('2019-08-16')).toBeTruthy();
    expect(screen.getByText('县级')).toBeTruthy();
    expect(api.last('GET', '/areas/410728')?.query.get('year')).toBe('2024');
    fireEvent.click(screen.getByRole('button', { name: '查看机构' }));
    await waitFor(() => expect(view.location()).toBe('/institutions?area=410728'));
  });

  it('makes the shown area the session area', async () => {
    localStorage.setItem('weijian.area', '410728');
    mockApi({ 'GET /areas/4107': city, 'GET /areas/410728': changyuan });
    const view = renderPage(<AreaTreePage />, { url: '/areas' });
    await screen.findByText('新乡市 / 长垣县');
    fireEvent.click(screen.getByRole('button', { name: '设为当前区域' }));
    await waitFor(() => expect(view.location()).toBe('/'));
    expect(localStorage.getItem('weijian.area')).toBe('410728');
  });
});
