// The division tree as it stood in a given year. Divisions change (长垣县 410728 became 长垣市 410783 in
// 2019): areas carry validity dates and successor links, and facts recorded under any code are
// attributed to the areas that existed in the year being asked about.

export interface AreaNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  validFrom: string | null; // ISO date; null = since before records began
  validTo: string | null; // ISO date; null = still valid
  successorCode: string | null;
}

/** An area counts for year Y when it was in force on 31 December of Y (the statistical reference date). */
export function validIn(area: AreaNode, year: number): boolean {
  const ref = `${year}-12-31`;
  return (area.validFrom === null || area.validFrom <= ref) && (area.validTo === null || area.validTo >= ref);
}

export class AreaTree {
  private readonly byCode = new Map<string, AreaNode>();
  private readonly predecessors = new Map<string, AreaNode[]>();
  private readonly children = new Map<string, AreaNode[]>();
  private readonly childrenCache = new Map<string, AreaNode[]>();

  constructor(areas: Iterable<AreaNode>) {
    for (const a of areas) {
      this.byCode.set(a.code, a);
      if (a.successorCode) push(this.predecessors, a.successorCode, a);
      if (a.parentCode) push(this.children, a.parentCode, a);
    }
  }

  get(code: string): AreaNode | undefined {
    return this.byCode.get(code);
  }

  get size(): number {
    return this.byCode.size;
  }

  predecessorsOf(code: string): AreaNode[] {
    return this.predecessors.get(code) ?? [];
  }

  /**
   * The code under which facts recorded as `code` count in `year`: the code itself while valid, else the
   * single predecessor valid that year (facts of a renamed county before the change), else the successor
   * (facts filed under a retired code afterwards).
   */
  resolveIn(code: string, year: number): string | null {
    let area = this.byCode.get(code);
    const seen = new Set<string>();
    while (area && !validIn(area, year) && !seen.has(area.code)) {
      seen.add(area.code);
      const before = this.predecessorsOf(area.code).filter((p) => validIn(p, year));
      if (before.length === 1) return before[0]!.code;
      if (area.successorCode && (!area.validTo || area.validTo < `${year}-12-31`)) {
        area = this.byCode.get(area.successorCode);
      } else {
        return null;
      }
    }
    return area && validIn(area, year) ? area.code : null;
  }

  /** The parent of `code` in the tree valid in `year` (skipping to the grandparent when a parent did not exist). */
  parentIn(code: string, year: number): string | null {
    let parent = this.byCode.get(code)?.parentCode ?? null;
    while (parent) {
      const resolved = this.resolveIn(parent, year);
      if (resolved) return resolved;
      parent = this.byCode.get(parent)?.parentCode ?? null;
    }
    return null;
  }

  /** Children of `code` as the tree stood in `year`, including children of its predecessors re-parented later. */
  childrenIn(code: string, year: number): AreaNode[] {
    const key = `${year}:${code}`;
    const hit = this.childrenCache.get(key);
    if (hit) return hit;
    // A child's recorded parent may be any code that stands for `code` in `year`: itself, a successor
    // (townships filed under today's county, asked about before the change) or a predecessor.
    const aliases = new Set<string>([code]);
    const queue = [code];
    while (queue.length) {
      const c = queue.pop()!;
      const node = this.byCode.get(c);
      const linked = [
        ...this.predecessorsOf(c).map((p) => p.code),
        ...(node?.successorCode ? [node.successorCode] : []),
      ];
      for (const l of linked) {
        if (!aliases.has(l) && this.resolveIn(l, year) === code) {
          aliases.add(l);
          queue.push(l);
        }
      }
    }
    const out: AreaNode[] = [];
    for (const alias of aliases) {
      for (const child of this.children.get(alias) ?? []) {
        if (validIn(child, year) && this.parentIn(child.code, year) === code) out.push(child);
      }
    }
    this.childrenCache.set(key, out);
    return out;
  }

  /** Ancestors of `code` in `year`, nearest first. */
  ancestorsIn(code: string, year: number): AreaNode[] {
    const out: AreaNode[] = [];
    let p = this.parentIn(code, year);
    while (p) {
      const node = this.byCode.get(p);
      if (!node) break;
      out.push(node);
      p = this.parentIn(p, year);
    }
    return out;
  }

  /** True when `code` lies in the subtree of `root` (inclusive) in `year`. */
  isWithin(code: string, root: string, year: number): boolean {
    let c = this.resolveIn(code, year);
    const r = this.resolveIn(root, year) ?? root;
    while (c) {
      if (c === r) return true;
      c = this.parentIn(c, year);
    }
    return false;
  }

  /**
   * Every one of `targets` that the area `code` counts toward in `year`: each target at or above it (so a
   * city and its counties asked together both get the fact), and a target not in force that year (长垣市
   * in 2016) through the area that stood for it then. Facts are summed into each of these.
   */
  bucketsIn(code: string, year: number, targets: ReadonlySet<string>): string[] {
    const out: string[] = [];
    const chain = new Set<string>();
    let c = this.resolveIn(code, year);
    while (c && !chain.has(c)) {
      chain.add(c);
      if (targets.has(c)) out.push(c);
      c = this.parentIn(c, year);
    }
    for (const t of targets) {
      if (chain.has(t)) continue;
      const standsFor = this.resolveIn(t, year);
      if (standsFor && standsFor !== t && chain.has(standsFor)) out.push(t);
    }
    return out;
  }

  /**
   * The first of `targets` at or above the area `code` in `year`, or null when the area lies outside
   * all of them. Facts are bucketed with this before being summed.
   */
  bucketIn(code: string, year: number, targets: ReadonlySet<string>): string | null {
    let c = this.resolveIn(code, year);
    while (c && !targets.has(c)) c = this.parentIn(c, year);
    return c;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The longest code prefix shared by the given areas, county-level and finer ones counted by their city: a
 * `LIKE 'prefix%'` over county-keyed tables then covers them all.
 */
export function coveringPrefix(tree: AreaTree, codes: readonly string[]): string {
  const keys = codes.map((c) => ((tree.get(c)?.level ?? 0) >= 3 ? c.slice(0, 4) : c));
  if (keys.length === 0) return '';
  let p = keys[0]!;
  for (const c of keys) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}
