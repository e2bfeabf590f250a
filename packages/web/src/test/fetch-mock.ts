// A fake server for component tests: the real api module runs, `fetch` answers from a table of handlers and
// every request is recorded, so a test can assert the payload and query a page sent.
import { vi } from 'vitest';

export interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Reply = unknown | { status: number; body?: unknown };
type Handler = (req: Sent) => Reply | Promise<Reply>;

/** `'GET /registry/institutions'` → handler or value; paths are matched without `/api/v1` and without the query. */
export type Routes = Record<string, Handler | unknown>;

export function mockApi(routes: Routes) {
  const sent: Sent[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    let body: unknown = init?.body;
    if (typeof body === 'string') body = JSON.parse(body);
    const req: Sent = { method, path, query: url.searchParams, body };
    sent.push(req);
    const key = `${method} ${path}`;
    const match = key in routes ? routes[key] : findPattern(routes, method, path);
    if (match === undefined) return json(404, { error: { code: 'NOT_FOUND', message: `no mock for ${key}` } });
    const reply = typeof match === 'function' ? await (match as Handler)(req) : match;
    if (reply && typeof reply === 'object' && 'status' in reply && typeof reply.status === 'number') {
      const r = reply as { status: number; body?: unknown };
      return json(r.status, r.body);
    }
    return json(200, reply);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    sent,
    /** Requests of one method and path, oldest first. */
    calls: (method: string, path: string) => sent.filter((s) => s.method === method && s.path === path),
    last: (method: string, path: string) => sent.filter((s) => s.method === method && s.path === path).at(-1),
  };
}

/** Keys may use `:param` segments: `'GET /plans/:id'`. */
function findPattern(routes: Routes, method: string, path: string): unknown {
  for (const [key, value] of Object.entries(routes)) {
    const [m, p] = key.split(' ');
    if (m !== method || !p?.includes(':')) continue;
    const re = new RegExp(`^${p.replace(/:[^/]+/g, '[^/]+')}$`);
    if (re.test(path)) return value;
  }
  return undefined;
}

function json(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** The server's single error shape. */
export function apiError(status: number, message: string, details: { path?: string; message: string }[] = []) {
  return { status, body: { error: { code: 'VALIDATION', message, details } } };
}

/** The file field of a multipart request. */
export function sentFile(req: Sent | undefined): FormDataEntryValue | null {
  return req?.body instanceof FormData ? req.body.get('file') : null;
}
