import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { renderPage } from '../test/render.tsx';
import { STATUS_COLOR } from './display.tsx';
import { IndicatorMap, type MapItem } from './IndicatorMap.tsx';

const items: MapItem[] = [
  { code: '410702', name: '红旗区', value: 78.9, status: 'met' },
  { code: '410703', name: '卫滨区', value: null, status: 'no-data' },
  { code: '410711', name: '牧野区', value: 77.1, status: 'lagging' },
];
const boundaries = {
  type: 'FeatureCollection' as const,
  features: items.map((i) => ({ type: 'Feature' as const, properties: { code: i.code }, geometry: null })),
};
type Series = { data: { name?: string; value: number | null; itemStyle?: { areaColor?: string; color?: string } }[] };

function draw(colourBy: 'value' | 'status', withBoundaries = true) {
  renderPage(
    <IndicatorMap
      regionCode="4107"
      boundaries={withBoundaries ? boundaries : null}
      items={items}
      label="人均预期寿命"
      decimals={1}
      colourBy={colourBy}
    />,
  );
  return chart('indicator-map');
}

describe('IndicatorMap legend', () => {
  it('by value: a value legend at the indicator precision, no status colours', () => {
    const drawn = draw('value');
    expect(drawn.option.visualMap).toMatchObject({ min: 77.1, max: 78.9, precision: 1 });
    expect((drawn.option.series as Series[])[0]?.data.every((d) => !d.itemStyle)).toBe(true);
  });

  it('by status: no value legend, each region in its status colour', () => {
    const drawn = draw('status');
    expect(drawn.option.visualMap).toBeUndefined();
    expect((drawn.option.series as Series[])[0]?.data.map((d) => d.itemStyle?.areaColor)).toEqual([
      STATUS_COLOR.met,
      STATUS_COLOR['no-data'],
      STATUS_COLOR.lagging,
    ]);
  });

  it('without boundaries: bars by descending value in status colours, with the tooltip naming the status', () => {
    const drawn = draw('status', false);
    expect(screen.getByTestId('indicator-map').getAttribute('data-map-mode')).toBe('bar');
    expect((drawn.option.yAxis as { data: string[] }).data).toEqual(['红旗区', '牧野区', '卫滨区']);
    const bars = (drawn.option.series as Series[])[0]?.data ?? [];
    expect(bars.map((b) => b.itemStyle?.color)).toEqual([
      STATUS_COLOR.met,
      STATUS_COLOR.lagging,
      STATUS_COLOR['no-data'],
    ]);
    const tooltip = drawn.option.tooltip as { formatter: (p: { data: { code: string } }) => string };
    expect(tooltip.formatter({ data: { code: '410711' } })).toBe('牧野区<br/>人均预期寿命: 77.1<br/>滞后');
  });
});
