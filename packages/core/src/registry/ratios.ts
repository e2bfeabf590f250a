// Ratios are recomputed from summed components at every level of the tree: averaging children's ratios
// would weight a county of 100,000 like one of 1,000,000.

/** numerator ÷ denominator × multiplier, or null when either side is unknown or the denominator is 0. */
export function ratio(numerator: number | null, denominator: number | null, multiplier = 1): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return (numerator / denominator) * multiplier;
}

/** Adds b into a field by field; null + null stays null (not reported), null + x = x. */
export function addInto<K extends string>(a: Record<K, number | null>, b: Readonly<Record<K, number | null>>): void {
  for (const k of Object.keys(b) as K[]) {
    const v = b[k];
    if (v === null || v === undefined) continue;
    a[k] = (a[k] ?? 0) + v;
  }
}

export function emptyValues<K extends string>(keys: readonly K[]): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  for (const k of keys) out[k] = null;
  return out;
}
