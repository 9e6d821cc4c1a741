/** Thin fetch wrapper for the Guanxi JSON API. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export type QueryValue = string | number | boolean | null | undefined;

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The session cookie is HttpOnly, so writes prove same-origin with the token the server handed us. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }

  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = data?.error;
    const apiError = new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? res.statusText, error?.fields);
    // A wrong password at login is also a 401, but it must not bounce the login page to itself.
    if (res.status === 401 && path !== '/auth/login') unauthorizedHandler?.();
    throw apiError;
  }
  return data as T;
}

/** A multipart upload (files); the browser sets the content type with its boundary. */
export async function uploadForm<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch (err) {
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401) unauthorizedHandler?.();
    throw new ApiError(res.status, data?.error?.code ?? 'http_error', data?.error?.message ?? res.statusText, data?.error?.fields);
  }
  return data as T;
}

export const http = {
  get: <T>(path: string, params?: Record<string, QueryValue>) => api<T>('GET', path + (params ? queryString(params) : '')),
  post: <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => api<T>('PATCH', path, body),
  delete: <T = void>(path: string) => api<T>('DELETE', path),
};

/** Loads every page of a list; for small reference lists such as teams and roles. */
export async function fetchAll<T>(path: string, params: Record<string, QueryValue> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await http.get<Page<T>>(path, { ...params, limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
