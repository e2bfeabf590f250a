// The one way the SPA talks to the server. Every failure becomes an ApiError built from the server's single
// error shape `{ error: { code, message, details } }`; a 401 anywhere but sign-in sends the user to sign-in.
import { getLang } from './locale.tsx';
import type { ItemOf, Wire } from './wire.ts';

/** The one error body every route answers with (already in the request's language). */
export type ErrorBody = Wire<'ErrorBody'>;

type WireErrorDetail = ItemOf<ErrorBody['error']['details']>;

/** One problem of a refused request; `path` is optional because the web also reports its own (e.g. a network failure). */
export type ErrorDetail = Omit<WireErrorDetail, 'path'> & Partial<Pick<WireErrorDetail, 'path'>>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server answers 401 to a signed-in call (session expired or revoked). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api') ? path : `/api/v1${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not broadcast a 401 (the sign-in call and the initial "who am I" probe). */
  quiet401?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', getLang() === 'en' ? 'The server cannot be reached' : '无法连接服务器');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const error = toApiError(response.status, data);
    if (response.status === 401 && !options.quiet401) for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  return data as T;
}

/** Whether a failed answer is the server's error body (a proxy or a crash may answer anything else). */
function isErrorBody(data: unknown): data is ErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const error = data.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

function toApiError(status: number, data: unknown): ApiError {
  const lang = getLang();
  const fallback = lang === 'en' ? `Request failed (HTTP ${status})` : `请求失败（HTTP ${status}）`;
  if (!isErrorBody(data)) return new ApiError(status, `HTTP_${status}`, fallback);
  const { code, message, details } = data.error;
  return new ApiError(status, code, message || fallback, details ?? []);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>(path, { method: 'POST', body, query }),
  put: <T>(path: string, body?: unknown, query?: Query) => request<T>(path, { method: 'PUT', body, query }),
};

/** Message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
