// A thin ECharts wrapper. ECharts itself (platform/echarts.ts: the core and only the charts and components the
// SPA draws) is imported on demand when the first chart mounts: a page paints its figures and tables first and
// its charts a moment later, instead of every charting page waiting for the library before it shows anything.
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';
import type { Boundaries } from './map-legend.ts';

export type EChartsOption = EChartsCoreOption;

type EChartsModule = typeof import('./echarts.ts')['echarts'];

let library: EChartsModule | null = null;
let loading: Promise<EChartsModule> | null = null;
/** Maps named before the library arrived, registered when it does. */
const maps = new Map<string, unknown>();
const registered = new Set<string>();

function registerPending(lib: EChartsModule): void {
  for (const [name, geo] of maps) {
    if (registered.has(name)) continue;
    lib.registerMap(name, geo as never);
    registered.add(name);
  }
}

export function loadECharts(): Promise<EChartsModule> {
  loading ??= import('./echarts.ts').then(({ echarts }) => {
    library = echarts;
    registerPending(echarts);
    return echarts;
  });
  return loading;
}

/**
 * Registers GeoJSON boundaries once under `name`. ECharts keys regions by the `name` property; the code is put
 * there so regions match the API's items by code (the display name comes from the items).
 */
export function registerAreaMap(name: string, geo: Boundaries): string {
  if (!maps.has(name)) {
    const features = geo.features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: String(f.properties.code ?? f.properties.name ?? '') },
    }));
    maps.set(name, { type: 'FeatureCollection', features });
    if (library) registerPending(library);
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
  const chart = useRef<ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadECharts().then((lib) => {
      if (disposed) return;
      const instance = lib.init(el);
      chart.current = instance;
      instance.on('click', (params) => clickRef.current?.(params as never));
      instance.setOption(optionRef.current, { notMerge: true });
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (library) registerPending(library);
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} className={className} style={{ width: '100%', height: 400, ...style }} {...rest} />;
}
