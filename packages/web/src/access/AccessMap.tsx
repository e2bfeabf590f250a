// The access map page (issue 17 §7): the city's road network, medical institutions, one institution's
// isochrone, villages shaded where the nearest institution is beyond the time limit (or coloured by their 2SFCA
// ratio), coverage per child area, and the placement panel whose proposed sites are drawn on the same map and
// compared with today. A synthetic demo network is said to be one above the map.

import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../platform/api.ts';
import { EChart, registerAreaMap } from '../platform/EChart.tsx';
import { formatInt, formatRatio } from '../platform/format.ts';
import { useLocale } from '../platform/locale.tsx';
import type { Boundaries } from '../platform/map-legend.ts';
import { useSession } from '../platform/session.tsx';
import { AreaSelect } from '../registry/AreaSelect.tsx';
import { useAccessT } from './i18n.ts';
import { accessMapOption, dataBox, isUncovered, type MapLayers } from './map-option.ts';
import { PlacementPanel } from './PlacementPanel.tsx';
import {
  CATEGORY_CHOICES,
  type CategoryChoice,
  useCoverage,
  useFca,
  useIsochrone,
  useMapInstitutions,
  useNearest,
  useNetworks,
  useRoads,
} from './queries.ts';
import type { CoverageRow, MapInstitution, PlacementResult } from './types.ts';

const MINUTE_CHOICES = [10, 15, 20, 30, 60];
const NONE: never[] = [];

/** The city's county outlines as the map's backdrop (null when the server ships none). */
function useCityBoundaries(city: string) {
  return useQuery({
    queryKey: ['boundaries', city],
    queryFn: async () => {
      try {
        return await api.get<Boundaries>(`/areas/${encodeURIComponent(city)}/boundaries`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A backdrop without boundaries: the data's box as one transparent rectangle (ECharts' geo needs a map). */
function boxMap([a, b, c, d]: [number, number, number, number]): Boundaries {
  return {
    features: [
      {
        properties: { code: 'box', name: '' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [a, b],
              [c, b],
              [c, d],
              [a, d],
              [a, b],
            ],
          ],
        },
      },
    ],
  };
}

export default function AccessMap() {
  const t = useAccessT();
  const { lang } = useLocale();
  const { rootAreaCode, areaCode } = useSession();
  // The area is in the address (?area=), so a county's map can be linked to and reloaded.
  const [params, setParams] = useSearchParams();
  const area = params.get('area') ?? areaCode;
  const setArea = (code: string) => {
    const next = new URLSearchParams(params);
    next.set('area', code);
    setParams(next, { replace: true });
  };
  // ?minutes= and ?facilities= open the map as a link asked (the standards page links a failing place here).
  const [minutes, setMinutes] = useState(() => {
    const asked = Number(params.get('minutes'));
    return MINUTE_CHOICES.includes(asked) ? asked : 15;
  });
  // Which institutions count: every medical one by default; the narrower choices show who is outside the
  // circle of a health centre, a hospital or emergency care (the demo's village clinics cover everyone).
  const [choice, setChoice] = useState<CategoryChoice>(() => {
    const asked = params.get('facilities');
    return asked !== null && Object.hasOwn(CATEGORY_CHOICES, asked) ? (asked as CategoryChoice) : 'medical';
  });
  const categories = CATEGORY_CHOICES[choice];
  const [layers, setLayers] = useState<MapLayers>({ roads: true, villages: 'minutes', institutions: true });
  const [allRoads, setAllRoads] = useState(false);
  const [chosen, setChosen] = useState<MapInstitution | null>(null);
  const [placement, setPlacement] = useState<PlacementResult | null>(null);
  const city = area.slice(0, 4);

  const networks = useNetworks(city);
  const network = networks.data?.items.find((n) => n.isCurrent);
  const roads = useRoads(network?.id, allRoads);
  const nearest = useNearest(area, categories);
  const coverage = useCoverage(area, minutes, categories);
  const institutions = useMapInstitutions(area, categories);
  const isochrones = useIsochrone(chosen?.id ?? null, minutes);
  const fca = useFca(area, minutes, layers.villages === 'fca', categories);
  const boundaries = useCityBoundaries(city);

  const villages = nearest.data?.items ?? NONE;
  const uncovered = villages.filter((v) => isUncovered(v, minutes)).length;
  const synthetic = network?.synthetic ?? roads.data?.network.synthetic ?? nearest.data?.network.synthetic ?? false;

  // The 2SFCA answer names villages by code; their points are the ones the travel minutes came with.
  const fcaPoints = useMemo(() => {
    const at = new Map(villages.map((v) => [v.code, v]));
    return (fca.data ?? NONE).flatMap((f) => {
      const v = at.get(f.code);
      return v ? [{ code: f.code, name: f.name, lng: v.lng, lat: v.lat, ratio: f.per1000 }] : [];
    });
  }, [fca.data, villages]);
  const fcaRange = useMemo(() => {
    const known = fcaPoints.flatMap((f) => (f.ratio === null ? [] : [f.ratio]));
    return known.length ? { min: Math.min(...known), max: Math.max(...known), n: known.length } : null;
  }, [fcaPoints]);
  const isochroneRings = (isochrones.data ?? NONE).reduce(
    (n, iso) => n + (iso.geometry.type === 'Polygon' ? 1 : iso.geometry.coordinates.length),
    0,
  );
  const share = coverage.data?.area.share ?? null;

  const option = useMemo(() => {
    const data = {
      roads: roads.data?.features ?? NONE,
      villages,
      institutions: institutions.data ?? NONE,
    };
    const box = dataBox(data);
    if (!box && !boundaries.data) return null;
    const mapName = boundaries.data?.features.length
      ? registerAreaMap(`wj-${city}`, boundaries.data)
      : registerAreaMap(`wj-access-box-${city}`, boxMap(box!));
    return accessMapOption(
      {
        mapName,
        ...data,
        minutes,
        isochrones: isochrones.data ?? NONE,
        fca: fcaPoints,
        proposed: placement?.sites ?? NONE,
      },
      layers,
      {
        roads: t('roads'),
        covered: t('covered'),
        uncovered: t('uncovered'),
        institutions: t('institutions'),
        isochrone: t('isochrone'),
        proposed: t('proposed'),
        fca: t('fca'),
        minutesOf: (name, m) =>
          m === null
            ? t('villageUnreachable', { name })
            : t('villageMinutes', { name, minutes: formatRatio(m, lang, 1) }),
      },
    );
  }, [
    roads.data,
    villages,
    institutions.data,
    boundaries.data,
    city,
    minutes,
    isochrones.data,
    fcaPoints,
    placement,
    layers,
    t,
    lang,
  ]);

  const columns = [
    { title: t('colArea'), dataIndex: 'name' },
    {
      title: t('colHouseholds'),
      dataIndex: 'households',
      align: 'right' as const,
      render: (v: number) => formatInt(v, lang),
    },
    {
      title: t('colCovered'),
      dataIndex: 'householdsCovered',
      align: 'right' as const,
      render: (v: number) => formatInt(v, lang),
    },
    {
      title: t('colShare'),
      dataIndex: 'share',
      align: 'right' as const,
      render: (v: number | null) => (v === null ? '—' : `${formatRatio(v * 100, lang, 1)}%`),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="access-page">
      <Typography.Title level={3} className="wj-page-title">
        {t('title')}{' '}
        {synthetic && (
          <Tag color="purple" data-testid="synthetic-tag">
            {t('syntheticTag')}
          </Tag>
        )}
      </Typography.Title>
      <Card size="small">
        <Space wrap size="middle">
          <Space size={6}>
            <span>{t('area')}</span>
            <AreaSelect
              rootCode={rootAreaCode}
              value={area}
              maxLevel="township"
              onChange={(code) => {
                if (code) {
                  setArea(code);
                  setPlacement(null);
                  setChosen(null);
                }
              }}
              style={{ width: 220 }}
              data-testid="access-area"
            />
          </Space>
          <Space size={6}>
            <span>{t('minutes')}</span>
            <Select
              value={minutes}
              onChange={setMinutes}
              style={{ width: 110 }}
              data-testid="access-minutes"
              options={MINUTE_CHOICES.map((n) => ({ value: n, label: t('minutesN', { n }) }))}
            />
          </Space>
          <Space size={6}>
            <span>{t('facilities')}</span>
            <Select<CategoryChoice>
              value={choice}
              onChange={(v) => {
                setChoice(v);
                setPlacement(null);
                setChosen(null);
              }}
              style={{ width: 240 }}
              data-testid="access-categories"
              options={(Object.keys(CATEGORY_CHOICES) as CategoryChoice[]).map((k) => ({
                value: k,
                label: t(`facilities_${k}`),
              }))}
            />
          </Space>
          <Checkbox checked={layers.roads} onChange={(e) => setLayers({ ...layers, roads: e.target.checked })}>
            {t('layerRoads')}
          </Checkbox>
          <Checkbox checked={allRoads} disabled={!layers.roads} onChange={(e) => setAllRoads(e.target.checked)}>
            {t('layerAllRoads')}
          </Checkbox>
          <Checkbox
            checked={layers.institutions}
            onChange={(e) => setLayers({ ...layers, institutions: e.target.checked })}
          >
            {t('layerInstitutions')}
          </Checkbox>
          <Space size={6}>
            <span>{t('colourBy')}</span>
            <Radio.Group
              size="small"
              value={layers.villages}
              onChange={(e) => setLayers({ ...layers, villages: e.target.value })}
              data-testid="access-colour"
              options={[
                { value: 'minutes', label: t('colourMinutes') },
                { value: 'fca', label: t('colourFca') },
                { value: 'none', label: t('colourNone') },
              ]}
              optionType="button"
            />
          </Space>
        </Space>
      </Card>
      {synthetic && <Alert type="warning" showIcon title={t('synthetic')} data-testid="synthetic-note" />}
      {networks.data && !network && <Alert type="info" showIcon title={t('noNetwork')} />}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 8 }}>
              {chosen ? (
                <>
                  <Typography.Text data-testid="isochrone-of">
                    {isochrones.data && !isochrones.data.length
                      ? t('isochroneNone')
                      : t('isochroneOf', { name: chosen.name, n: minutes })}
                  </Typography.Text>
                  <Button size="small" onClick={() => setChosen(null)}>
                    {t('clearIsochrone')}
                  </Button>
                </>
              ) : (
                <Typography.Text type="secondary">{t('isochroneHint')}</Typography.Text>
              )}
              {/* The same choice without the canvas: searchable by name (keyboard users, the e2e test). */}
              <Select<number>
                showSearch
                allowClear
                size="small"
                value={chosen?.id}
                placeholder={t('isochronePick')}
                style={{ width: 220 }}
                data-testid="isochrone-institution"
                optionFilterProp="label"
                onChange={(id) => setChosen(institutions.data?.find((i) => i.id === id) ?? null)}
                options={(institutions.data ?? NONE).map((i) => ({ value: i.id, label: i.name }))}
              />
              {nearest.data && (
                <Tag color={uncovered ? 'red' : 'green'} data-testid="uncovered-count">
                  {t('uncoveredCount', { n: uncovered })}
                </Tag>
              )}
              {share !== null && (
                <Tag data-testid="covered-share">
                  {t('coveredShare', { share: `${formatRatio(share * 100, lang, 1)}%`, n: minutes })}
                </Tag>
              )}
              {layers.villages === 'fca' && fca.data && !fca.data.length && <Tag>{t('fcaNone')}</Tag>}
              {layers.villages === 'fca' && fcaRange && (
                // The map's visualMap is drawn on the canvas; this names the scale in the page as well.
                <Tag color="blue" data-testid="fca-legend">
                  {t('fcaLegend', {
                    min: formatRatio(fcaRange.min, lang, 2),
                    max: formatRatio(fcaRange.max, lang, 2),
                    n: fcaRange.n,
                  })}
                </Tag>
              )}
            </Space>
            {option ? (
              <EChart
                option={option}
                style={{ height: 560 }}
                data-testid="access-map"
                data-villages={String(villages.length)}
                data-uncovered={String(uncovered)}
                data-roads={String(roads.data?.features.length ?? 0)}
                data-proposed={String(placement?.sites.length ?? 0)}
                data-isochrones={String(isochroneRings)}
                data-fca={String(layers.villages === 'fca' ? (fcaRange?.n ?? 0) : 0)}
                data-categories={categories.join(',')}
                onClick={(p) => {
                  const id = (p.data as { id?: number } | undefined)?.id;
                  const inst = id === undefined ? undefined : institutions.data?.find((i) => i.id === id);
                  if (inst) setChosen(inst);
                }}
              />
            ) : nearest.isPending || roads.isPending ? (
              <Skeleton active />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('coverageTitle', { n: minutes })} data-testid="coverage-card">
            {coverage.data ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text strong data-testid="coverage-share">
                  {coverage.data.area.name}：
                  {coverage.data.area.share === null ? '—' : `${formatRatio(coverage.data.area.share * 100, lang, 1)}%`}
                </Typography.Text>
                <Table<CoverageRow>
                  size="small"
                  rowKey="code"
                  onRow={(row) => ({
                    // A county or township row opens its own map (villages have no children to map).
                    onClick: () => {
                      if (row.level <= 4) {
                        setArea(row.code);
                        setPlacement(null);
                        setChosen(null);
                      }
                    },
                    style: row.level <= 4 ? { cursor: 'pointer' } : undefined,
                    'data-testid': 'coverage-row',
                  })}
                  pagination={{ pageSize: 12, hideOnSinglePage: true }}
                  dataSource={coverage.data.children}
                  columns={columns}
                />
                {coverage.data.offNetwork > 0 && (
                  <Typography.Text type="secondary">{t('offNetwork', { n: coverage.data.offNetwork })}</Typography.Text>
                )}
              </Space>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      <PlacementPanel area={area} minutes={minutes} categories={categories} onResult={setPlacement} />
    </Space>
  );
}
