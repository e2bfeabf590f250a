// Step 1 of the plan import: a file (XLSX, CSV, DOCX) or pasted text → POST /plans/import/preview (nothing
// saved); the preview moves the wizard on, a refused table is explained here.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Tabs, Typography, Upload } from 'antd';
import { type Dispatch, useState } from 'react';
import { ApiError, api, errorMessage, request } from '../../platform/api.ts';
import { usePlanningT } from '../i18n.ts';
import type { Preview } from '../types.ts';
import type { WizardAction, WizardState } from './wizard.ts';

export function SourceStep({ state, dispatch }: { state: WizardState; dispatch: Dispatch<WizardAction> }) {
  const t = usePlanningT();
  const [parsing, setParsing] = useState(false);
  const [parseError, setParseError] = useState<ApiError | Error | null>(null);

  async function preview(fileName: string | null, load: () => Promise<Preview>) {
    dispatch({ type: 'file', fileName });
    setParsing(true);
    setParseError(null);
    try {
      dispatch({ type: 'parsed', preview: await load() });
    } catch (e) {
      setParseError(e as Error);
    } finally {
      setParsing(false);
    }
  }

  const previewFile = (file: File) =>
    preview(file.name, () => {
      const body = new FormData();
      body.append('file', file, file.name);
      return request<Preview>('/plans/import/preview', { method: 'POST', body });
    });
  const previewText = () => preview(null, () => api.post<Preview>('/plans/import/preview', { text: state.text }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Tabs
        activeKey={state.source}
        onChange={(k) => dispatch({ type: 'source', source: k as 'file' | 'paste' })}
        items={[
          {
            key: 'file',
            label: <span data-testid="source-file">{t('sourceFile')}</span>,
            children: (
              <div data-testid="plan-upload">
                <Upload.Dragger
                  accept=".xlsx,.csv,.docx,.txt,.tsv"
                  multiple={false}
                  showUploadList={false}
                  beforeUpload={(f) => {
                    void previewFile(f);
                    return false;
                  }}
                  disabled={parsing}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('uploadHint')}</p>
                  <p className="ant-upload-hint">{t('uploadSub')}</p>
                </Upload.Dragger>
              </div>
            ),
          },
          {
            key: 'paste',
            label: <span data-testid="source-paste">{t('sourcePaste')}</span>,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  value={state.text}
                  onChange={(e) => dispatch({ type: 'text', text: e.target.value })}
                  rows={12}
                  placeholder={t('pastePlaceholder')}
                  style={{ fontFamily: 'monospace' }}
                  data-testid="plan-paste"
                />
                <Button
                  type="primary"
                  disabled={!state.text.trim()}
                  loading={parsing}
                  onClick={previewText}
                  data-testid="plan-paste-preview"
                >
                  {t('previewButton')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {state.fileName && <Typography.Text type="secondary">{t('fileLabel', { name: state.fileName })}</Typography.Text>}
      {parsing && <Alert type="info" showIcon title={t('parsing')} />}
      {parseError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(parseError)}
          description={
            parseError instanceof ApiError && parseError.details.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {parseError.details.map((d) => (
                  <li key={`${d.row}-${d.path}-${d.message}`}>{d.message}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="plan-parse-error"
        />
      )}
    </Space>
  );
}
