// Concurrent single-card submitters in their own thread (the clients do not share the server's event loop):
// each client posts its cards one at a time, as a hospital's reporting system does. Reports per card the
// latency, the status and when it was acknowledged (ms since the worker started, for card → signal times).
import { parentPort, workerData } from 'node:worker_threads';

const { base, clients, cookie, query } = workerData;
const started = performance.now();
const results = [];
async function client(cards) {
  for (const card of cards) {
    const t = performance.now();
    const r = await fetch(`${base}/api/v1/surveillance/cases${query}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: card,
    });
    await r.arrayBuffer();
    const now = performance.now();
    results.push({ ms: now - t, status: r.status, ackAt: now - started, id: JSON.parse(card).clientReportId });
  }
}
await Promise.all(clients.map(client));
parentPort.postMessage({
  results,
  wallMs: performance.now() - started,
  startedAt: Date.now() - (performance.now() - started),
});
