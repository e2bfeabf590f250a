// An indexed binary min-heap over node ids with decrease-key, in typed arrays (the searches' priority queue).

export class NodeHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
    this.key = new Float64Array(capacity);
  }

  /** Inserts v with key k, or lowers its key if it is queued with a larger one. */
  push(v: number, k: number): void {
    let i = this.pos[v]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = v;
      this.pos[v] = i;
    } else if (k >= this.key[v]!) return;
    this.key[v] = k;
    this.up(i);
  }

  peekKey(): number {
    return this.key[this.heap[0]!]!;
  }

  /** Removes and answers the node of least key. */
  pop(): number {
    const { heap, pos } = this;
    const top = heap[0]!;
    pos[top] = -1;
    const last = heap[--this.size]!;
    if (this.size > 0) {
      heap[0] = last;
      pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  /** Empties the heap (only the queued nodes are touched). */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }

  private up(i: number): void {
    const { heap, pos, key } = this;
    const v = heap[i]!;
    const k = key[v]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = heap[p]!;
      if (key[pv]! <= k) break;
      heap[i] = pv;
      pos[pv] = i;
      i = p;
    }
    heap[i] = v;
    pos[v] = i;
  }

  private down(i: number): void {
    const { heap, pos, key } = this;
    const n = this.size;
    const v = heap[i]!;
    const k = key[v]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && key[heap[c + 1]!]! < key[heap[c]!]!) c++;
      const cv = heap[c]!;
      if (key[cv]! >= k) break;
      heap[i] = cv;
      pos[cv] = i;
      i = c;
    }
    heap[i] = v;
    pos[v] = i;
  }
}
