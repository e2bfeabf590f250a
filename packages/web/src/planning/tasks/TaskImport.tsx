// Importing a plan's numbered task list pasted from the plan text (POST /plans/{id}/tasks/import): previewed
// first, then imported.
import { ImportOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Collapse, Input, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../../platform/api.ts';
import { usePlanningT } from '../i18n.ts';
import type { TaskImportInput, TaskImportResult } from '../types.ts';

/** A dry run's answer: the tasks as parsed, not yet saved. */
type TaskImportPreview = Extract<TaskImportResult, { dryRun: true }>;

export function TaskImport({ planId }: { planId: number }) {
  const t = usePlanningT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'task' | 'project'>('task');
  const [preview, setPreview] = useState<TaskImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; details: string[] } | null>(null);

  async function run(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const body: TaskImportInput = { text, kind, dryRun };
      const r = await api.post<TaskImportResult>(`/plans/${planId}/tasks/import`, body);
      if (r.dryRun) setPreview(r);
      else {
        setPreview(null);
        setText('');
        await client.invalidateQueries({ queryKey: ['plan-tasks', planId] });
        message.success(t('importTasksDone', { count: r.total }));
      }
    } catch (e) {
      // The parser's reason is the message; any detail that says more (an older server's generic summary)
      // is listed under it rather than hidden behind "数据校验未通过（1 处错误）".
      const title = errorMessage(e);
      const details = e instanceof ApiError ? e.details.map((d) => d.message).filter((m) => m !== title) : [];
      setError({ title, details });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Collapse
      items={[
        {
          key: 'import',
          label: (
            <Space>
              <ImportOutlined />
              {t('importTasks')}
            </Space>
          ),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('importTasksHint')}</Typography.Text>
              <Select
                value={kind}
                onChange={setKind}
                options={(['task', 'project'] as const).map((k) => ({ value: k, label: t(`kind_${k}`) }))}
                style={{ width: 140 }}
              />
              <Input.TextArea
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setPreview(null);
                }}
                rows={8}
                data-testid="task-import-text"
              />
              <Space>
                <Button
                  disabled={!text.trim()}
                  loading={busy}
                  onClick={() => run(true)}
                  data-testid="task-import-preview"
                >
                  {t('importTasksPreview')}
                </Button>
                {preview && (
                  <Button type="primary" loading={busy} onClick={() => run(false)} data-testid="task-import-submit">
                    {t('importTasksNow', { count: preview.total })}
                  </Button>
                )}
              </Space>
              {error && (
                <Alert
                  type="error"
                  showIcon
                  title={error.title}
                  description={error.details.length ? error.details.join('；') : undefined}
                  data-testid="task-import-error"
                />
              )}
              {preview && (
                <List
                  size="small"
                  bordered
                  dataSource={preview.items}
                  renderItem={(i) => (
                    <List.Item>
                      <Typography.Text strong>{i.number}</Typography.Text> {i.title}{' '}
                      {i.section && <Typography.Text type="secondary">（{i.section}）</Typography.Text>}
                    </List.Item>
                  )}
                />
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
