// The problems of a refused import file, as the user reads the sheet: row, column (as headed in the file, else
// the field; 文件 for the file as a whole), reason. Each row and cell is tagged for the browser tests.
import { Table } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ErrorDetail } from './api.ts';
import { usePlatformT } from './i18n.ts';

const cell = (col: string) => () => ({ 'data-col': col }) as HTMLAttributes<HTMLElement>;

export function ImportErrorTable({
  details,
  rowTestId,
  pageSize = 50,
  ...rest
}: {
  details: ErrorDetail[];
  rowTestId: string;
  pageSize?: number;
  'data-testid'?: string;
}) {
  const t = usePlatformT();
  return (
    <Table<ErrorDetail & { key: number }>
      size="small"
      rowKey="key"
      dataSource={details.map((d, i) => ({ ...d, key: i }))}
      pagination={details.length > pageSize ? { pageSize } : false}
      data-testid={rest['data-testid']}
      onRow={() => ({ 'data-testid': rowTestId }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('importErrRow'),
          dataIndex: 'row',
          width: 80,
          render: (v?: number) => v ?? '—',
          onCell: cell('row'),
        },
        {
          title: t('importErrColumn'),
          dataIndex: 'column',
          width: 200,
          // A problem of the whole file (encoding, size, a missing header) names no column: say 文件, not `file`.
          render: (v: string | undefined, d) => v ?? (d.path === 'file' ? t('importErrFile') : d.path) ?? '—',
          onCell: cell('column'),
        },
        { title: t('importErrReason'), dataIndex: 'message', onCell: cell('message') },
      ]}
    />
  );
}
