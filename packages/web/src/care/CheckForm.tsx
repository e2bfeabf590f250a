// 老年人健康体检 / 儿童健康检查 (and maternal visits): the date (today), complete or not, a note; Enter saves.
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api, errorMessage } from '../platform/api.ts';
import { useCareT } from './i18n.ts';
import { today, useCareInvalidate } from './queries.ts';
import type { CheckBody, CheckType } from './types.ts';

interface Values {
  date: Dayjs;
  complete: boolean;
  note?: string;
}

export function CheckForm({
  residentId,
  type,
  onSaved,
  onCancel,
}: {
  residentId: number;
  type: CheckType;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const t = useCareT();
  const { message } = App.useApp();
  const invalidate = useCareInvalidate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (v: Values) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const note = v.note?.trim();
    const body: CheckBody = {
      residentId,
      type,
      date: v.date.format('YYYY-MM-DD'),
      complete: v.complete,
      ...(note ? { note } : {}),
    };
    try {
      await api.post('/care/checks', body);
      message.success(t('checkSaved'));
      void invalidate();
      onSaved?.();
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      form.setFields(
        (['date', 'complete', 'note'] as const).map((name) => ({
          name,
          errors: details.filter((d) => d.path === name).map((d) => d.message),
        })),
      );
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ date: dayjs(today()), complete: true }}
      data-testid="check-form"
    >
      <Space wrap align="start">
        <Form.Item
          name="date"
          label={t('date')}
          rules={[
            { required: true, message: t('required') },
            {
              validator: (_, v: Dayjs | undefined) =>
                v && v.format('YYYY-MM-DD') > today() ? Promise.reject(new Error(t('dateFuture'))) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker allowClear={false} data-testid="c-date" />
        </Form.Item>
        <Form.Item name="complete" valuePropName="checked" label=" ">
          <Checkbox data-testid="c-complete">{t('checkComplete')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input autoFocus style={{ width: 260 }} data-testid="c-note" />
        </Form.Item>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="check-save">
          {t('save')} ⏎
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('cancel')}</Button>}
      </Space>
    </Form>
  );
}
