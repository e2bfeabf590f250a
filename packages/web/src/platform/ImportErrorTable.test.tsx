import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../test/render.tsx';
import { ImportErrorTable } from './ImportErrorTable.tsx';

describe('ImportErrorTable', () => {
  it('heads a problem of the whole file 文件 (File), not `file`; cells keep the column as headed in the file', () => {
    const details = [
      { path: 'file', message: '文件不是 UTF-8 或 GB18030 编码' },
      { path: 'bedsActual', row: 3, column: '实有床位', message: '实有床位必须是非负整数' },
    ];
    const view = renderPage(<ImportErrorTable details={details} rowTestId="problem" />);
    const [whole, cell] = screen.getAllByTestId('problem') as HTMLElement[];
    expect(whole!.querySelector('[data-col="column"]')!.textContent).toBe('文件');
    expect(within(cell!).getByText('实有床位')).toBeTruthy();
    expect(screen.queryByText('file')).toBeNull();
    view.unmount();
    renderPage(<ImportErrorTable details={details} rowTestId="problem" />, { lang: 'en' });
    expect((screen.getAllByTestId('problem')[0] as HTMLElement).querySelector('[data-col="column"]')!.textContent).toBe(
      'File',
    );
  });
});
