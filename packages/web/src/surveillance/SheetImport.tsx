// File import of 传染病报告卡 or stream counts (CSV or Excel): download the template, upload a filled-in file.
// The server checks every row first and writes all or nothing, so a refused file lists each problem by row,
// column and reason and leaves the database as it was; an accepted one says what was stored and how many
// signals the engine raised.
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Result, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, apiUrl, type ErrorDetail, errorMessage, request } from '../platform/api.ts';
import { ImportErrorTable } from '../platform/ImportErrorTable.tsx';
import { useSurvT } from './i18n.ts';
import type { CaseImportResult, StreamCountsResult } from './types.ts';

export type SheetKind = 'cases' | 'stream-counts';

type State =
  | { state: 'idle' }
  | { state: 'sending'; name: string }
  | { state: 'failed'; name: string; message: string; details: ErrorDetail[] }
  | { state: 'done'; name: string; summary: string };

export function SheetImportButton({ kind }: { kind: SheetKind }) {
  const t = useSurvT();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [s, setS] = useState<State>({ state: 'idle' });
  // Each opening of the dialog is a session: the answer to an upload sent before it was closed is not shown.
  const session = useRef(0);

  const summaryOf = (r: CaseImportResult | StreamCountsResult): string =>
    'rows' in r
      ? t('importCountsDone', { rows: r.rows, sources: r.sources, signals: r.signals })
      : t('importCasesDone', {
          created: r.created,
          existing: r.existing,
          duplicates: r.duplicates,
          signals: r.signals,
        });

  async function send(file: File) {
    const mine = session.current;
    setS({ state: 'sending', name: file.name });
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const r = await request<CaseImportResult | StreamCountsResult>(`/surveillance/${kind}/import`, {
        method: 'POST',
        body,
      });
      await client.invalidateQueries({ queryKey: ['surv'] });
      if (mine === session.current) setS({ state: 'done', name: file.name, summary: summaryOf(r) });
    } catch (e) {
      if (mine !== session.current) return;
      const details = e instanceof ApiError ? e.details : [];
      setS({
        state: 'failed',
        name: file.name,
        message: errorMessage(e),
        details: details.length ? details : [{ message: errorMessage(e) }],
      });
    }
  }

  const close = () => {
    session.current++;
    setOpen(false);
    setS({ state: 'idle' });
  };

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid={`import-${kind}-button`}>
        {t(kind === 'cases' ? 'importCases' : 'importCounts')}
      </Button>
      <Modal
        open={open}
        title={t(kind === 'cases' ? 'importCasesTitle' : 'importCountsTitle')}
        onCancel={close}
        footer={<Button onClick={close}>{t('close')}</Button>}
        width={760}
        destroyOnHidden
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sheet-import">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(kind === 'cases' ? 'importCasesHint' : 'importCountsHint')}
          </Typography.Paragraph>
          <Space wrap>
            <Typography.Text>{t('importTemplate')}</Typography.Text>
            <a
              href={apiUrl(`/surveillance/${kind}/template`, { format: 'xlsx' })}
              download
              data-testid="sheet-template-xlsx"
            >
              <Button icon={<DownloadOutlined />}>{t('importTemplateXlsx')}</Button>
            </a>
            <a
              href={apiUrl(`/surveillance/${kind}/template`, { format: 'csv' })}
              download
              data-testid="sheet-template-csv"
            >
              <Button icon={<DownloadOutlined />}>{t('importTemplateCsv')}</Button>
            </a>
          </Space>
          <div data-testid="sheet-upload">
            <Upload.Dragger
              accept=".csv,.xlsx,.txt"
              multiple={false}
              showUploadList={false}
              disabled={s.state === 'sending'}
              beforeUpload={(f) => {
                void send(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('importDrop')}</p>
              <p className="ant-upload-hint">{t('importAllOrNothing')}</p>
            </Upload.Dragger>
          </div>
          {s.state === 'sending' && <Alert type="info" showIcon title={t('importSending', { name: s.name })} />}
          {s.state === 'done' && (
            <Result
              status="success"
              title={t('importDone', { name: s.name })}
              subTitle={s.summary}
              data-testid="sheet-import-done"
            />
          )}
          {s.state === 'failed' && (
            <div data-testid="sheet-import-failed">
              <Alert
                type="error"
                showIcon
                title={s.message}
                description={t('importNothingWritten', { name: s.name })}
                style={{ marginBottom: 12 }}
              />
              <ImportErrorTable details={s.details} rowTestId="sheet-error-row" pageSize={20} />
            </div>
          )}
        </Space>
      </Modal>
    </>
  );
}
