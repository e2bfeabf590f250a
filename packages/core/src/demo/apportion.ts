// Largest-remainder (Hamilton) apportionment: splits an integer total over weighted items so the parts
// are integers that add up exactly. The demo city uses it to hit the published totals to the unit.

/**
 * Integers proportional to `weights` summing to `total`. Optional `caps` bound each part; capped
 * surplus goes to the others in proportion to their weights; when the caps cannot absorb the total the
 * parts sum to less. Ties break by index for determinism.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  const out = new Array<number>(n).fill(0);
  if (n === 0 || total <= 0) return out;
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (weights[i]! > 0 && (caps === undefined || caps[i]! > 0)) active.push(i);
  let remaining = Math.round(total);
  // Capping loop: parts that would exceed their cap are fixed at it and the rest re-split.
  for (let round = 0; round < 50 && active.length > 0 && remaining > 0; round++) {
    let sum = 0;
    for (const i of active) sum += weights[i]!;
    const overflow: number[] = [];
    if (caps !== undefined) {
      for (const i of active) if ((remaining * weights[i]!) / sum > caps[i]!) overflow.push(i);
    }
    if (overflow.length === 0) {
      split(remaining, active, weights, sum, out);
      return out;
    }
    const fixed = new Set(overflow);
    for (const i of overflow) {
      out[i] = caps![i]!;
      remaining -= caps![i]!;
    }
    const keep = active.filter((i) => !fixed.has(i));
    active.length = 0;
    active.push(...keep);
  }
  return out;
}

function split(total: number, idx: readonly number[], weights: readonly number[], sum: number, out: number[]): void {
  const frac = new Float64Array(idx.length);
  let given = 0;
  for (let k = 0; k < idx.length; k++) {
    const q = (total * weights[idx[k]!]!) / sum;
    const f = Math.floor(q);
    out[idx[k]!] = f;
    frac[k] = q - f;
    given += f;
  }
  let left = total - given;
  if (left <= 0) return;
  const order = Array.from(idx.keys()).sort((a, b) => frac[b]! - frac[a]! || a - b);
  for (let k = 0; k < order.length && left > 0; k++, left--) {
    const j = idx[order[k]!]!;
    out[j] = out[j]! + 1;
  }
}
