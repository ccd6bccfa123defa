import type { FrontEventType } from '../front-types';
import type { FrontRequest } from './front-http';

// Pure builders for the knowledge-base and events routes (see conversation-requests.ts).

/** Filters of GET /events (the `q` query object); times are Unix seconds, up to 3 decimals. */
export interface FrontEventQuery {
  after?: number;
  before?: number;
  types?: FrontEventType[];
  inboxIds?: string[];
  sortOrder?: 'asc' | 'desc';
  /** Page size, at most 15 (Front's limit for this route). */
  limit?: number;
}

/** Front's cap on GET /events page size. */
export const MAX_EVENTS_PAGE_SIZE = 15;

const enc = encodeURIComponent;
const KB = 'knowledge_bases:read';
const page100: Array<[string, string]> = [['limit', '100']];

/** `/content` in the default locale, `/locales/{locale}/content` otherwise. */
function content(base: string, locale: string | undefined): string {
  return locale === undefined ? `${base}/content` : `${base}/locales/${enc(locale)}/content`;
}

function contentRoute(base: string, locale: string | undefined): string {
  return locale === undefined ? `${base}/content` : `${base}/locales/{locale}/content`;
}

export const knowledgeBaseRequests = {
  listKnowledgeBases: (): FrontRequest => ({ method: 'GET', url: '/knowledge_bases', route: '/knowledge_bases', scope: KB }),
  getKnowledgeBaseContent: (id: string, locale?: string): FrontRequest => ({
    method: 'GET', url: content(`/knowledge_bases/${enc(id)}`, locale), route: contentRoute('/knowledge_bases/{knowledge_base_id}', locale), scope: KB,
  }),
  listKnowledgeBaseCategories: (id: string): FrontRequest => ({
    method: 'GET', url: `/knowledge_bases/${enc(id)}/categories`, route: '/knowledge_bases/{knowledge_base_id}/categories', scope: KB, query: page100,
  }),
  getCategoryContent: (id: string, locale?: string): FrontRequest => ({
    method: 'GET', url: content(`/knowledge_base_categories/${enc(id)}`, locale), route: contentRoute('/knowledge_base_categories/{category_id}', locale), scope: KB,
  }),
  listCategoryArticles: (id: string): FrontRequest => ({
    method: 'GET', url: `/knowledge_base_categories/${enc(id)}/articles`, route: '/knowledge_base_categories/{category_id}/articles', scope: KB, query: page100,
  }),
  listKnowledgeBaseArticles: (id: string): FrontRequest => ({
    method: 'GET', url: `/knowledge_bases/${enc(id)}/articles`, route: '/knowledge_bases/{knowledge_base_id}/articles', scope: KB, query: page100,
  }),
  getArticleContent: (id: string, locale?: string): FrontRequest => ({
    method: 'GET', url: content(`/knowledge_base_articles/${enc(id)}`, locale), route: contentRoute('/knowledge_base_articles/{article_id}', locale), scope: KB,
  }),
};

export const eventRequests = {
  /** `q[after]`, `q[before]`, and `q[types]` / `q[inboxes]` repeated once per value (Front's query-object syntax). */
  listEvents: (query: FrontEventQuery = {}): FrontRequest => {
    const limit = Math.min(MAX_EVENTS_PAGE_SIZE, Math.max(1, Math.floor(query.limit ?? MAX_EVENTS_PAGE_SIZE)));
    const params: Array<[string, string]> = [];
    if (query.after !== undefined) params.push(['q[after]', seconds(query.after)]);
    if (query.before !== undefined) params.push(['q[before]', seconds(query.before)]);
    for (const type of query.types ?? []) params.push(['q[types]', type]);
    for (const inbox of query.inboxIds ?? []) params.push(['q[inboxes]', inbox]);
    params.push(['limit', String(limit)]);
    if (query.sortOrder) params.push(['sort_by', 'created_at'], ['sort_order', query.sortOrder]);
    return { method: 'GET', url: '/events', route: '/events', scope: 'events:*:read', query: params };
  },
  getEvent: (id: string): FrontRequest => ({ method: 'GET', url: `/events/${enc(id)}`, route: '/events/{event_id}', scope: 'events:*:read' }),
  listConversationEvents: (conversationId: string): FrontRequest => ({
    method: 'GET', url: `/conversations/${enc(conversationId)}/events`, route: '/conversations/{conversation_id}/events', scope: 'events:*:read',
    conversationId, query: page100,
  }),
};

/** Unix seconds with at most 3 decimals, as Front accepts them. */
function seconds(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
