// The placement panel: model, time limit and number of new sites → POST /access/placement; the answer compared
// with today (households inside the circle before and after), the proposed sites with what each adds, and
// whether the solver proved the answer optimal (else the heuristic's bound and gap). A writer saves the answer as
// a planning scenario; saved scenarios are listed below, and opening one puts its answer on the panel and map.
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../platform/api.ts';
import { formatInt, formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import { useSession } from '../platform/session.tsx';
import { useAccessT } from './i18n.ts';
import { MEDICAL, runPlacement } from './queries.ts';
import { ScenarioList } from './ScenarioList.tsx';
import { ScenarioSave } from './ScenarioSave.tsx';
import type { PlacementModel, PlacementRequest, PlacementResult, Scenario } from './types.ts';

interface Props {
  area: string;
  minutes: number;
  /** Institution categories that count as today's (the map's facility choice). */
  categories?: readonly string[];
  /** Called with each new answer (the map draws its sites), or null when cleared. */
  onResult?: (result: PlacementResult | null) => void;
}

const pct = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * A saved scenario's result as the panel reads it. The server only insists on `model` and `sites`, so a scenario
 * saved by another client may lack the rest: missing figures read as zero instead of breaking the panel.
 */
export function scenarioResult(s: Scenario): PlacementResult {
  const r = s.result as Partial<PlacementResult>;
  return {
    area: r.area ?? { code: s.areaCode, name: s.areaCode },
    network: r.network ?? { id: s.networkId, name: '', synthetic: false, profile: '', lines: 0, edges: 0 },
    model: s.model,
    minutes: r.minutes ?? 0,
    sites: Array.isArray(r.sites) ? r.sites : [],
    kept: r.kept ?? 0,
    objective: r.objective ?? 0,
    optimal: r.optimal ?? false,
    bound: r.bound ?? null,
    gap: r.gap ?? null,
    method: r.method ?? 'heuristic',
    households: r.households ?? 0,
    coveredToday: r.coveredToday ?? 0,
    coveredAfter: r.coveredAfter ?? 0,
    uncoverable: Array.isArray(r.uncoverable) ? r.uncoverable : [],
    reduced: r.reduced ?? { demand: 0, candidates: 0 },
    matrixMs: r.matrixMs ?? 0,
  };
}

export function PlacementPanel({ area, minutes, categories = MEDICAL, onResult }: Props) {
  const t = useAccessT();
  const { lang } = useLocale();
  const { can } = useSession();
  const [model, setModel] = useState<PlacementModel>('mclp');
  const [sites, setSites] = useState(3);
  const [placeMinutes, setPlaceMinutes] = useState<number | null>(null);
  const [candidates, setCandidates] = useState<'townships' | 'villages'>('townships');
  const [keepExisting, setKeepExisting] = useState(true);
  // A saved scenario opened from the list replaces the fresh answer on the panel until closed or re-run.
  const [opened, setOpened] = useState<Scenario | null>(null);
  const time = placeMinutes ?? minutes;
  const mutation = useMutation({
    mutationFn: (body: PlacementRequest) => runPlacement(body),
    onSuccess: (res) => onResult?.(res),
  });
  const res = opened ? scenarioResult(opened) : mutation.data;
  const run = () => {
    onResult?.(null);
    setOpened(null);
    mutation.mutate({
      area,
      model,
      minutes: time,
      ...(model === 'lscp' ? {} : { sites }),
      candidates,
      keepExisting,
      categories: [...categories],
    });
  };
  const open = (s: Scenario) => {
    setOpened(s);
    onResult?.(scenarioResult(s));
  };
  const close = () => {
    setOpened(null);
    onResult?.(mutation.data ?? null);
  };

  const share = (n: number) => formatRatio((pct(n, res?.households ?? 0) ?? 0) * 100, lang, 1);
  const objective = (r: PlacementResult) =>
    r.model === 'lscp'
      ? t('objLscp', { n: r.objective })
      : r.model === 'mclp'
        ? t('objMclp', { n: formatInt(r.objective, lang) })
        : t('objPmedian', { n: formatRatio(r.households > 0 ? r.objective / r.households : 0, lang, 1) });

  return (
    <Card size="small" title={t('placeTitle')} data-testid="placement-panel">
      <Form layout="inline" style={{ rowGap: 8 }} onFinish={run}>
        <Form.Item label={t('model')}>
          <Select<PlacementModel>
            value={model}
            onChange={setModel}
            style={{ width: 220 }}
            data-testid="placement-model"
            options={[
              { value: 'mclp', label: t('modelMclp') },
              { value: 'lscp', label: t('modelLscp') },
              { value: 'pmedian', label: t('modelPmedian') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('minutes')}>
          <InputNumber
            min={1}
            max={240}
            value={time}
            onChange={(v) => setPlaceMinutes(v ?? null)}
            data-testid="placement-minutes"
          />
        </Form.Item>
        {model !== 'lscp' && (
          <Form.Item label={t('sites')}>
            <InputNumber
              min={1}
              max={200}
              value={sites}
              onChange={(v) => setSites(v ?? 1)}
              data-testid="placement-sites"
            />
          </Form.Item>
        )}
        <Form.Item label={t('candidates')}>
          <Select
            value={candidates}
            onChange={setCandidates}
            style={{ width: 120 }}
            options={[
              { value: 'townships', label: t('candTownships') },
              { value: 'villages', label: t('candVillages') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            checked={keepExisting}
            onChange={(e) => setKeepExisting(e.target.checked)}
            data-testid="placement-keep"
          >
            {t('keepExisting')}
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="placement-run">
            {mutation.isPending ? t('running') : t('run')}
          </Button>
        </Form.Item>
      </Form>
      {mutation.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={mutation.error instanceof ApiError ? mutation.error.message : String(mutation.error)}
        />
      )}
      {res && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }} data-testid="placement-result">
          <Space wrap>
            {opened && (
              <Tag color="blue" closable onClose={close} data-testid="scenario-shown">
                {t('scenarioShown', { name: opened.name })}
              </Tag>
            )}
            <Typography.Text strong data-testid="placement-objective">
              {objective(res)}
            </Typography.Text>
            {res.optimal ? (
              <Tag color="green" data-testid="placement-optimal">
                {t('optimal')}
              </Tag>
            ) : (
              <Tag color="orange" data-testid="placement-gap">
                {t('heuristic', {
                  bound: formatRatio(res.bound, lang, 0),
                  gap: `${formatRatio((res.gap ?? 0) * 100, lang, 2)}%`,
                })}
              </Tag>
            )}
          </Space>
          <Descriptions
            size="small"
            bordered
            column={2}
            data-testid="placement-compare"
            items={[
              {
                key: 'today',
                label: `${t('householdsInside')}：${t('today')}`,
                children: (
                  <span data-testid="placement-today">
                    {formatInt(res.coveredToday, lang)}（{share(res.coveredToday)}%）
                  </span>
                ),
              },
              {
                key: 'after',
                label: `${t('householdsInside')}：${t('after')}`,
                children: (
                  <span data-testid="placement-after">
                    {formatInt(res.coveredAfter, lang)}（{share(res.coveredAfter)}%）
                    <Typography.Text type="success" style={{ marginLeft: 8 }}>
                      {t('gain')} +{formatInt(res.coveredAfter - res.coveredToday, lang)}
                    </Typography.Text>
                  </span>
                ),
              },
            ]}
          />
          {res.sites.length ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="placement-sites-table"
              dataSource={res.sites}
              columns={[
                { title: t('colSite'), dataIndex: 'name' },
                {
                  title: res.model === 'pmedian' ? t('colServed') : t('colAdded'),
                  dataIndex: 'addedHouseholds',
                  align: 'right',
                  render: (v: number) => formatInt(v, lang),
                },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">{t('noSites')}</Typography.Text>
          )}
          {res.uncoverable.length > 0 && (
            <Typography.Text type="warning">{t('uncoverable', { n: res.uncoverable.length })}</Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reduced', { d: res.reduced.demand, c: res.reduced.candidates })}
          </Typography.Text>
          {!opened && mutation.data && mutation.variables && can('writeArea') && (
            <ScenarioSave key={mutation.submittedAt} result={mutation.data} params={mutation.variables} />
          )}
        </Space>
      )}
      <div style={{ marginTop: 16 }}>
        <ScenarioList
          area={area}
          openId={opened?.id ?? null}
          onOpen={open}
          onDeleted={(id) => id === opened?.id && close()}
        />
      </div>
    </Card>
  );
}
