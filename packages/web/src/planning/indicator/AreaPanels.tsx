// The indicator across the region's children in one year: a map coloured by value or status, and the table of
// areas with their value, expected value and status. Picking an area on either selects it for the page.
import { Card, Col, Empty, Row, Segmented, Table } from 'antd';
import { useState } from 'react';
import { Loading } from '../../platform/Loading.tsx';
import { useLocale } from '../../platform/locale.tsx';
import { useBoundaries } from '../../registry/queries.ts';
import { ActualValue, formatValue, StatusTag } from '../display.tsx';
import { IndicatorMap } from '../IndicatorMap.tsx';
import { usePlanningT } from '../i18n.ts';
import type { AreaEvaluationItem, ByAreaResponse, PlanDetail } from '../types.ts';

interface Props {
  plan: PlanDetail;
  indicatorName: string;
  yearData: ByAreaResponse | undefined;
  year: number;
  area: string;
  decimals: number;
  onSelect: (code: string) => void;
}

export function AreaPanels({ plan, indicatorName, yearData, year, area, decimals, onSelect }: Props) {
  const t = usePlanningT();
  const { lang } = useLocale();
  const [colourBy, setColourBy] = useState<'value' | 'status'>('value');
  const boundaries = useBoundaries(plan.regionCode);
  const mapItems = (yearData?.items ?? []).map((i) => ({
    code: i.areaCode,
    name: i.areaName,
    value: i.actual?.value ?? null,
    status: i.status,
  }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t('mapTitle', { year })}
          extra={
            <Segmented
              size="small"
              value={colourBy}
              onChange={(v) => setColourBy(v as 'value' | 'status')}
              options={[
                { value: 'value', label: t('colourValue') },
                { value: 'status', label: t('colourStatus') },
              ]}
              data-testid="map-colour"
            />
          }
        >
          {boundaries.isPending || !yearData ? (
            <Loading />
          ) : mapItems.every((i) => i.value === null) ? (
            <Empty description={t('provNoValue')} data-testid="indicator-map-empty" />
          ) : (
            <IndicatorMap
              regionCode={plan.regionCode}
              boundaries={boundaries.data ?? null}
              items={mapItems}
              label={indicatorName}
              decimals={decimals}
              colourBy={colourBy}
              onSelect={(code) => onSelect(code)}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('byAreaTable', { year })}>
          <Table<AreaEvaluationItem>
            rowKey="areaCode"
            size="small"
            dataSource={yearData ? [yearData.area, ...yearData.items] : []}
            loading={!yearData}
            pagination={false}
            scroll={{ y: 420 }}
            onRow={(i) =>
              ({
                'data-testid': 'area-row',
                'data-area': i.areaCode,
                style: { cursor: 'pointer', fontWeight: i.areaCode === plan.regionCode ? 600 : undefined },
                onClick: () => onSelect(i.areaCode),
                className: i.areaCode === area ? 'ant-table-row-selected' : undefined,
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('areaName'), dataIndex: 'areaName' },
              {
                title: t('actual'),
                key: 'actual',
                align: 'right',
                render: (_: unknown, i) => <ActualValue item={i} />,
              },
              {
                title: t('expected'),
                dataIndex: 'expected',
                align: 'right',
                render: (v: number | null) => formatValue(v, decimals, lang),
              },
              { title: t('status'), dataIndex: 'status', render: (s) => <StatusTag status={s} /> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
