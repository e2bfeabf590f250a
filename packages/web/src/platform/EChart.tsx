// A thin ECharts wrapper: only the chart types and components the SPA uses are bundled (tree-shaken), in the
// echarts chunk that loads with the pages that chart.
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';
import type { Boundaries } from './map-legend.ts';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;

const registered = new Set<string>();

/**
 * Registers GeoJSON boundaries once under `name`. ECharts keys regions by the `name` property; the code is put
 * there so regions match the API's items by code (the display name comes from the items).
 */
export function registerAreaMap(name: string, geo: Boundaries): string {
  if (!registered.has(name)) {
    const features = geo.features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: String(f.properties.code ?? f.properties.name ?? '') },
    }));
    echarts.registerMap(name, { type: 'FeatureCollection', features } as never);
    registered.add(name);
  }
  return name;
}

interface Props {
  option: EChartsOption;
  style?: CSSProperties;
  className?: string;
  [data: `data-${string}`]: string | undefined;
  onClick?: (params: { name?: string; data?: unknown; dataIndex?: number }) => void;
}

export function EChart({ option, style, className, onClick, ...rest }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as never));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} className={className} style={{ width: '100%', height: 400, ...style }} {...rest} />;
}
