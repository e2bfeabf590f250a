/**
 * Test-only helpers: the shape of the R fixtures and a comparison that reports every mismatching
 * point at once (tolerance relative on bounds, exact on alarms).
 */
import type { DetectionResult, Frequency } from './types.ts';

export interface RCase {
  name: string;
  algorithm: string;
  frequency: Frequency;
  observed: (number | null)[];
  population?: number[];
  range: [number, number];
  params: Record<string, unknown>;
  r: {
    upperbound?: (number | null)[];
    alarm?: (boolean | null)[];
    expected?: (number | null)[];
    C3?: (number | null)[];
  };
}

function near(a: number | null | undefined, b: number | null | undefined, rel: number): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a === b) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-12);
}

/** Lists mismatches between a TS result and R's; empty when they agree. */
export function mismatches(c: RCase, got: DetectionResult, rel = 1e-9): string[] {
  const out: string[] = [];
  const n = c.range[1] - c.range[0] + 1;
  if (got.upperbound.length !== n || got.alarm.length !== n || got.expected.length !== n) {
    out.push(`length ${got.upperbound.length}/${got.alarm.length}/${got.expected.length} != ${n}`);
  }
  for (let i = 0; i < n; i++) {
    const t = c.range[0] + i;
    if (c.r.upperbound && !near(got.upperbound[i], c.r.upperbound[i], rel)) {
      out.push(`t=${t} upperbound ${got.upperbound[i]} vs R ${c.r.upperbound[i]}`);
    }
    if (c.r.alarm && (got.alarm[i] ?? null) !== (c.r.alarm[i] ?? null)) {
      out.push(`t=${t} alarm ${got.alarm[i]} vs R ${c.r.alarm[i]}`);
    }
    if (c.r.expected && !near(got.expected[i], c.r.expected[i], rel)) {
      out.push(`t=${t} expected ${got.expected[i]} vs R ${c.r.expected[i]}`);
    }
  }
  return out;
}
