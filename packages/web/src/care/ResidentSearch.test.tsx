import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, search, users } from '../test/render.tsx';
import ResidentSearch from './ResidentSearch.tsx';
import type { ResidentListItem } from './types.ts';

const row: ResidentListItem = {
  id: 31,
  countyCode: '410782',
  name: '张三',
  sex: 'M',
  birthDate: '1958-03-02',
  areaCode: '410782100201',
  idMasked: '410782********0017',
  phoneMasked: '138****5678',
  established: '2020-01-05',
  keeperInstitutionId: 7,
  keeperName: '薄壁镇卫生院',
  deathDate: null,
  movedOut: null,
  standing: 'keeper',
};

function setup() {
  const api = mockApi({
    'GET /care/residents': { items: [row], total: 1, totalExact: true, nextCursor: null },
  });
  const page = renderPage(<ResidentSearch />, { url: '/care/residents', user: users.institution });
  return { api, page };
}

describe('ResidentSearch', () => {
  it('asks nothing before a search, then sends a 身份证号 upper-cased and without spaces', async () => {
    const { api, page } = setup();
    expect(screen.getByTestId('resident-search-empty')).toBeTruthy();
    expect(api.calls('GET', '/care/residents')).toEqual([]);
    search('resident-search', ' 41078219580302 001x ');
    await screen.findByTestId('resident-row');
    expect(api.last('GET', '/care/residents')?.query.get('q')).toBe('41078219580302001X');
    expect(page.location()).toBe('/care/residents?q=41078219580302001X');
  });

  it('lists identifiers masked only and opens the record with one click', async () => {
    const { page } = setup();
    search('resident-search', '张');
    const r = await screen.findByTestId('resident-row');
    expect(r.textContent).toContain('410782********0017');
    expect(r.textContent).toContain('138****5678');
    expect(r.textContent).toContain('薄壁镇卫生院');
    r.click();
    await waitFor(() => expect(page.location()).toBe('/care/residents/31'));
  });
});
