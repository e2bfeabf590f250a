// 健康档案导入: the templates (residents, contracts, follow-ups, checks; XLSX or CSV) and the upload of a filled
// sheet or an NDJSON file to POST /care/import. The server checks every line and stores all or nothing; a
// refusal lists each problem by line (NDJSON) or sheet row and field, and says nothing was stored. "Check only"
// sends the same file as a dry run.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Radio, Result, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, apiUrl, type ErrorDetail, errorMessage, request } from '../platform/api.ts';
import { ImportErrorTable } from '../platform/ImportErrorTable.tsx';
import { codeKey, useCareT } from './i18n.ts';
import { useCareInvalidate } from './queries.ts';

const KINDS = ['residents', 'contracts', 'followups', 'checks'] as const;
type Kind = (typeof KINDS)[number];

interface ImportResult {
  dryRun: boolean;
  lines: number;
  residents: number;
  enrolments: number;
  followups: number;
  checks: number;
  contracts: number;
}

type State =
  | { state: 'idle' }
  | { state: 'sending'; name: string }
  | { state: 'failed'; name: string; message: string; details: ErrorDetail[] }
  | { state: 'done'; name: string; result: ImportResult };

/** Problems named by NDJSON line read "line 7.area": the row and the field, as the sheet problems come. */
function asRows(details: ErrorDetail[]): ErrorDetail[] {
  return details.map((d) => {
    const m = /^(?:line|row) (\d+)(?:\.(.+))?$/.exec(d.path ?? '');
    return m ? { ...d, row: d.row ?? Number(m[1]), column: d.column ?? m[2] } : d;
  });
}

const countsOf = ({ dryRun: _d, ...counts }: ImportResult): Record<string, number> => counts;

export default function CareImport() {
  const t = useCareT();
  const invalidate = useCareInvalidate();
  const [kind, setKind] = useState<Kind>('residents');
  const [dryRun, setDryRun] = useState(false);
  const [s, setS] = useState<State>({ state: 'idle' });
  // The answer to an earlier upload does not overwrite a later one's.
  const session = useRef(0);

  async function send(file: File) {
    const mine = ++session.current;
    if (!/\.(xlsx|csv|txt|ndjson|jsonl)$/i.test(file.name)) {
      setS({ state: 'failed', name: file.name, message: t('importWrongFile'), details: [] });
      return;
    }
    setS({ state: 'sending', name: file.name });
    const ndjson = /\.(ndjson|jsonl)$/i.test(file.name);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const result = await request<ImportResult>('/care/import', {
        method: 'POST',
        body,
        query: { kind: ndjson ? undefined : kind, dryRun: dryRun ? 'true' : undefined },
      });
      if (!result.dryRun) void invalidate();
      if (mine === session.current) setS({ state: 'done', name: file.name, result });
    } catch (e) {
      if (mine !== session.current) return;
      const details = e instanceof ApiError ? asRows(e.details) : [];
      setS({ state: 'failed', name: file.name, message: errorMessage(e), details });
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="care-import">
      <Typography.Title level={3} className="wj-page-title" style={{ margin: 0 }}>
        {t('importTitle')}
      </Typography.Title>
      <Card size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('importHint')}
          </Typography.Paragraph>
          <Space wrap>
            <Typography.Text>{t('importKind')}</Typography.Text>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
              optionType="button"
              options={KINDS.map((k) => ({ value: k, label: t(codeKey('importKind', k)) }))}
              data-testid="import-kind"
            />
          </Space>
          <Space wrap>
            <Typography.Text>{t('importTemplates')}</Typography.Text>
            {(['xlsx', 'csv'] as const).map((ext) => (
              <a key={ext} href={apiUrl(`/care/templates/${kind}.${ext}`)} download data-testid={`template-${ext}`}>
                <Button icon={<DownloadOutlined />}>
                  {t(codeKey('importKind', kind))} .{ext}
                </Button>
              </a>
            ))}
          </Space>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
            {t('importDryRun')}
          </Checkbox>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv,.txt,.ndjson,.jsonl"
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
            </Upload.Dragger>
          </div>
        </Space>
      </Card>
      {s.state === 'sending' && <Alert type="info" showIcon title={t('importSending', { name: s.name })} />}
      {s.state === 'done' && (
        <Result
          status="success"
          title={t(s.result.dryRun ? 'importChecked' : 'importStored')}
          subTitle={t('importDone', { name: s.name, ...countsOf(s.result) })}
          data-testid="import-done"
        />
      )}
      {s.state === 'failed' && (
        <div data-testid="import-failed">
          <Alert
            type="error"
            showIcon
            title={s.message}
            description={t('importNothingStored', { name: s.name })}
            style={{ marginBottom: 12 }}
          />
          {s.details.length > 0 && (
            <ImportErrorTable
              details={s.details}
              rowTestId="import-error-row"
              pageSize={20}
              data-testid="import-errors"
            />
          )}
        </div>
      )}
    </Space>
  );
}
