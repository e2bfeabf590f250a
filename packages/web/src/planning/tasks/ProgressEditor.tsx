import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, List, Modal, Select, Slider, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../platform/api.ts';
import { useLocale } from '../../platform/locale.tsx';
import { punct } from '../display.tsx';
import { type PlanningKey, usePlanningT } from '../i18n.ts';
import { type PlanTask, TASK_STATES, type TaskDetail, type TaskProgressEdit, type TaskState } from '../types.ts';

export function ProgressEditor({ task, onClose }: { task: PlanTask; onClose: () => void }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(task.progress);
  const [state, setState] = useState<TaskState>(task.state);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Errors under the progress and state fields: this form's own checks, then the server's (422 details). */
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<'progress' | 'state', string>>>({});
  const openMilestones = task.milestones.filter((m) => m.done === null);
  const updates = useQuery({
    queryKey: ['task', task.id],
    queryFn: () => api.get<TaskDetail>(`/tasks/${task.id}`),
  });
  useEffect(() => {
    if (progress === 100 && state !== 'done') setState('done');
  }, [progress, state]);

  /** The same rules as the server's (core taskEntryProblems), so a typo is shown before it is sent. */
  function check(): Partial<Record<'progress' | 'state', string>> {
    if (progress === null || !Number.isInteger(progress) || progress < 0 || progress > 100)
      return { progress: t('progressRange') };
    if ((state === 'done' || progress === 100) && openMilestones.length > 0) {
      const names = openMilestones
        .map((m) => (lang === 'zh' ? `「${m.title}」` : `"${m.title}"`))
        .join(lang === 'zh' ? '' : ', ');
      return { [state === 'done' ? 'state' : 'progress']: t('doneWithOpenMilestones', { names }) };
    }
    return {};
  }

  async function save() {
    const problems = check();
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (!note.trim()) {
      setError(t('progressNoteRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body: TaskProgressEdit = { version: task.version, note: note.trim(), progress: progress!, state };
      await api.post(`/tasks/${task.id}/updates`, body);
      await client.invalidateQueries({ queryKey: ['plan-tasks'] });
      await client.invalidateQueries({ queryKey: ['task', task.id] });
      message.success(t('taskSaved'));
      onClose();
    } catch (e) {
      const placed: Partial<Record<'progress' | 'state', string>> = {};
      const rest: string[] = [];
      for (const d of e instanceof ApiError ? e.details : []) {
        if (d.path === 'progress' || d.path === 'state') placed[d.path] = d.message;
        else rest.push(d.message);
      }
      setFieldErrors(placed);
      setError(Object.keys(placed).length > 0 && rest.length === 0 ? null : [errorMessage(e), ...rest].join('；'));
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
        <Form.Item
          label={t('progress')}
          validateStatus={fieldErrors.progress ? 'error' : undefined}
          help={fieldErrors.progress}
        >
          <Space style={{ width: '100%' }}>
            {/* The slider can only show 0–100; the number box keeps what was typed (no clamping on blur). */}
            <Slider
              value={Math.min(100, Math.max(0, progress ?? 0))}
              onChange={(v) => setProgress(v)}
              style={{ width: 360 }}
            />
            <InputNumber<number>
              value={progress}
              onChange={(v) => setProgress(typeof v === 'number' ? v : null)}
              suffix="%"
              style={{ width: 120 }}
              data-testid="task-progress-input"
            />
          </Space>
        </Form.Item>
        <Form.Item
          label={t('taskState')}
          validateStatus={fieldErrors.state ? 'error' : undefined}
          help={fieldErrors.state}
        >
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
