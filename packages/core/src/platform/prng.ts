// The one seeded pseudo-random generator (mulberry32) of the code base: the demo city, the demo plans and
// early-warning data, Monte Carlo scans and simulations. Math.random cannot be seeded, and results must be
// identical on every machine and run (the demo data and the R-pinned tests depend on the exact sequences),
// so core code never calls Math.random; a dependency for 20 lines is not worth it.

/** Uniform draws in [0, 1). */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1a(text: string, start: number): number {
  let h = start;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A 32-bit seed from a text (FNV-1a), e.g. one per disease, county and day, so a run is reproducible. */
export function seedOf(text: string): number {
  return fnv1a(text, FNV_OFFSET);
}

/** FNV-1a over the seed and a label, so each part of a generator draws from its own stream. */
export function deriveSeed(seed: number, label: string): number {
  return fnv1a(label, Math.imul(FNV_OFFSET ^ (seed >>> 0), FNV_PRIME));
}

/** In-place Fisher–Yates shuffle. */
export function shuffle<T>(a: T[], random: Random): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = a[i] as T;
    a[i] = a[j] as T;
    a[j] = tmp;
  }
  return a;
}

/** mulberry32 with the draws a generator of plausible data needs. */
export class Rng {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.random();
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Roughly normal (Irwin–Hall of 4), clamped to ±3 sd: enough for plausible size spreads. */
  normal(mean: number, sd: number): number {
    const z = (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
    return mean + sd * Math.max(-3, Math.min(3, z));
  }
}

/** The generator of one labelled part of a seeded whole (see `deriveSeed`). */
export function rngFor(seed: number, label: string): Rng {
  return new Rng(deriveSeed(seed, label));
}
