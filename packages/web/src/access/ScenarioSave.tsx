// Saves the placement on screen as a planning scenario of its area, optionally next to a plan
// (POST /access/scenarios). Only users whose role may write area data see the form: the server refuses the
// others (and a writer outside the area) all the same, and its refusal is shown here with the field it names.
import { Alert, App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../platform/api.ts';
import { useAccessT } from './i18n.ts';
import { usePlanOptions, useSaveScenario } from './queries.ts';
import type { PlacementRequest, PlacementResult, Scenario } from './types.ts';

interface Props {
  result: PlacementResult;
  /** The request the result answers: kept with the scenario so it can be run again. */
  params: PlacementRequest;
  onSaved?: (scenario: Scenario) => void;
}

interface Values {
  name: string;
  planId?: number;
}

export function ScenarioSave({ result, params, onSaved }: Props) {
  const t = useAccessT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const plans = usePlanOptions(result.area.code, open);
  const save = useSaveScenario();

  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid="scenario-save-open">
        {t('saveAsScenario')}
      </Button>
    );

  const submit = (values: Values) =>
    save.mutate(
      {
        area: result.area.code,
        planId: values.planId ?? null,
        name: values.name.trim(),
        params: { ...params },
        result,
      },
      {
        onSuccess: (scenario) => {
          message.success(t('scenarioSaved', { name: scenario.name }));
          form.resetFields();
          setOpen(false);
          onSaved?.(scenario);
        },
      },
    );

  const error = save.error;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form<Values> form={form} layout="inline" style={{ rowGap: 8 }} onFinish={submit} data-testid="scenario-form">
        <Form.Item
          name="name"
          label={t('scenarioName')}
          rules={[
            { required: true, whitespace: true, message: t('scenarioNameRequired') },
            { max: 200, message: t('scenarioNameLong') },
          ]}
        >
          <Input style={{ width: 260 }} placeholder={t('scenarioNameHint')} data-testid="scenario-name" />
        </Form.Item>
        <Form.Item name="planId" label={t('scenarioPlan')}>
          <Select<number>
            allowClear
            style={{ width: 260 }}
            placeholder={t('scenarioNoPlan')}
            loading={plans.isPending}
            data-testid="scenario-plan"
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="scenario-save">
              {t('saveScenario')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('cancel')}</Button>
          </Space>
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid="scenario-save-error"
          title={errorMessage(error)}
          description={
            details.length ? details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('；') : undefined
          }
        />
      )}
    </Space>
  );
}
