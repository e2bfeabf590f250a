// Editing the plan's target of the indicator (the region's) or a county's own target, in the TargetEditor.
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../platform/api.ts';
import { usePlanningT } from '../i18n.ts';
import { EVAL_KEY } from '../queries.ts';
import { TargetEditor } from '../TargetEditor.tsx';
import type { EvaluationItem, PlanDetail, Target, TargetEditBody } from '../types.ts';

export function TargetEdit({
  plan,
  seq,
  item,
  indicatorName,
  area,
  onClose,
}: {
  plan: PlanDetail;
  seq: number;
  item: EvaluationItem | undefined;
  indicatorName: string;
  area: string;
  onClose: () => void;
}) {
  const t = usePlanningT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const indicator = plan.indicators.find((i) => i.seq === seq);
  const own = area !== plan.regionCode;
  const target: Target | null = own
    ? (indicator?.areaTargets.find((a) => a.areaCode === area)?.target ?? item?.target ?? null)
    : (indicator?.target ?? null);
  return (
    <TargetEditor
      open
      name={`${indicatorName}${own && item ? ` · ${area}` : ''}`}
      text={indicator?.targetText ?? ''}
      target={target}
      unit={indicator?.unit ?? null}
      baseYear={plan.baselineYear}
      saving={saving}
      onCancel={onClose}
      onOk={async (next) => {
        setSaving(true);
        try {
          const body: TargetEditBody = { version: plan.version, target: next, ...(own ? { area } : {}) };
          await api.put(`/plans/${plan.id}/indicators/${seq}/target`, body);
          await Promise.all([
            client.invalidateQueries({ queryKey: ['plan', plan.id] }),
            client.invalidateQueries({ queryKey: [EVAL_KEY] }),
          ]);
          message.success(t('saved'));
          onClose();
        } catch (e) {
          message.error(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    />
  );
}
