/* eslint-disable @typescript-eslint/no-explicit-any -- specs read untyped JSON bodies and assert on them; typing every body would add noise, not safety */
/** A tiny HTTP client for the sandbox's own specs: status, headers and parsed body of every call. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export type Api = ReturnType<typeof apiClient>;

export function apiClient(baseUrl: string, token: string | null = 'sandbox-token') {
  const call = async <T = any>(method: string, path: string, body?: unknown, rawBody?: string): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
    const url = path.startsWith('http') ? path : `${baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)), redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
    put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = any>(path: string, body?: unknown) => call<T>('DELETE', path, body),
    raw: <T = any>(method: string, path: string, rawBody: string) => call<T>(method, path, undefined, rawBody),
  };
}
