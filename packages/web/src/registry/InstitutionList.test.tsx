import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import InstitutionList from './InstitutionList.tsx';

const area = { code: '4107', name: '新乡市', level: 2, ancestors: [], children: [] };

function setup(url = '/institutions') {
  const api = mockApi({
    'GET /areas/:code': area,
    'GET /institutions': (req: { query: URLSearchParams }) => ({
      items: [
        {
          id: 11,
          name: req.query.get('q') ? `${req.query.get('q')}医院` : '新乡市中心医院',
          category: 'A1',
          ownership: 'government',
          gradeLevel: 3,
          gradeClass: 'A',
          areaCode: '410702',
          areaName: '红旗区',
          forProfit: false,
        },
      ],
      total: 41,
    }),
  });
  const view = renderPage(<InstitutionList />, { url });
  return { api, view };
}

describe('InstitutionList', () => {
  it('asks for the session area, first page of 20, and shows rows with their labels', async () => {
    const { api } = setup();
    expect(await screen.findByText('新乡市中心医院')).toBeTruthy();
    const q = api.last('GET', '/institutions')?.query;
    expect(q?.get('area')).toBe('4107');
    expect(q?.get('limit')).toBe('20');
    expect(q?.get('offset')).toBe('0');
    expect(screen.getByText('综合医院')).toBeTruthy();
    expect(screen.getByText('三级甲等')).toBeTruthy();
    expect(screen.getByTestId('institution-total').textContent).toContain('41');
  });

  it('reads the filters from the URL and sends them', async () => {
    const { api } = setup('/institutions?category=A1&ownership=private&q=人民&page=3&size=50');
    await screen.findByText('人民医院');
    const q = api.last('GET', '/institutions')?.query;
    expect(q?.get('category')).toBe('A1');
    expect(q?.get('ownership')).toBe('private');
    expect(q?.get('q')).toBe('人民');
    expect(q?.get('limit')).toBe('50');
    expect(q?.get('offset')).toBe('100');
  });

  it('a name search writes q to the URL, resets the page and refetches', async () => {
    const { api, view } = setup('/institutions?page=2');
    await screen.findByText('新乡市中心医院');
    const input = screen.getByPlaceholderText('名称或统一社会信用代码');
    await userEvent.type(input, ' 卫生院 {enter}');
    await waitFor(() => expect(view.location()).toBe(`/institutions?q=${encodeURIComponent('卫生院')}`));
    await screen.findByText('卫生院医院');
    expect(api.last('GET', '/institutions')?.query.get('offset')).toBe('0');
  });

  it('reset clears every filter', async () => {
    const { view } = setup('/institutions?category=A1&q=x');
    await screen.findByText('x医院');
    fireEvent.click(screen.getByTestId('filter-reset'));
    await waitFor(() => expect(view.location()).toBe('/institutions'));
  });
});
