// The indicator's definition from the catalogue: names, unit, direction, formula (or where reported values
// come from) and aliases.
import { Card, Descriptions, Typography } from 'antd';
import { Loading } from '../../platform/Loading.tsx';
import { useLocale } from '../../platform/locale.tsx';
import { useSession } from '../../platform/session.tsx';
import { formulaText, useSourceLabel } from '../display.tsx';
import { type PlanningKey, usePlanningT } from '../i18n.ts';
import type { CatalogueIndicator, PlanIndicator } from '../types.ts';

interface Props {
  indicator: PlanIndicator;
  def: CatalogueIndicator | undefined;
  unit: string | null;
  cataloguePending: boolean;
}

export function DefinitionPanel({ indicator, def, unit, cataloguePending }: Props) {
  const t = usePlanningT();
  const { lang } = useLocale();
  return (
    <Card size="small" title={t('definition')} style={{ height: '100%' }} data-testid="indicator-definition">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('catalogueName')}>
          {def ? `${def.zh} / ${def.en}` : t('notLinked')}
        </Descriptions.Item>
        {def && <Descriptions.Item label={t('code')}>{def.code}</Descriptions.Item>}
        <Descriptions.Item label={t('unit')}>{unit ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('direction')}>{t(`direction_${indicator.direction}`)}</Descriptions.Item>
        {def && (
          <Descriptions.Item label={t('formula')}>
            <FormulaText def={def} />
          </Descriptions.Item>
        )}
        {def?.source.note && <Descriptions.Item label={t('provNote')}>{def.source.note[lang]}</Descriptions.Item>}
        {def && def.aliases.length > 0 && (
          <Descriptions.Item label={t('aliases')}>{def.aliases.join('、')}</Descriptions.Item>
        )}
      </Descriptions>
      {!def && cataloguePending && <Loading />}
    </Card>
  );
}

function FormulaText({ def }: { def: CatalogueIndicator }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const { meta } = useSession();
  const source = useSourceLabel();
  const f = formulaText(def, meta, lang);
  if (f && def.source.kind === 'module')
    return (
      <span data-testid="indicator-formula">
        <Typography.Text code>{f}</Typography.Text>
        <br />
        <Typography.Text type="secondary">
          {t('moduleIndicator', { module: t(`module_${def.source.module}` as PlanningKey) })}
        </Typography.Text>
      </span>
    );
  if (f)
    return (
      <Typography.Text code data-testid="indicator-formula">
        {f}
      </Typography.Text>
    );
  if (def.source.kind !== 'reported') return null;
  return (
    <span data-testid="indicator-formula">
      {t('reportedIndicator', { source: source(def.source.defaultSource) })}
      {def.source.futureSource && (
        <>
          <br />
          <Typography.Text type="secondary">
            {t('futureSource', { module: t(`module_${def.source.futureSource}` as PlanningKey) })}
          </Typography.Text>
        </>
      )}
    </span>
  );
}
