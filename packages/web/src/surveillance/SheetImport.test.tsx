import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, mockApi, sentFile } from '../test/fetch-mock.ts';
import { renderPage, upload } from '../test/render.tsx';
import { SheetImportButton } from './SheetImport.tsx';

const file = () => new File(['x'], 'cards.xlsx');

function open(kind: 'cases' | 'stream-counts') {
  renderPage(<SheetImportButton kind={kind} />);
  fireEvent.click(screen.getByTestId(`import-${kind}-button`));
}

describe('SheetImport', () => {
  it('offers the templates of its kind', async () => {
    mockApi({});
    open('stream-counts');
    expect((await screen.findByTestId('sheet-template-csv')).getAttribute('href')).toBe(
      '/api/v1/surveillance/stream-counts/template?format=csv',
    );
    expect(screen.getByTestId('sheet-template-xlsx').getAttribute('href')).toBe(
      '/api/v1/surveillance/stream-counts/template?format=xlsx',
    );
  });

  it('uploads the file and says what was stored and how many signals were raised', async () => {
    const api = mockApi({
      'POST /surveillance/cases/import': { total: 5, created: 4, existing: 1, duplicates: 0, signals: 2 },
    });
    open('cases');
    await screen.findByTestId('sheet-upload');
    upload('sheet-upload', file());
    const done = await screen.findByTestId('sheet-import-done');
    expect(done.textContent).toContain('cards.xlsx');
    expect(done.textContent).toMatch(/4.*1.*0.*2/);
    expect(sentFile(api.last('POST', '/surveillance/cases/import'))).toBeInstanceOf(File);
  });

  it('a refused file lists each problem and says nothing was written', async () => {
    mockApi({
      'POST /surveillance/stream-counts/import': apiError(422, '文件有 2 处问题', [
        { message: '第 3 行：日期格式不对' },
        { message: '第 5 行：数量不能为负' },
      ]),
    });
    open('stream-counts');
    await screen.findByTestId('sheet-upload');
    upload('sheet-upload', new File(['x'], 'counts.csv'));
    const failed = await screen.findByTestId('sheet-import-failed');
    expect(failed.textContent).toContain('文件有 2 处问题');
    expect(failed.textContent).toContain('counts.csv');
    expect(within(failed).getAllByTestId('sheet-error-row')).toHaveLength(2);
  });
});
