import type { AreaTree } from './area-tree.ts';

/**
 * Population of an area in a year: its own recorded figure when there is one (a yearbook total is
 * authoritative), else the sum over its children valid that year. Recording both a county total and its
 * townships never double-counts.
 */
export function populationOf(
  tree: AreaTree,
  year: number,
  recorded: ReadonlyMap<string, number>,
  code: string,
  memo: Map<string, number | null> = new Map(),
): number | null {
  const cached = memo.get(code);
  if (cached !== undefined) return cached;
  let value: number | null = recorded.get(code) ?? null;
  if (value === null) {
    for (const child of tree.childrenIn(code, year)) {
      const v = populationOf(tree, year, recorded, child.code, memo);
      if (v !== null) value = (value ?? 0) + v;
    }
  }
  memo.set(code, value);
  return value;
}

/** Re-keys recorded values (filed under any code) to the codes valid in `year`, summing merged areas. */
export function resolveRecorded(
  tree: AreaTree,
  year: number,
  rows: Iterable<{ areaCode: string; value: number | null }>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.value === null) continue;
    const code = tree.resolveIn(r.areaCode, year);
    if (!code) continue;
    out.set(code, (out.get(code) ?? 0) + r.value);
  }
  return out;
}
