import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { pickOption, renderPage, users } from '../test/render.tsx';
import StreamStatus from './StreamStatus.tsx';
import type { StreamSource } from './types.ts';

const source = (key: string, status: StreamSource['status']): StreamSource => ({
  countyCode: '410702',
  streamCode: 'fever-clinic',
  streamName: '发热门诊',
  sourceKey: key,
  sourceName: `来源${key}`,
  institutionId: null,
  areaCode: '410702',
  areaName: '红旗区',
  townshipCode: '410702001',
  firstDate: '2024-01-01',
  lastDate: '2024-05-01',
  reportDays: 100,
  silentDays: status === 'silent' ? 9 : 0,
  daysSince: status === 'silent' ? 9 : 0,
  cadenceDays: 1,
  status,
});

function setup(url = '/surveillance/streams', user = users.city) {
  const api = mockApi({
    'GET /areas/:code': { code: '4107', name: '新乡市', children: [] },
    'GET /surveillance/streams': { items: [{ code: 'fever-clinic', nameZh: '发热门诊', nameEn: 'Fever clinics' }] },
    'GET /surveillance/stream-sources': {
      asOf: '2024-05-10',
      total: 3,
      items: [source('a', 'silent'), source('b', 'ok'), source('c', 'late')],
    },
  });
  const view = renderPage(<StreamStatus />, { url, user });
  return { api, view };
}

const rows = () => screen.getAllByTestId('stream-row');

describe('StreamStatus', () => {
  it('counts the sources by status and asks for the session area', async () => {
    const { api } = setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(screen.getByTestId('stream-count-silent')).getByText('1')).toBeTruthy();
    expect(api.last('GET', '/surveillance/stream-sources')?.query.get('area')).toBe('4107');
  });

  it('filters by status on the page and by stream and date on the server', async () => {
    const { api, view } = setup('/surveillance/streams?status=silent&asOf=2024-05-10');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['silent']));
    expect(api.last('GET', '/surveillance/stream-sources')?.query.get('asOf')).toBe('2024-05-10');
    await pickOption('stream-filter-stream', '发热门诊');
    await waitFor(() => expect(view.location()).toContain('stream=fever-clinic'));
    await waitFor(() =>
      expect(api.last('GET', '/surveillance/stream-sources')?.query.get('stream')).toBe('fever-clinic'),
    );
  });

  it('read-only users do not upload counts', async () => {
    setup('/surveillance/streams', users.readonly);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.queryByTestId('import-stream-counts-button')).toBeNull();
  });
});
