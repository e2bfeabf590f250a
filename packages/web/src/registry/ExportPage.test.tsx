import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage } from '../test/render.tsx';
import ExportPage from './ExportPage.tsx';

describe('ExportPage', () => {
  it('institutions are exported for the session area without a year', () => {
    mockApi({ 'GET /areas/:code': { code: '4107', name: '新乡市', children: [] } });
    renderPage(<ExportPage />, { url: '/export' });
    expect(screen.getByTestId('export-xlsx').getAttribute('href')).toBe(
      '/api/v1/export/institutions?area=4107&format=xlsx',
    );
    expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(
      '/api/v1/export/institutions?area=4107&format=csv',
    );
  });

  it('yearly reports carry the year', () => {
    mockApi({ 'GET /areas/:code': { code: '4107', name: '新乡市', children: [] } });
    renderPage(<ExportPage />, { url: '/export' });
    fireEvent.click(screen.getByText('机构年报（资源）'));
    expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(
      '/api/v1/export/resources?area=4107&year=2024&format=csv',
    );
  });
});
