// HTTP load generator in its own thread, so the clients do not share the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';

const { base, urls, n, concurrency, cookie } = workerData;
const lat = [];
let next = 0;
let errors = 0;
const started = performance.now();
async function worker() {
  while (next < n) {
    const i = next++;
    const t = performance.now();
    const r = await fetch(base + urls[i % urls.length], { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status !== 200) errors++;
    lat.push(performance.now() - t);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
parentPort.postMessage({ lat, errors, wallMs: performance.now() - started });
