import type { FrontErrorBody } from '../front-types';
import {
  FrontApiAccessMissingError,
  FrontApiError,
  FrontBadRequestError,
  FrontCallSite,
  FrontFailureSummary,
  FrontNotFoundError,
  FrontScopeMissingError,
  FrontTokenInvalidError,
  FrontUnavailableError,
} from './front-errors';

/** Reads Front's `{_error: {...}}` body, keeping only the fields we know, each of the right type. */
export function readFrontErrorBody(data: unknown): FrontErrorBody | undefined {
  const raw = typeof data === 'string' ? parseJson(data) : data;
  if (!isRecord(raw) || !isRecord(raw._error)) return undefined;
  const source = raw._error;
  const body: FrontErrorBody = {};
  if (typeof source.status === 'number') body.status = source.status;
  if (typeof source.title === 'string') body.title = source.title;
  if (typeof source.message === 'string') body.message = source.message;
  if (Array.isArray(source.details)) body.details = source.details.filter((d): d is string => typeof d === 'string');
  return body;
}

/** The typed error for a non-2xx, non-429, non-301 answer. */
export function errorForResponse(status: number, data: unknown, site: FrontCallSite): FrontApiError {
  const frontError = readFrontErrorBody(data);
  const init = { status, frontError, site };
  if (status === 401) return new FrontTokenInvalidError(init);
  if (status === 403) {
    // Only GET /me needs no scope, so a 403 there can only mean the API itself is off for this company.
    return site.route === '/me' ? new FrontApiAccessMissingError(init) : new FrontScopeMissingError(init);
  }
  if (status === 404) return new FrontNotFoundError(init);
  if (status >= 500) return new FrontUnavailableError(false, init);
  if (status >= 400) return new FrontBadRequestError(init);
  return new FrontApiError('unexpected_response', `Unexpected HTTP ${status} from Front`, init);
}

/** A token-free summary of a network-level failure (connection refused, reset, timeout, ...). */
export function summarizeNetworkFailure(error: unknown): FrontFailureSummary {
  if (isRecord(error)) {
    const code = typeof error.code === 'string' ? error.code : undefined;
    const message = typeof error.message === 'string' ? error.message : 'network error';
    return { code, message: stripBearer(message) };
  }
  return { message: 'network error' };
}

function stripBearer(text: string): string {
  return text.replace(/Bearer\s+[^\s"']+/gi, 'Bearer [redacted]');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
