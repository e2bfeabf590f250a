// Readers for the parse worker pool's tests (src/platform/upload-limits.test.ts): one that never returns and one that
// allocates until the worker's heap limit ends it.
export async function spin(): Promise<never> {
  for (;;) {
    // Synchronous on purpose: only terminating the worker stops it.
  }
}

export async function hog(): Promise<never> {
  // Plain arrays live on the V8 heap (Buffers would not count against resourceLimits): 8 MB a step.
  const keep: number[][] = [];
  for (;;) keep.push(new Array<number>(1_000_000).fill(keep.length + 0.5));
}
