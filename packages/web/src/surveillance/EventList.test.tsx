import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage } from '../test/render.tsx';
import EventList from './EventList.tsx';

const event = {
  id: 12,
  countyCode: '410702',
  countyName: '红旗区',
  areaCode: '410702001',
  areaName: '西大街街道',
  areaLevel: 'township',
  firstDate: '2024-05-01',
  lastDate: '2024-05-03',
  riskScore: 0.82,
  riskLevel: 3,
  explanation: {
    zh: '',
    en: '',
    triggers: [
      { category: 'case-report', subject: '0301', subjectName: '病毒性肝炎', strength: 0.4 },
      { category: 'case-report', subject: '0301', subjectName: '病毒性肝炎', strength: 0.9 },
      { category: 'school', subject: 'absence', subjectName: '学校缺课', strength: 0.5 },
    ],
  },
  state: 'pending',
  mergedInto: null,
  assigneeId: null,
  assigneeName: null,
  verifyDeadline: '2030-01-01T00:00:00Z',
  verifiedAt: null,
  closedAt: null,
  emergencyLevel: null,
  version: 1,
  createdAt: '2024-05-03T00:00:00Z',
  updatedAt: '2024-05-03T00:00:00Z',
  signalCount: 4,
};

function setup(url = '/surveillance') {
  const api = mockApi({
    'GET /areas/:code': { code: '4107', name: '新乡市', level: 'city', children: [] },
    'GET /surveillance/diseases': {
      items: [{ code: '0301', nameZh: '病毒性肝炎', nameEn: 'Viral hepatitis', class: 'B', enabled: true }],
      classes: {},
    },
    'GET /surveillance/streams': { items: [{ code: 'absence', nameZh: '学校缺课', nameEn: 'School absence' }] },
    'GET /surveillance/kpis': {},
    'GET /surveillance/events': { items: [event], total: 1 },
    'GET /surveillance/signals': { items: [], total: 0 },
  });
  const view = renderPage(<EventList />, { url });
  return { api, view };
}

describe('EventList', () => {
  it('lists events of the session area, each trigger once, township events with their county', async () => {
    const { api } = setup();
    const row = await screen.findByTestId('event-row');
    expect(row.getAttribute('data-level')).toBe('3');
    expect(within(row).getByText('红旗区 西大街街道')).toBeTruthy();
    expect(within(row).getByText('2024-05-01 ~ 2024-05-03')).toBeTruthy();
    expect(within(within(row).getByTestId('event-triggers')).getAllByText(/病毒性肝炎|学校缺课/)).toHaveLength(2);
    expect(api.last('GET', '/surveillance/events')?.query.get('area')).toBe('4107');
  });

  it('sends the event filters of the URL', async () => {
    const { api } = setup('/surveillance?subject=0301&level=3&state=pending&open=1&from=2024-05-01&to=2024-05-31');
    await screen.findByTestId('event-row');
    expect(Object.fromEntries(api.last('GET', '/surveillance/events')?.query ?? [])).toMatchObject({
      subject: '0301',
      level: '3',
      state: 'pending',
      open: 'true',
      from: '2024-05-01',
      to: '2024-05-31',
    });
    expect(api.last('GET', '/surveillance/kpis')?.query.get('subject')).toBe('0301');
  });

  it('filters write the URL; open-only is a switch', async () => {
    const { view } = setup('/surveillance?page=2');
    await screen.findByTestId('event-row');
    await pickOption('filter-level', '橙色及以上');
    await waitFor(() => expect(view.location()).toBe('/surveillance?level=3'));
    fireEvent.click(screen.getByTestId('filter-open'));
    await waitFor(() => expect(view.location()).toBe('/surveillance?level=3&open=1'));
    fireEvent.click(screen.getByTestId('filter-reset'));
    await waitFor(() => expect(view.location()).toBe('/surveillance'));
  });

  it('the signals tab keeps area, dates and subject and drops the event filters', async () => {
    const { api, view } = setup('/surveillance?subject=0301&level=3&from=2024-05-01&to=2024-05-31');
    await screen.findByTestId('event-row');
    fireEvent.click(screen.getByText('预警信号'));
    await waitFor(() =>
      expect(view.location()).toBe('/surveillance?from=2024-05-01&to=2024-05-31&subject=0301&tab=signals'),
    );
    await waitFor(() => expect(api.calls('GET', '/surveillance/signals')).toHaveLength(1));
    expect(api.last('GET', '/surveillance/signals')?.query.get('subject')).toBe('0301');
    expect(screen.getByTestId('filter-source')).toBeTruthy();
  });
});
