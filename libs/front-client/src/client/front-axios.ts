import axios, { AxiosError, type AxiosInstance } from 'axios';

/**
 * The axios instance behind a FrontClient: no automatic redirects (a 301 on a merged conversation must
 * never replay a POST), every status handed back to us, and the token attached per request from a
 * closure so it is not kept in the instance defaults. Errors are scrubbed of the Authorization header
 * and of the raw request (whose header text also holds it) before anyone can log them.
 */
export function createFrontAxios(baseUrl: string, token: string, userAgent: string): AxiosInstance {
  const instance = axios.create({
    baseURL: baseUrl,
    maxRedirects: 0,
    validateStatus: () => true,
    headers: { Accept: 'application/json', 'User-Agent': userAgent },
  });
  instance.interceptors.request.use((config) => {
    config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  instance.interceptors.response.use(
    (response) => response,
    (error: unknown) => Promise.reject(scrubAxiosError(error)),
  );
  return instance;
}

/** Removes every copy of the credentials an axios error carries (config headers, request, response). */
export function scrubAxiosError(error: unknown): unknown {
  if (!(error instanceof AxiosError)) return error;
  const scrubbed = error as AxiosError & { request?: unknown };
  if (scrubbed.config?.headers) scrubbed.config.headers.set('Authorization', '[redacted]');
  scrubbed.request = undefined;
  if (scrubbed.response) {
    scrubbed.response.request = undefined;
    scrubbed.response.config = scrubbed.config ?? scrubbed.response.config;
  }
  return scrubbed;
}
