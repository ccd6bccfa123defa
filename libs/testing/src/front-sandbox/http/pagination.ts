import type { FastifyRequest } from 'fastify';
import { badRequest } from '../domain/errors';
import type { ListParams } from './list-query';

export interface ListResponse<T> {
  _pagination: { next: string | null };
  _links: { self: string };
  _results: T[];
}

/**
 * One page of an already sorted list. The page token names the last item
 * served, so items added meanwhile neither repeat nor vanish. `next` is a full
 * URL repeating the original query, as Front's is.
 */
export function paginate<T, R>(
  request: FastifyRequest,
  baseUrl: string,
  items: T[],
  keyOf: (item: T) => string,
  render: (item: T) => R,
  params: ListParams,
): ListResponse<R> {
  let start = 0;
  if (params.pageToken !== undefined) {
    const after = decodeToken(params.pageToken);
    const index = items.findIndex((item) => keyOf(item) === after);
    start = index === -1 ? items.length : index + 1;
  }
  const page = items.slice(start, start + params.limit);
  const hasMore = start + params.limit < items.length;
  const self = new URL(request.url, baseUrl);
  let next: string | null = null;
  if (hasMore && page.length > 0) {
    const nextUrl = new URL(self);
    nextUrl.searchParams.set('page_token', encodeToken(keyOf(page[page.length - 1])));
    next = nextUrl.toString();
  }
  self.searchParams.delete('page_token');
  return { _pagination: { next }, _links: { self: `${self.origin}${self.pathname}` }, _results: page.map(render) };
}

/** An unpaginated list (GET /teammates, /inboxes, /channels, /knowledge_bases). */
export function plainList<R>(request: FastifyRequest, baseUrl: string, results: R[]): { _links: { self: string }; _results: R[] } {
  const self = new URL(request.url, baseUrl);
  return { _links: { self: `${self.origin}${self.pathname}` }, _results: results };
}

function encodeToken(key: string): string {
  return Buffer.from(`after:${key}`).toString('base64url');
}

function decodeToken(token: string): string {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (!decoded.startsWith('after:')) throw badRequest('Invalid page_token');
  return decoded.slice('after:'.length);
}
