// Import wizard: choose the kind of data, download its template, upload a file that is first checked as a
// dry run (every row validated, nothing written; errors listed by row, column and reason), then imported
// for real, all or nothing.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Radio, Result, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, apiUrl, type ErrorDetail, errorMessage, request } from '../platform/api.ts';
import { ImportErrorTable } from '../platform/ImportErrorTable.tsx';
import type { QueryOf } from '../platform/wire.ts';
import { useRegistryT } from './i18n.ts';
import type { ImportResult } from './types.ts';

export type ImportKind = ImportResult['kind'];
/** The kinds offered, in the order shown; typed against the API's so a renamed kind fails typecheck. */
export const IMPORT_KINDS: readonly ImportKind[] = ['institutions', 'resources', 'population'];

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'failed'; message: string; details: ErrorDetail[] }
  | { state: 'ok'; result: ImportResult };

export default function ImportWizard() {
  const t = useRegistryT();
  const client = useQueryClient();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>('institutions');
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [written, setWritten] = useState<ImportResult | null>(null);

  // A refused file answers 422 with its problems by row and column (thrown as an ApiError with details).
  function send(f: File, dryRun: boolean): Promise<ImportResult> {
    const body = new FormData();
    body.append('file', f, f.name);
    const query: QueryOf<'/api/v1/import/{kind}', 'post'> | undefined = dryRun ? { dryRun: 'true' } : undefined;
    return request<ImportResult>(`/import/${kind}`, { method: 'POST', body, query });
  }

  async function dryRun(f: File) {
    setFile(f);
    setCheck({ state: 'checking' });
    setImportError(null);
    try {
      const r = await send(f, true);
      setCheck({ state: 'ok', result: r });
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      setCheck({
        state: 'failed',
        // The server's message already says how many errors and that nothing was written.
        message: e instanceof ApiError && e.message ? e.message : t('validationFailed', { count: details.length || 1 }),
        details: details.length ? details : [{ message: errorMessage(e) }],
      });
    }
  }

  async function importNow() {
    if (!file) return;
    setImporting(true);
    setImportError(null);
    try {
      const r = await send(file, false);
      setWritten(r);
      setStep(2);
      await client.invalidateQueries();
    } catch (e) {
      if (e instanceof ApiError && e.details.length) {
        setCheck({
          state: 'failed',
          message: e.message || t('validationFailed', { count: e.details.length }),
          details: e.details,
        });
      } else {
        setImportError(errorMessage(e));
      }
    } finally {
      setImporting(false);
    }
  }

  function restart() {
    setStep(0);
    setFile(null);
    setCheck({ state: 'idle' });
    setWritten(null);
    setImportError(null);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-wizard">
      <Typography.Title level={3} className="wj-page-title">
        {t('importTitle')}
      </Typography.Title>
      <Card size="small">
        <Steps
          current={step}
          items={[{ title: t('stepKind') }, { title: t('stepUpload') }, { title: t('stepImport') }]}
          style={{ marginBottom: 24 }}
        />
        {step === 0 && (
          <Space orientation="vertical" size="large">
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              optionType="button"
              buttonStyle="solid"
              options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`kind_${k}`) }))}
              data-testid="import-kind"
            />
            <Space wrap>
              <Typography.Text>{t('downloadTemplate')}：</Typography.Text>
              <a href={apiUrl(`/import/templates/${kind}`, { format: 'csv' })} download data-testid="template-csv">
                <Button icon={<DownloadOutlined />}>{t('templateCsv')}</Button>
              </a>
              <a href={apiUrl(`/import/templates/${kind}`, { format: 'xlsx' })} download data-testid="template-xlsx">
                <Button icon={<DownloadOutlined />}>{t('templateXlsx')}</Button>
              </a>
            </Space>
            <Button type="primary" onClick={() => setStep(1)} data-testid="import-next">
              {t('next')}
            </Button>
          </Space>
        )}
        {step === 1 && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text strong>{t(`kind_${kind}`)}</Typography.Text>
            <div data-testid="import-upload">
              <Upload.Dragger
                accept=".csv,.xlsx"
                multiple={false}
                showUploadList={false}
                beforeUpload={(f) => {
                  void dryRun(f);
                  return false;
                }}
                disabled={check.state === 'checking' || importing}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('uploadHint')}</p>
                <p className="ant-upload-hint">{t('uploadSub')}</p>
              </Upload.Dragger>
            </div>
            {file && <Typography.Text type="secondary">{t('fileLabel', { name: file.name })}</Typography.Text>}
            {check.state === 'checking' && <Alert type="info" showIcon title={t('validating')} />}
            {check.state === 'failed' && (
              <div data-testid="import-failed">
                <Alert type="error" showIcon title={check.message} style={{ marginBottom: 12 }} />
                <ImportErrorTable details={check.details} rowTestId="import-error-row" data-testid="import-errors" />
              </div>
            )}
            {check.state === 'ok' && (
              <Alert
                type="success"
                showIcon
                title={t('validationOk', { rows: check.result.rows })}
                description={t('insertedUpdated', { inserted: check.result.inserted, updated: check.result.updated })}
                data-testid="import-dryrun-ok"
              />
            )}
            {importError && <Alert type="error" showIcon title={importError} data-testid="import-error" />}
            <Space>
              <Button onClick={restart}>{t('prev')}</Button>
              <Button
                type="primary"
                disabled={check.state !== 'ok'}
                loading={importing}
                onClick={importNow}
                data-testid="import-submit"
              >
                {importing ? t('importing') : t('importNow')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 2 && (
          <Result
            status="success"
            title={
              <span data-testid="import-result">
                {t('imported', { count: written ? written.inserted + written.updated : 0 })}
              </span>
            }
            subTitle={
              written ? t('insertedUpdated', { inserted: written.inserted, updated: written.updated }) : undefined
            }
            extra={<Button onClick={restart}>{t('startOver')}</Button>}
          />
        )}
      </Card>
    </Space>
  );
}
