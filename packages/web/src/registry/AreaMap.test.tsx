import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { chart } from '../test/echart-stub.tsx';
import { renderPage } from '../test/render.tsx';
import { AreaMap } from './AreaMap.tsx';
import type { Summary } from './types.ts';

const summary = (code: string, name: string, bedsPer1000: number | null) =>
  ({ code, name, year: 2024, bedsPer1000 }) as unknown as Summary;
const items = [summary('410702', '红旗区', 6.2), summary('410703', '卫滨区', null), summary('410711', '牧野区', 8.4)];
const boundaries = {
  type: 'FeatureCollection' as const,
  features: items.map((i) => ({ type: 'Feature' as const, properties: { code: i.code }, geometry: null })),
};

type Series = { type: string; data: { name?: string; value: number | null; code?: string }[] };

describe('AreaMap', () => {
  it('colours the regions by the ratio with a legend over the known values', () => {
    const onSelect = vi.fn();
    renderPage(
      <AreaMap
        areaCode="4107"
        boundaries={boundaries}
        items={items}
        ratio="bedsPer1000"
        ratioLabel="每千人口床位"
        onSelect={onSelect}
      />,
    );
    expect(screen.getByTestId('area-map').getAttribute('data-map-mode')).toBe('map');
    expect(screen.queryByText('该区域暂无边界数据，以柱状图显示')).toBeNull();
    const drawn = chart('area-map');
    expect(drawn.option.visualMap).toMatchObject({ min: 6.2, max: 8.4, precision: 2 });
    const series = (drawn.option.series as Series[])[0];
    expect(series?.data).toEqual([
      { name: '410702', value: 6.2 },
      { name: '410703', value: null },
      { name: '410711', value: 8.4 },
    ]);
    drawn.onClick?.({ name: '410711' });
    drawn.onClick?.({ name: '999999' });
    expect(onSelect.mock.calls).toEqual([['410711']]);
  });

  it('falls back to bars in descending order, saying why, when no boundaries are shipped', () => {
    const onSelect = vi.fn();
    renderPage(
      <AreaMap
        areaCode="4107"
        boundaries={null}
        items={items}
        ratio="bedsPer1000"
        ratioLabel="床位"
        onSelect={onSelect}
      />,
    );
    expect(screen.getByTestId('area-map').getAttribute('data-map-mode')).toBe('bar');
    expect(screen.getByText('该区域暂无边界数据，以柱状图显示')).toBeTruthy();
    const drawn = chart('area-map');
    expect((drawn.option.yAxis as { data: string[] }).data).toEqual(['牧野区', '红旗区', '卫滨区']);
    drawn.onClick?.({ data: { code: '410702' } });
    expect(onSelect).toHaveBeenCalledWith('410702');
  });
});
