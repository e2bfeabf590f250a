// The plan's own fields in the review step: name, region (from the tree, or any code for administrators) and
// the baseline year and period read from the table's header.
import { CheckOutlined } from '@ant-design/icons';
import { Form, Input, InputNumber, Space, Tag } from 'antd';
import { type Dispatch, useState } from 'react';
import { ApiError, errorMessage } from '../../platform/api.ts';
import { useSession } from '../../platform/session.tsx';
import { AreaSelect } from '../../registry/AreaSelect.tsx';
import { fetchArea } from '../../registry/queries.ts';
import { usePlanningT } from '../i18n.ts';
import type { Period, WizardAction, WizardState } from './wizard.ts';

export function PlanFields({ state, dispatch }: { state: WizardState; dispatch: Dispatch<WizardAction> }) {
  const t = usePlanningT();
  const { rootAreaCode, isAdmin } = useSession();
  const [regionError, setRegionError] = useState<string | null>(null);
  const { region, period } = state;

  async function lookUpRegion(code: string) {
    setRegionError(null);
    const c = code.trim();
    if (!/^\d{2,12}$/.test(c)) {
      setRegionError(t('regionUnknown', { code: c }));
      return;
    }
    try {
      const a = await fetchArea(c);
      dispatch({ type: 'region', region: { code: a.code, name: a.name } });
    } catch (e) {
      setRegionError(e instanceof ApiError && e.status === 404 ? t('regionUnknown', { code: c }) : errorMessage(e));
    }
  }

  // A year outside 1949–2100 stays as typed and is marked (the server refuses it, naming the field); an
  // InputNumber min/max would have clamped 2300 to 2100 on blur without a word.
  const badYear = (v: number) => !Number.isInteger(v) || v < 1949 || v > 2100;
  const year = (key: keyof Period) => (
    <InputNumber
      value={period[key]}
      status={badYear(period[key]) ? 'error' : undefined}
      onChange={(v) => v && dispatch({ type: 'period', patch: { [key]: v } })}
      style={{ width: 90 }}
      data-testid={`plan-${key}`}
    />
  );
  const yearHelp = (...keys: (keyof Period)[]) =>
    keys.some((k) => badYear(period[k])) ? { validateStatus: 'error' as const, help: t('yearRange') } : {};

  return (
    <Form layout="inline" style={{ rowGap: 12 }} data-testid="plan-form">
      <Form.Item label={t('planName')} required style={{ minWidth: 420 }}>
        <Input
          value={state.name}
          onChange={(e) => dispatch({ type: 'name', name: e.target.value })}
          placeholder={t('planNamePlaceholder')}
          style={{ width: 380 }}
          data-testid="plan-name"
        />
      </Form.Item>
      <Form.Item
        label={t('region')}
        required
        help={regionError ?? undefined}
        validateStatus={regionError ? 'error' : undefined}
      >
        <Space wrap>
          <AreaSelect
            rootCode={rootAreaCode}
            value={region?.code}
            maxLevel="county"
            onChange={async (code) => {
              if (!code) return dispatch({ type: 'region', region: null });
              const a = await fetchArea(code);
              dispatch({ type: 'region', region: { code: a.code, name: a.name }, code: a.code });
            }}
            placeholder={t('regionRequired')}
            style={{ width: 200 }}
            data-testid="plan-region-select"
          />
          {isAdmin && (
            <Input.Search
              value={state.regionCode}
              onChange={(e) => dispatch({ type: 'regionCode', code: e.target.value })}
              onSearch={lookUpRegion}
              placeholder={t('regionOther')}
              enterButton={<CheckOutlined />}
              style={{ width: 200 }}
              data-testid="plan-region-code"
            />
          )}
          {region && (
            <Tag color="blue" data-testid="plan-region-name">
              {region.name} {region.code}
            </Tag>
          )}
        </Space>
      </Form.Item>
      <Form.Item label={t('baselineYear')} {...yearHelp('baselineYear')}>
        {year('baselineYear')}
      </Form.Item>
      <Form.Item label={t('period')} {...yearHelp('periodStart', 'periodEnd')}>
        <Space>
          {year('periodStart')}—{year('periodEnd')}
        </Space>
      </Form.Item>
    </Form>
  );
}
