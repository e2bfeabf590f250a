// Stands in for platform/EChart.tsx in component tests (happy-dom has no canvas): renders the wrapper's div
// with its data attributes and keeps the last option and click handler per test id, so a test asserts what
// would be drawn and can click a region.
import type { CSSProperties } from 'react';
import type { Boundaries } from '../platform/map-legend.ts';

export type EChartsOption = Record<string, unknown>;

interface Props {
  option: EChartsOption;
  style?: CSSProperties;
  className?: string;
  [data: `data-${string}`]: string | undefined;
  onClick?: (params: { name?: string; data?: unknown; dataIndex?: number }) => void;
}

export const charts = new Map<string, Props>();

export function EChart(props: Props) {
  const { option: _option, style: _style, onClick: _onClick, className, ...rest } = props;
  charts.set(String(props['data-testid'] ?? ''), props);
  return <div className={className} {...rest} />;
}

export const echarts = { use: () => {}, registerMap: () => {} };

export function registerAreaMap(name: string, _geo: Boundaries): string {
  return name;
}

/** The last option drawn by the chart with this test id. */
export function chart(testId: string): Props {
  const props = charts.get(testId);
  if (!props) throw new Error(`no chart ${testId}`);
  return props;
}
