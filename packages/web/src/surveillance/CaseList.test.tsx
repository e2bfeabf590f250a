import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage, search, users } from '../test/render.tsx';
import CaseList from './CaseList.tsx';

const card = {
  id: 51,
  diseaseCode: '0301',
  diseaseName: '病毒性肝炎',
  classification: 'confirmed',
  patientName: '张*',
  citizenIdMasked: '*****************X',
  sex: 'male',
  ageYears: 34,
  occupation: '农民',
  onsetDate: '2024-05-01',
  institutionId: 7,
  institutionName: '红旗区人民医院',
  reportedAt: '2024-05-02T03:00:00Z',
  timely: false,
  reportDelayMinutes: 3 * 1440,
  duplicateOf: 40,
  deleted: false,
  synthetic: false,
};

function setup(url = '/surveillance/cases', user = users.city) {
  const api = mockApi({
    'GET /surveillance/diseases': {
      items: [{ code: '0301', nameZh: '病毒性肝炎', nameEn: 'Viral hepatitis', class: 'B', enabled: true }],
      classes: {},
    },
    'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] },
    'GET /surveillance/cases': { items: [card], total: 1 },
  });
  const view = renderPage(<CaseList />, { url, user });
  return { api, view };
}

describe('CaseList', () => {
  it('lists the masked cards of the session area with timeliness and duplicate flags', async () => {
    const { api } = setup();
    expect(await screen.findByText('*****************X')).toBeTruthy();
    const q = api.last('GET', '/surveillance/cases')?.query;
    expect(q?.get('area')).toBe('4107');
    expect(q?.get('limit')).toBe('20');
    expect(screen.getByText('重卡')).toBeTruthy();
    expect(screen.getByText('迟报')).toBeTruthy();
  });

  it('sends the filters of the URL', async () => {
    const { api } = setup(
      '/surveillance/cases?disease=0301&classification=confirmed&from=2024-05-01&to=2024-05-31&duplicates=1&late=1',
    );
    await screen.findByText('*****************X');
    const q = api.last('GET', '/surveillance/cases')?.query;
    expect(Object.fromEntries(q ?? [])).toMatchObject({
      disease: '0301',
      classification: 'confirmed',
      from: '2024-05-01',
      to: '2024-05-31',
      duplicates: 'true',
      late: 'true',
    });
    expect(q?.has('cursor')).toBe(false);
  });

  it('filters write the URL', async () => {
    const { view } = setup('/surveillance/cases');
    await screen.findByText('*****************X');
    await pickOption('case-filter-disease', '病毒性肝炎');
    await waitFor(() => expect(view.location()).toBe('/surveillance/cases?disease=0301'));
    fireEvent.click(screen.getByText('仅迟报'));
    await waitFor(() => expect(view.location()).toBe('/surveillance/cases?disease=0301&late=1'));
    search('case-filter-citizenid', ' 41070219900101001X ');
    await waitFor(() => expect(view.location()).toContain('citizenId=41070219900101001X'));
  });

  it('institution users see their own cards: no area filter and no area sent', async () => {
    const { api } = setup('/surveillance/cases', users.institution);
    await screen.findByText('*****************X');
    expect(screen.queryByTestId('case-filter-area')).toBeNull();
    expect(api.last('GET', '/surveillance/cases')?.query.has('area')).toBe(false);
  });

  it('read-only users cannot report nor look up by citizen ID', async () => {
    const { api } = setup('/surveillance/cases?citizenId=41070219900101001X', users.readonly);
    await screen.findByText('*****************X');
    expect(screen.queryByTestId('case-new-button')).toBeNull();
    expect(screen.queryByTestId('case-filter-citizenid')).toBeNull();
    expect(api.last('GET', '/surveillance/cases')?.query.has('citizenId')).toBe(false);
  });
});
