// The review table of the plan import: each row's parsed target (unparsed ones flagged, structured by hand in
// the TargetEditor), its catalogue link with the match confidence, and the confirmation a person gives.
import { CheckOutlined, EditOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Checkbox, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type Dispatch, useMemo } from 'react';
import { useLocale } from '../../platform/locale.tsx';
import { formatTarget, NatureTag, punct } from '../display.tsx';
import { type PlanningKey, usePlanningT } from '../i18n.ts';
import { useCatalogue } from '../queries.ts';
import type { PreviewRow, TrendDirection } from '../types.ts';
import {
  chosenConfidence,
  confidenceColour,
  HIGH,
  readiness,
  stateOf,
  targetOf,
  type WizardAction,
  type WizardState,
} from './wizard.ts';

export function PreviewTable({ state, dispatch }: { state: WizardState; dispatch: Dispatch<WizardAction> }) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const catalogue = useCatalogue();
  const byCode = useMemo(() => new Map((catalogue.data?.items ?? []).map((d) => [d.code, d])), [catalogue.data]);
  const trend = (d: TrendDirection) => t(`trend_${d}` as PlanningKey);
  const { rows } = state;
  const { unconfirmed, unparsed } = readiness(state);
  const edit = (r: PreviewRow) => dispatch({ type: 'edit', row: r });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={() => dispatch({ type: 'confirmAll' })} icon={<CheckOutlined />} data-testid="confirm-all">
          {t('confirmAll')}
        </Button>
        {unconfirmed > 0 && (
          <Typography.Text type="warning" data-testid="unconfirmed-count">
            <WarningOutlined /> {t('mustConfirm', { count: unconfirmed })}
          </Typography.Text>
        )}
        {unparsed > 0 && (
          <Typography.Text type="secondary" data-testid="unparsed-count">
            {t('unparsedLeft', { count: unparsed })}
          </Typography.Text>
        )}
      </Space>

      <Table<PreviewRow>
        rowKey="row"
        size="small"
        dataSource={state.preview?.rows ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        data-testid="preview-table"
        rowClassName={(r) => {
          const s = rows[r.row];
          const conf = r.candidates.find((c) => c.code === s?.catalogueCode)?.confidence ?? r.matchConfidence ?? 0;
          if (!s?.confirmed) return 'wj-row-low';
          return conf < HIGH && s.catalogueCode ? 'wj-row-checked' : '';
        }}
        onRow={(r) =>
          ({
            'data-testid': 'preview-row',
            'data-row': r.row,
            'data-confirmed': rows[r.row]?.confirmed ? 'true' : 'false',
            'data-target-state': stateOf(targetOf(rows, r)),
            'data-catalogue': rows[r.row]?.catalogueCode ?? '',
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('rowNo'), dataIndex: 'row', width: 50 },
          { title: t('domain'), dataIndex: 'domain', width: 100, render: (d: string | null) => d ?? '' },
          { title: t('name'), dataIndex: 'name', width: 200 },
          { title: t('unit'), dataIndex: 'unit', width: 70, render: (u: string | null) => u ?? '' },
          { title: t('baseline'), dataIndex: 'baselineText', width: 80, align: 'right' },
          {
            title: t('target'),
            key: 'target',
            width: 190,
            render: (_: unknown, r) => {
              const target = targetOf(rows, r);
              const edited = rows[r.row]?.target !== undefined;
              if (target?.kind === 'unparsed') {
                return (
                  <Space orientation="vertical" size={2}>
                    <Tag color="red" icon={<WarningOutlined />} data-testid="target-unparsed">
                      {r.targetText}
                    </Tag>
                    <Button size="small" icon={<EditOutlined />} onClick={() => edit(r)} data-testid="structure-target">
                      {t('structure')}
                    </Button>
                  </Space>
                );
              }
              return (
                <Space size={4}>
                  <Tooltip title={`${t('originalText')}${punct(lang).colon}${r.targetText || '—'}`}>
                    <span data-testid="target-parsed">
                      {edited ? formatTarget(target ?? null, lang, trend) : r.targetDisplay[lang]}
                    </span>
                  </Tooltip>
                  {edited && <Tag color="purple">{t('targetManual')}</Tag>}
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => edit(r)}
                    aria-label={t('structure')}
                  />
                </Space>
              );
            },
          },
          {
            title: t('nature'),
            dataIndex: 'nature',
            width: 80,
            render: (n: PreviewRow['nature']) => <NatureTag nature={n} />,
          },
          {
            title: t('match'),
            key: 'match',
            width: 290,
            render: (_: unknown, r) => {
              const s = rows[r.row];
              const inCandidates = new Set(r.candidates.map((c) => c.code));
              const chosen = s?.catalogueCode ?? null;
              const options = [
                ...r.candidates.map((c) => ({
                  value: c.code,
                  label: `${lang === 'en' ? (byCode.get(c.code)?.en ?? c.zh) : c.zh}${punct(lang).open}${Math.round(c.confidence * 100)}%${punct(lang).close}`,
                  search: `${c.zh} ${c.code}`,
                })),
                ...(catalogue.data?.items ?? [])
                  .filter((d) => !inCandidates.has(d.code))
                  .map((d) => ({
                    value: d.code,
                    label: lang === 'zh' ? d.zh : d.en,
                    search: `${d.zh} ${d.en} ${d.code}`,
                  })),
                { value: '__none__', label: t('noMatch'), search: t('noMatch') },
              ];
              return (
                <Select
                  showSearch={{ optionFilterProp: 'search' }}
                  value={chosen ?? (s?.confirmed ? '__none__' : undefined)}
                  placeholder={
                    r.candidates[0]
                      ? `${t('lowConfidence')}${punct(lang).colon}${r.candidates[0].zh} ${Math.round(r.candidates[0].confidence * 100)}%`
                      : t('searchCatalogue')
                  }
                  onChange={(v: string) =>
                    dispatch({
                      type: 'row',
                      row: r.row,
                      patch: { catalogueCode: v === '__none__' ? null : v, confirmed: true },
                    })
                  }
                  options={options}
                  style={{ width: 270 }}
                  popupMatchSelectWidth={380}
                  data-testid="match-select"
                  status={!s?.confirmed ? 'warning' : undefined}
                />
              );
            },
          },
          {
            title: t('confidence'),
            key: 'confidence',
            width: 90,
            render: (_: unknown, r) => {
              const c = chosenConfidence(r, rows[r.row]);
              return (
                <Tooltip title={c !== null && c < HIGH ? t('lowConfidence') : undefined}>
                  <Tag color={confidenceColour(c)} data-testid="match-confidence" data-confidence={c ?? ''}>
                    {c === null ? '—' : `${Math.round(c * 100)}%`}
                  </Tag>
                </Tooltip>
              );
            },
          },
          {
            title: t('confirm'),
            key: 'confirm',
            width: 80,
            render: (_: unknown, r) => (
              <Checkbox
                checked={!!rows[r.row]?.confirmed}
                onChange={(e) => dispatch({ type: 'row', row: r.row, patch: { confirmed: e.target.checked } })}
                data-testid="match-confirm"
              />
            ),
          },
          {
            title: t('issues'),
            key: 'issues',
            width: 200,
            render: (_: unknown, r) => {
              const s = rows[r.row];
              const def = s?.catalogueCode ? byCode.get(s.catalogueCode) : undefined;
              return (
                <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
                  {r.issues.map((i) => (
                    <Typography.Text key={i.message.zh} type="warning" style={{ fontSize: 12 }}>
                      {i.message[lang]}
                    </Typography.Text>
                  ))}
                  {def && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {def.code} · {def.unit ?? ''}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </Space>
  );
}
