import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, users } from '../test/render.tsx';
import InstitutionList from './InstitutionList.tsx';

const area = { code: '4107', name: '新乡市', level: 2, ancestors: [], children: [] };

const item = (id: number, name: string) => ({
  id,
  name,
  category: 'A1',
  ownership: 'government',
  gradeLevel: 3,
  gradeClass: 'A',
  areaCode: '410702',
  areaName: '红旗区',
  forProfit: false,
});

/** Two pages behind the cursor `c2`: the server's keyset paging as the list sees it. */
function setup(url = '/institutions', count = { total: 41, totalExact: true }) {
  const api = mockApi({
    'GET /areas/:code': area,
    'GET /institutions': (req: { query: URLSearchParams }) =>
      req.query.get('cursor') === 'c2'
        ? { ...count, nextCursor: null, items: [item(12, '第二页医院')] }
        : {
            ...count,
            nextCursor: 'c2',
            items: [item(11, req.query.get('q') ? `${req.query.get('q')}医院` : '新乡市中心医院')],
          },
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
    expect(q?.has('cursor')).toBe(false);
    expect(screen.getByText('综合医院')).toBeTruthy();
    expect(screen.getByText('三级甲等')).toBeTruthy();
    expect(screen.getByTestId('institution-total').textContent).toContain('41');
  });

  it('reads the filters from the URL and sends them', async () => {
    const { api } = setup('/institutions?category=A1&ownership=private&q=人民&size=50');
    await screen.findByText('人民医院');
    const q = api.last('GET', '/institutions')?.query;
    expect(q?.get('category')).toBe('A1');
    expect(q?.get('ownership')).toBe('private');
    expect(q?.get('q')).toBe('人民');
    expect(q?.get('limit')).toBe('50');
  });

  it('pages on with the server’s cursor and back without it', async () => {
    const { api } = setup();
    await screen.findByText('新乡市中心医院');
    expect(screen.getByTestId('institution-pager-page').textContent).toBe('第 1 页');
    expect(screen.getByTestId('institution-pager-prev').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('institution-pager-next'));
    expect(await screen.findByText('第二页医院')).toBeTruthy();
    expect(api.last('GET', '/institutions')?.query.get('cursor')).toBe('c2');
    expect(screen.getByTestId('institution-pager-page').textContent).toBe('第 2 页');
    await waitFor(() => expect(screen.getByTestId('institution-pager-next').hasAttribute('disabled')).toBe(true));
    fireEvent.click(screen.getByTestId('institution-pager-prev'));
    expect(await screen.findByText('新乡市中心医院')).toBeTruthy();
    expect(screen.getByTestId('institution-pager-page').textContent).toBe('第 1 页');
  });

  it('shows a capped count as “10,000+”', async () => {
    setup('/institutions', { total: 10_000, totalExact: false });
    await screen.findByText('新乡市中心医院');
    expect(screen.getByTestId('institution-total').textContent).toBe('共 10,000+ 家机构');
  });

  it('a name search writes q to the URL, starts again from the first page and refetches', async () => {
    const { api, view } = setup('/institutions');
    await screen.findByText('新乡市中心医院');
    fireEvent.click(screen.getByTestId('institution-pager-next'));
    await screen.findByText('第二页医院');
    const input = screen.getByPlaceholderText('名称或统一社会信用代码');
    await userEvent.type(input, ' 卫生院 {enter}');
    await waitFor(() => expect(view.location()).toBe(`/institutions?q=${encodeURIComponent('卫生院')}`));
    await screen.findByText('卫生院医院');
    expect(api.last('GET', '/institutions')?.query.has('cursor')).toBe(false);
    expect(screen.getByTestId('institution-pager-page').textContent).toBe('第 1 页');
  });

  it('reset clears every filter', async () => {
    const { view } = setup('/institutions?category=A1&q=x');
    await screen.findByText('x医院');
    fireEvent.click(screen.getByTestId('filter-reset'));
    await waitFor(() => expect(view.location()).toBe('/institutions'));
  });
});

describe('InstitutionList administration', () => {
  const routes = {
    'GET /areas/:code': area,
    'GET /institutions': {
      total: 2,
      totalExact: true,
      nextCursor: null,
      items: [item(11, '新乡市中心医院'), { ...item(13, '原东街卫生院'), closedOn: '2023-12-31' }],
    },
  };

  it('marks closed institutions and offers 新增机构 to those who may write in the scope', async () => {
    mockApi(routes);
    renderPage(<InstitutionList />, { url: '/institutions', user: users.city });
    expect(await screen.findByText('原东街卫生院')).toBeTruthy();
    const tags = screen.getAllByTestId('institution-closed-tag');
    expect(tags.map((t) => t.textContent)).toEqual(['已撤销']);
    fireEvent.click(screen.getByTestId('institution-new'));
    expect(await screen.findByText('新增医疗卫生机构')).toBeTruthy();
  });

  it('offers no 新增机构 to read-only users', async () => {
    mockApi(routes);
    renderPage(<InstitutionList />, { url: '/institutions', user: users.readonly });
    expect(await screen.findByText('新乡市中心医院')).toBeTruthy();
    expect(screen.queryByTestId('institution-new')).toBeNull();
  });
});
