/** An error the sandbox answers the way Front does: `{ "_error": { status, title, message } }`. */
export class FrontApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'FrontApiError';
  }

  body(): { _error: { status: number; title: string; message: string } } {
    return { _error: { status: this.status, title: this.title, message: this.message } };
  }
}

export const badRequest = (message = 'Body did not satisfy requirements') => new FrontApiError(400, 'Bad request', message);

export const notFound = (message: string) => new FrontApiError(404, 'Not found', message);

export const unauthenticated = () => new FrontApiError(401, 'Unauthenticated', 'JSON Web Token error');

export const forbidden = (message: string) => new FrontApiError(403, 'Forbidden', message);

export const conflict = (message: string) => new FrontApiError(409, 'Conflict', message);

/** 429 with retry-after in (possibly fractional) seconds, and x-front-tier for burst limits. */
export function tooManyRequests(retryAfterMs: number, tier?: number): FrontApiError {
  const waitMs = Math.max(1, Math.ceil(retryAfterMs));
  const scope = tier ? `tier-${tier} route` : 'company';
  const headers: Record<string, string> = { 'retry-after': String(waitMs / 1000) };
  if (tier) headers['x-front-tier'] = String(tier);
  return new FrontApiError(
    429,
    'Too many requests',
    `Rate limit exceeded for ${scope}. Please retry in ${waitMs} milliseconds.`,
    headers,
  );
}

export const serverError = (status = 500) =>
  new FrontApiError(status, status === 503 ? 'Service unavailable' : 'Internal server error', 'An unexpected error occurred.');

/** A request body that is not JSON: Front answers 400 with an `_error` holding only a message. */
export class MalformedJsonError extends Error {
  readonly status = 400;

  body(): { _error: { message: string } } {
    return { _error: { message: this.message } };
  }
}
