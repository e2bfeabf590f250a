// Structuring a target by hand: the parser could not understand the text (or got it wrong), so a person
// chooses the kind and fills in the numbers. The original text is always kept beside the typed target.
import { Alert, Form, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocale } from '../platform/locale.tsx';
import { formatTarget } from './display.tsx';
import { type PlanningKey, usePlanningT } from './i18n.ts';
import {
  TARGET_KINDS,
  type Target,
  type TargetKind,
  THRESHOLD_OPS,
  type ThresholdOp,
  TREND_DIRECTIONS,
  type TrendDirection,
  UNITS,
  type Unit,
} from './types.ts';

interface Draft {
  kind: TargetKind | 'none';
  op: ThresholdOp;
  value: number | null;
  min: number | null;
  max: number | null;
  delta: number | null;
  base: number | null;
  unit: Unit | null;
  direction: TrendDirection;
}

function draftOf(target: Target | null, unit: Unit | null, baseYear: number): Draft {
  const d: Draft = {
    kind: target === null ? 'none' : target.kind === 'unparsed' ? 'threshold' : target.kind,
    op: '>=',
    value: null,
    min: null,
    max: null,
    delta: null,
    base: baseYear,
    unit,
    direction: 'increase',
  };
  if (!target) return d;
  if ('unit' in target) d.unit = target.unit ?? unit;
  if (target.kind === 'threshold') Object.assign(d, { op: target.op, value: target.value });
  if (target.kind === 'approx') d.value = target.value;
  if (target.kind === 'range') Object.assign(d, { min: target.min, max: target.max });
  if (target.kind === 'trend') d.direction = target.direction;
  if (target.kind === 'annual-change') d.delta = target.delta;
  if (target.kind === 'relative') Object.assign(d, { delta: target.delta, base: target.base });
  return d;
}

/** The typed target of a draft, or undefined while a number is missing. */
function targetOf(d: Draft, text: string): Target | null | undefined {
  switch (d.kind) {
    case 'none':
      return null;
    case 'threshold':
      return d.value === null ? undefined : { kind: 'threshold', op: d.op, value: d.value, unit: d.unit, text };
    case 'approx':
      return d.value === null ? undefined : { kind: 'approx', value: d.value, unit: d.unit, text };
    case 'range':
      return d.min === null || d.max === null
        ? undefined
        : { kind: 'range', min: d.min, max: d.max, unit: d.unit, text };
    case 'trend':
      return { kind: 'trend', direction: d.direction, text };
    case 'annual-change':
      return d.delta === null ? undefined : { kind: 'annual-change', delta: d.delta, unit: d.unit, text };
    case 'relative':
      return d.delta === null || d.base === null
        ? undefined
        : { kind: 'relative', delta: d.delta, unit: d.unit, base: d.base, text };
    case 'unparsed':
      return { kind: 'unparsed', text };
  }
}

export function TargetEditor({
  open,
  name,
  text,
  target,
  unit,
  baseYear,
  saving,
  onOk,
  onCancel,
}: {
  open: boolean;
  name: string;
  text: string;
  target: Target | null;
  unit: string | null;
  baseYear: number;
  saving?: boolean;
  onOk: (target: Target | null) => void;
  onCancel: () => void;
}) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const canonical = (UNITS as readonly string[]).includes(unit ?? '') ? (unit as Unit) : null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(target, canonical, baseYear));
  // The draft starts from the target when the editor opens, not whenever the parent re-renders: a background
  // refetch hands a new (equal) target object, and resetting on it threw away what the user had typed.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) setDraft(draftOf(target, canonical, baseYear));
    wasOpen.current = open;
  }, [open, target, canonical, baseYear]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const result = targetOf(draft, text);
  const trend = (d: TrendDirection) => t(`trend_${d}` as PlanningKey);
  const num = (key: 'value' | 'min' | 'max' | 'delta' | 'base', label: string, testId: string) => (
    <Form.Item label={label}>
      <InputNumber
        value={draft[key]}
        onChange={(v) => set({ [key]: typeof v === 'number' ? v : null })}
        style={{ width: 160 }}
        data-testid={testId}
      />
    </Form.Item>
  );
  const unitField = (
    <Form.Item label={t('unit')}>
      <Select
        allowClear
        value={draft.unit ?? undefined}
        onChange={(v) => set({ unit: (v as Unit | undefined) ?? null })}
        options={UNITS.map((u) => ({ value: u, label: u }))}
        style={{ width: 120 }}
      />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={t('editTargetTitle', { name })}
      onCancel={onCancel}
      onOk={() => result !== undefined && onOk(result)}
      okButtonProps={{ disabled: result === undefined, loading: saving, 'data-testid': 'target-editor-ok' } as never}
      okText={t('save')}
      cancelText={t('cancel')}
      destroyOnHidden
      data-testid="target-editor"
    >
      <Form layout="vertical">
        <Form.Item label={t('originalText')}>
          <Typography.Text code>{text || '—'}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('targetKind')}>
          <Select
            value={draft.kind}
            onChange={(kind) => set({ kind })}
            options={[
              ...TARGET_KINDS.map((k) => ({ value: k, label: t(`kind_${k}` as PlanningKey) })),
              { value: 'none', label: t('noTarget') },
            ]}
            style={{ width: 280 }}
            data-testid="target-kind"
          />
        </Form.Item>
        <Space wrap align="start">
          {draft.kind === 'threshold' && (
            <>
              <Form.Item label={t('op')}>
                <Select
                  value={draft.op}
                  onChange={(op) => set({ op })}
                  options={THRESHOLD_OPS.map((o) => ({
                    value: o,
                    label: { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' }[o],
                  }))}
                  style={{ width: 80 }}
                />
              </Form.Item>
              {num('value', t('value'), 'target-value')}
              {unitField}
            </>
          )}
          {draft.kind === 'approx' && (
            <>
              {num('value', t('value'), 'target-value')}
              {unitField}
            </>
          )}
          {draft.kind === 'range' && (
            <>
              {num('min', t('min'), 'target-min')}
              {num('max', t('max'), 'target-max')}
              {unitField}
            </>
          )}
          {draft.kind === 'trend' && (
            <Form.Item label={t('trendDirection')}>
              <Select
                value={draft.direction}
                onChange={(direction) => set({ direction })}
                options={TREND_DIRECTIONS.map((d) => ({ value: d, label: trend(d) }))}
                style={{ width: 180 }}
              />
            </Form.Item>
          )}
          {draft.kind === 'annual-change' && (
            <>
              {num('delta', t('delta'), 'target-delta')}
              {unitField}
            </>
          )}
          {draft.kind === 'relative' && (
            <>
              {num('delta', t('delta'), 'target-delta')}
              {unitField}
              {num('base', t('baseYear'), 'target-base')}
            </>
          )}
        </Space>
        {result !== undefined && (
          <Alert
            type={result?.kind === 'unparsed' ? 'warning' : 'success'}
            showIcon
            title={t('targetPreview', { text: formatTarget(result, lang, trend) })}
          />
        )}
      </Form>
    </Modal>
  );
}
