import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi, type Sent, sentFile } from '../test/fetch-mock.ts';
import { renderPage, upload } from '../test/render.tsx';
import ImportWizard from './ImportWizard.tsx';

const csv = () => new File(['名称,统一社会信用代码\n'], 'resources.csv', { type: 'text/csv' });

function start() {
  renderPage(<ImportWizard />, { url: '/import' });
  fireEvent.click(screen.getByText('机构年报（资源）'));
}

describe('ImportWizard', () => {
  it('step 1: the templates follow the chosen kind', () => {
    mockApi({});
    start();
    expect(screen.getByTestId('template-csv').getAttribute('href')).toBe(
      '/api/v1/import/templates/resources?format=csv',
    );
    expect(screen.getByTestId('template-xlsx').getAttribute('href')).toBe(
      '/api/v1/import/templates/resources?format=xlsx',
    );
  });

  it('step 2: a file is checked as a dry run first, then imported for real', async () => {
    const api = mockApi({
      'POST /import/resources': (req: Sent) =>
        req.query.get('dryRun') === 'true'
          ? { kind: 'resources', dryRun: true, rows: 12, inserted: 10, updated: 2 }
          : { kind: 'resources', dryRun: false, rows: 12, inserted: 10, updated: 2 },
    });
    start();
    fireEvent.click(screen.getByTestId('import-next'));
    const submit = screen.getByTestId('import-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    upload('import-upload', csv());
    const ok = await screen.findByTestId('import-dryrun-ok');
    expect(ok.textContent).toContain('12');
    const dry = api.calls('POST', '/import/resources')[0];
    expect(dry?.query.get('dryRun')).toBe('true');
    expect(sentFile(dry)).toBeInstanceOf(File);
    await waitFor(() => expect(submit.disabled).toBe(false));
    fireEvent.click(submit);
    expect((await screen.findByTestId('import-result')).textContent).toContain('12');
    expect(api.calls('POST', '/import/resources')[1]?.query.get('dryRun')).toBeNull();
  });

  it('step 2: a refused file lists its problems by row and column, and cannot be imported', async () => {
    mockApi({
      'POST /import/resources': apiError(422, '2 行有误，未写入任何数据', [
        { path: 'beds_total', message: '不能为负数' },
        { path: 'uscc', message: '统一社会信用代码格式不对' },
      ]),
    });
    start();
    fireEvent.click(screen.getByTestId('import-next'));
    upload('import-upload', csv());
    const failed = await screen.findByTestId('import-failed');
    expect(failed.textContent).toContain('2 行有误，未写入任何数据');
    expect(within(failed).getAllByTestId('import-error-row')).toHaveLength(2);
    expect((screen.getByTestId('import-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});
