// Plan import wizard: upload an indicator table (XLSX, CSV, DOCX) or paste one → POST /plans/import/preview
// (nothing saved) → check each row: the parsed target (unparsed ones flagged, structured by hand), the
// catalogue match with its confidence (low ones highlighted and confirmed or overridden by a person) → POST
// /plans → the new plan's dashboard. The steps live in plan-import/, the wizard state in plan-import/wizard.ts.
import { Button, Card, Result, Space, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { usePlanningT } from './i18n.ts';
import { ReviewStep } from './plan-import/ReviewStep.tsx';
import { SourceStep } from './plan-import/SourceStep.tsx';
import { targetOf, usePlanImportWizard } from './plan-import/wizard.ts';
import { TargetEditor } from './TargetEditor.tsx';
import './planning.css';

export default function PlanImport() {
  const t = usePlanningT();
  const navigate = useNavigate();
  const [state, dispatch] = usePlanImportWizard();
  const { step, preview, created, editing } = state;
  const restart = () => dispatch({ type: 'restart' });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-import">
      <Typography.Title level={3} className="wj-page-title">
        {t('importTitle')}
      </Typography.Title>
      <Card size="small">
        <Steps
          current={step}
          items={[{ title: t('stepSource') }, { title: t('stepPreview') }, { title: t('stepDone') }]}
          style={{ marginBottom: 24 }}
        />
        {step === 0 && <SourceStep state={state} dispatch={dispatch} />}
        {step === 1 && preview && <ReviewStep state={state} preview={preview} dispatch={dispatch} />}
        {step === 2 && created && (
          <Result
            status="success"
            title={<span data-testid="plan-created">{t('created', { name: created.name })}</span>}
            extra={[
              <Button key="open" type="primary" onClick={() => navigate(`/plans/${created.id}`)}>
                {t('open')}
              </Button>,
              <Button key="again" onClick={restart}>
                {t('restart')}
              </Button>,
            ]}
          />
        )}
      </Card>
      {editing && (
        <TargetEditor
          open
          name={editing.name}
          text={editing.targetText}
          target={targetOf(state.rows, editing)}
          unit={editing.unit}
          baseYear={state.period.baselineYear}
          onOk={(target) => {
            dispatch({ type: 'row', row: editing.row, patch: { target } });
            dispatch({ type: 'edit', row: null });
          }}
          onCancel={() => dispatch({ type: 'edit', row: null })}
        />
      )}
    </Space>
  );
}
