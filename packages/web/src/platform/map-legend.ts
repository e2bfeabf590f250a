// The pure part of the maps (registry AreaMap, planning IndicatorMap, surveillance EventMap): whether a map or
// the bar-chart fallback is drawn, the range and colours of the value legend, and the frame that centres a
// map on one area. Kept apart from ECharts so it can be tested without drawing.

/** The light-to-dark blue of value maps (low → high). */
export const VALUE_RAMP = ['#e6f4ff', '#69b1ff', '#0958d9'];

export interface Boundaries {
  features: { properties: { code?: string; name?: string; [k: string]: unknown }; geometry: unknown }[];
}

/** A map when the server shipped boundaries with at least one region, else a bar chart. */
export function mapMode(boundaries: Boundaries | null | undefined): 'map' | 'bar' {
  return boundaries && boundaries.features.length > 0 ? 'map' : 'bar';
}

/**
 * Range of the value legend over the known values (unknown ones are left out, not counted as 0); one value or
 * none still gives a non-empty range, which ECharts needs to draw the legend.
 */
export function valueRange(values: (number | null | undefined)[]): { min: number; max: number } {
  const known = values.filter((v): v is number => v != null);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 1;
  return { min, max: max === min ? min + 1 : max };
}

/** The value legend (ECharts visualMap) of a choropleth. */
export function valueLegend(values: (number | null | undefined)[], precision: number) {
  return {
    ...valueRange(values),
    calculable: true,
    left: 'left',
    bottom: 10,
    precision,
    inRange: { color: VALUE_RAMP },
  };
}

/** Bars in descending order of value; unknown values last. */
export function byValueDesc<T>(items: T[], value: (item: T) => number | null | undefined, missing = -Infinity): T[] {
  return [...items].sort((a, b) => (value(b) ?? missing) - (value(a) ?? missing));
}

export type Box = [number, number, number, number]; // minLng, minLat, maxLng, maxLat

/** Bounding box of GeoJSON geometries (Polygon / MultiPolygon coordinates, any nesting). */
export function bbox(geometries: unknown[]): Box | null {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown) => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
      return;
    }
    for (const x of c) walk(x);
  };
  for (const g of geometries) walk((g as { coordinates?: unknown } | null)?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

/**
 * Centre on an area and zoom so it fills most of the frame (the neighbours stay visible around it). At zoom 1
 * the whole map fills the frame; the area then takes about 80 % of it. `outlined`: the area's own boundary is
 * known; points alone span little, so the zoom never goes beyond a county's size on them.
 */
export function focusOn(whole: Box | null, part: Box | null, outlined: boolean) {
  if (!whole || !part) return { center: undefined, zoom: 1 };
  const center: [number, number] = [(part[0] + part[2]) / 2, (part[1] + part[3]) / 2];
  const fit = Math.min(
    (whole[2] - whole[0]) / Math.max(1e-6, part[2] - part[0]),
    (whole[3] - whole[1]) / Math.max(1e-6, part[3] - part[1]),
  );
  return { center, zoom: Math.max(1, Math.min(outlined ? 12 : 4, fit * 0.8)) };
}
