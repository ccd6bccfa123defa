/** Front's Core API base URL (the spec's `servers` entry). */
export const DEFAULT_FRONT_API_URL = 'https://api2.frontapp.com';

/**
 * The base URL a client uses: the explicit one, else `FRONT_API_URL`, else Front's. Must be http(s);
 * a bad value is named, not printed.
 */
export function resolveFrontApiUrl(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const source = explicit !== undefined ? 'baseUrl' : env.FRONT_API_URL ? 'FRONT_API_URL' : undefined;
  const value = explicit ?? env.FRONT_API_URL ?? DEFAULT_FRONT_API_URL;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${source ?? 'Front API URL'} is not a valid URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`${source ?? 'Front API URL'} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}
