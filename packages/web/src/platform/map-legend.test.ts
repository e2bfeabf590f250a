import { describe, expect, it } from 'vitest';
import { bbox, byValueDesc, focusOn, mapMode, VALUE_RAMP, valueLegend, valueRange } from './map-legend.ts';

describe('map legend', () => {
  it('draws a map only when boundaries with regions were shipped', () => {
    expect(mapMode(null)).toBe('bar');
    expect(mapMode({ features: [] })).toBe('bar');
    expect(mapMode({ features: [{ properties: { code: '410702' }, geometry: null }] })).toBe('map');
  });

  it('spans the known values, leaving unknown ones out instead of counting them as 0', () => {
    expect(valueRange([3.2, null, 1.5, undefined, 7])).toEqual({ min: 1.5, max: 7 });
  });

  it('keeps a non-empty range for one value or none', () => {
    expect(valueRange([4])).toEqual({ min: 4, max: 5 });
    expect(valueRange([null])).toEqual({ min: 0, max: 1 });
  });

  it('builds the value legend with the blue ramp and the indicator precision', () => {
    expect(valueLegend([2, 6], 1)).toEqual({
      min: 2,
      max: 6,
      calculable: true,
      left: 'left',
      bottom: 10,
      precision: 1,
      inRange: { color: VALUE_RAMP },
    });
  });

  it('orders bars by descending value with unknown values last (or as the given stand-in)', () => {
    const items = [{ v: 1 }, { v: null }, { v: 5 }, { v: 3 }];
    expect(byValueDesc(items, (i) => i.v).map((i) => i.v)).toEqual([5, 3, 1, null]);
    expect(byValueDesc([{ v: -2 }, { v: null }], (i) => i.v, 0).map((i) => i.v)).toEqual([null, -2]);
  });

  it('finds the bounding box of nested polygon coordinates', () => {
    const square = {
      coordinates: [
        [
          [113, 35],
          [114, 35],
          [114, 36],
          [113, 36],
        ],
      ],
    };
    const multi = {
      coordinates: [
        [
          [
            [115, 34],
            [115.5, 34.5],
          ],
        ],
      ],
    };
    expect(bbox([square, multi])).toEqual([113, 34, 115.5, 36]);
    expect(bbox([null, { coordinates: [] }])).toBeNull();
  });

  it('centres on a part of the map and zooms so it fills about 80 % of the frame, within limits', () => {
    const whole: [number, number, number, number] = [0, 0, 10, 10];
    expect(focusOn(whole, [4, 4, 6, 6], true)).toEqual({ center: [5, 5], zoom: 4 });
    // Points alone never zoom in beyond a county's size.
    expect(focusOn(whole, [5, 5, 5.01, 5.01], false).zoom).toBe(4);
    expect(focusOn(whole, [5, 5, 5.01, 5.01], true).zoom).toBe(12);
    expect(focusOn(whole, whole, true).zoom).toBe(1);
    expect(focusOn(null, [1, 1, 2, 2], true)).toEqual({ center: undefined, zoom: 1 });
  });
});
