import type { FastifyRequest } from 'fastify';
import { badRequest } from '../domain/errors';

export type Query = Record<string, string | string[] | undefined>;

/** The first value of a query parameter. */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Query)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** All values of a `q` object list, accepting both `q[types]=a&q[types]=b` and `q[types][]=a`. */
export function queryList(request: FastifyRequest, name: string): string[] {
  const query = request.query as Query;
  return [query[name], query[`${name}[]`]].flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
}

export interface ListParams {
  limit: number;
  pageToken?: string;
  sortOrder: 'asc' | 'desc';
}

/** limit, page_token, sort_by and sort_order as the spec allows them; anything else is Front's 400. */
export function listParams(
  request: FastifyRequest,
  options: { defaultLimit?: number; maxLimit?: number; sortBy?: string[]; defaultOrder?: 'asc' | 'desc' } = {},
): ListParams {
  const { defaultLimit = 50, maxLimit = 100, sortBy = [], defaultOrder = 'desc' } = options;
  const rawLimit = queryValue(request, 'limit');
  let limit = defaultLimit;
  if (rawLimit !== undefined) {
    if (!/^\d+$/.test(rawLimit)) throw badRequest('Query did not satisfy requirements: limit must be an integer');
    limit = Number(rawLimit);
    if (limit < 1 || limit > maxLimit) {
      throw badRequest(`Query did not satisfy requirements: limit must be between 1 and ${maxLimit}`);
    }
  }
  const sortOrder = queryValue(request, 'sort_order') ?? defaultOrder;
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    throw badRequest('Query did not satisfy requirements: sort_order must be one of asc, desc');
  }
  const rawSortBy = queryValue(request, 'sort_by');
  if (rawSortBy !== undefined && !sortBy.includes(rawSortBy)) {
    throw badRequest(`Query did not satisfy requirements: sort_by must be one of ${sortBy.join(', ') || '(none)'}`);
  }
  return { limit, pageToken: queryValue(request, 'page_token'), sortOrder };
}
