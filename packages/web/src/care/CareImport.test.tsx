import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { renderPage, upload, users } from '../test/render.tsx';
import CareImport from './CareImport.tsx';

const refused = {
  status: 422,
  body: {
    error: {
      code: 'IMPORT_FAILED',
      message: '导入未通过（2 处错误）',
      details: [
        { path: 'line 7.area', row: 7, message: '村/社区代码 410783100200 不在您可写入的县区' },
        { path: 'line 10', row: 10, message: '不是合法的 JSON' },
      ],
    },
  },
};
const done = { dryRun: false, lines: 6, residents: 2, enrolments: 1, followups: 1, checks: 1, contracts: 1 };

describe('CareImport', () => {
  it('offers the templates of the chosen kind, sends a sheet with its kind, and lists refused rows by line and field', async () => {
    const api = mockApi({ 'POST /care/import': refused });
    renderPage(<CareImport />, { url: '/care/import', user: users.institution });
    await screen.findByTestId('care-import');
    expect(screen.getByTestId('template-xlsx').getAttribute('href')).toBe('/api/v1/care/templates/residents.xlsx');
    fireEvent.click(screen.getByText('随访'));
    expect(screen.getByTestId('template-csv').getAttribute('href')).toBe('/api/v1/care/templates/followups.csv');
    upload('import-upload', new File(['a,b\n1,2\n'], 'followups.csv', { type: 'text/csv' }));
    const failed = await screen.findByTestId('import-failed');
    expect(failed.textContent).toContain('followups.csv 未导入任何记录');
    const rows = within(failed).getAllByTestId('import-error-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '7area村/社区代码 410783100200 不在您可写入的县区',
      '10line 10不是合法的 JSON',
    ]);
    const sent = api.last('POST', '/care/import')!;
    expect(sent.query.get('kind')).toBe('followups');
    expect(sent.query.get('dryRun')).toBeNull();
    expect((sent.body as FormData).get('file')).toBeInstanceOf(File);
  });

  it('sends an NDJSON file without a kind, as a dry run when asked, and shows the counts', async () => {
    const api = mockApi({ 'POST /care/import': { ...done, dryRun: true } });
    renderPage(<CareImport />, { url: '/care/import', user: users.institution });
    fireEvent.click(await screen.findByTestId('import-dry-run'));
    upload('import-upload', new File(['{"kind":"resident"}\n'], 'care.ndjson'));
    const result = await screen.findByTestId('import-done');
    expect(result.textContent).toContain('检查通过（未写入）');
    expect(result.textContent).toContain('care.ndjson：6 行，居民 2、纳入管理 1、随访 1、检查 1、签约 1');
    const sent = api.last('POST', '/care/import')!;
    expect(sent.query.get('kind')).toBeNull();
    expect(sent.query.get('dryRun')).toBe('true');
  });

  it('refuses another kind of file without sending it', async () => {
    const api = mockApi({ 'POST /care/import': done });
    renderPage(<CareImport />, { url: '/care/import', user: users.institution });
    await screen.findByTestId('care-import');
    upload('import-upload', new File(['x'], 'records.pdf'));
    expect((await screen.findByTestId('import-failed')).textContent).toContain(
      '只接受 .xlsx、.csv、.ndjson 或 .jsonl 文件',
    );
    await waitFor(() => expect(api.calls('POST', '/care/import')).toHaveLength(0));
  });
});
