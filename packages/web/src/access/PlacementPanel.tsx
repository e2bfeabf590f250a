// The placement panel: model, time limit and number of new sites → POST /access/placement; the answer compared
// with today (households inside the circle before and after), the proposed sites with what each adds, and
// whether the solver proved the answer optimal (else the heuristic's bound and gap).
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
import { useAccessT } from './i18n.ts';
import { runPlacement } from './queries.ts';
import type { PlacementModel, PlacementRequest, PlacementResult } from './types.ts';

interface Props {
  area: string;
  minutes: number;
  /** Called with each new answer (the map draws its sites), or null when cleared. */
  onResult?: (result: PlacementResult | null) => void;
}

const pct = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function PlacementPanel({ area, minutes, onResult }: Props) {
  const t = useAccessT();
  const { lang } = useLocale();
  const [model, setModel] = useState<PlacementModel>('mclp');
  const [sites, setSites] = useState(3);
  const [placeMinutes, setPlaceMinutes] = useState<number | null>(null);
  const [candidates, setCandidates] = useState<'townships' | 'villages'>('townships');
  const [keepExisting, setKeepExisting] = useState(true);
  const time = placeMinutes ?? minutes;
  const mutation = useMutation({
    mutationFn: (body: PlacementRequest) => runPlacement(body),
    onSuccess: (res) => onResult?.(res),
  });
  const res = mutation.data;
  const run = () => {
    onResult?.(null);
    mutation.mutate({
      area,
      model,
      minutes: time,
      ...(model === 'lscp' ? {} : { sites }),
      candidates,
      keepExisting,
    });
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
        </Space>
      )}
    </Card>
  );
}
