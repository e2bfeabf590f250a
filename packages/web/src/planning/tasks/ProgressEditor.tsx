import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, List, Modal, Select, Slider, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../platform/api.ts';
import { useLocale } from '../../platform/locale.tsx';
import { punct } from '../display.tsx';
import { type PlanningKey, usePlanningT } from '../i18n.ts';
import { type PlanTask, TASK_STATES, type TaskDetail, type TaskProgressEdit, type TaskState } from '../types.ts';

export function ProgressEditor({ task, onClose }: { task: PlanTask; onClose: () => void }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [progress, setProgress] = useState(task.progress);
  const [state, setState] = useState<TaskState>(task.state);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const updates = useQuery({
    queryKey: ['task', task.id],
    queryFn: () => api.get<TaskDetail>(`/tasks/${task.id}`),
  });
  useEffect(() => {
    if (progress >= 100 && state !== 'done') setState('done');
  }, [progress, state]);

  async function save() {
    if (!note.trim()) {
      setError(t('progressNoteRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body: TaskProgressEdit = { version: task.version, note: note.trim(), progress, state };
      await api.post(`/tasks/${task.id}/updates`, body);
      await client.invalidateQueries({ queryKey: ['plan-tasks'] });
      await client.invalidateQueries({ queryKey: ['task', task.id] });
      message.success(t('taskSaved'));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`${t('editProgress')}${punct(lang).colon}${task.title}`}
      onCancel={onClose}
      onOk={save}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'task-save' } as never}
      width={640}
    >
      <Form layout="vertical">
        <Form.Item label={t('progress')}>
          <Space style={{ width: '100%' }}>
            <Slider value={progress} onChange={setProgress} style={{ width: 360 }} />
            <InputNumber
              value={progress}
              min={0}
              max={100}
              onChange={(v) => typeof v === 'number' && setProgress(v)}
              addonAfter="%"
              style={{ width: 120 }}
              data-testid="task-progress-input"
            />
          </Space>
        </Form.Item>
        <Form.Item label={t('taskState')}>
          <Select
            value={state}
            onChange={setState}
            options={TASK_STATES.map((s) => ({ value: s, label: t(`tstatus_${s}` as PlanningKey) }))}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('progressNote')} required>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={3} data-testid="task-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
        {(updates.data?.updates.length ?? 0) > 0 && (
          <Form.Item label={t('taskUpdates')}>
            <List
              size="small"
              dataSource={updates.data?.updates ?? []}
              renderItem={(u) => (
                <List.Item>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.at.slice(0, 10)} {u.username ?? ''} {u.progress != null ? `${u.progress}%` : ''}
                  </Typography.Text>{' '}
                  {u.note}
                </List.Item>
              )}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
