import { FrontApiError, FrontMessageNotYetProcessedError, FrontMessageSendFailedError, FrontNotFoundError } from '../errors/front-errors';
import type {
  FrontAcceptedMessage,
  FrontChannel,
  FrontComment,
  FrontConversation,
  FrontEvent,
  FrontIdentity,
  FrontInbox,
  FrontKnowledgeBase,
  FrontKnowledgeBaseArticle,
  FrontKnowledgeBaseArticleSlim,
  FrontKnowledgeBaseCategory,
  FrontKnowledgeBaseCategorySlim,
  FrontKnowledgeBaseSlim,
  FrontMessage,
  FrontTag,
  FrontTeammate,
} from '../front-types';
import { FrontPages, type FrontListBody } from '../pagination';
import type { FrontCompanyBudget, FrontPriority } from '../rate-limit/company-budget';
import { DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from '../retry';
import {
  companyRequests as co,
  conversationRequests as cv,
  type FrontCommentInput,
  type FrontConversationQuery,
  type FrontDraftInput,
  type FrontDraftUpdate,
  type FrontReplyInput,
} from './conversation-requests';
import { FrontHttp, type FrontCallOptions, type FrontRequest } from './front-http';
import { resolveFrontApiUrl } from './front-api-url';
import { eventRequests as ev, knowledgeBaseRequests as kb, type FrontEventQuery } from './knowledge-event-requests';

/** How a FrontClient is built: one per API token and base URL. */
export interface FrontClientOptions {
  /** The company's API token. Kept private: never logged, never in an error. */
  token: string;
  /** Default: `FRONT_API_URL`, else https://api2.frontapp.com. */
  baseUrl?: string;
  /** The company's shared budget (FrontRateLimits.forCompany); without it only 429s slow the client down. */
  budget?: FrontCompanyBudget;
  retryPolicy?: Partial<RetryPolicy>;
  /** Per-attempt timeout; default 10 s. */
  timeoutMs?: number;
  /** Default total deadline per priority; default 20 s interactive, 120 s background. */
  deadlineMs?: Partial<Record<FrontPriority, number>>;
  userAgent?: string;
}

/** How resolveMessageUid polls: `attempts` lookups, waiting `delaysMs[i]` before lookup i (last delay repeats). */
export interface FrontMessageUidPolling {
  attempts?: number;
  delaysMs?: number[];
}

/** Default wait before each lookup of a queued reply: 0.5 s, 1.5 s, 4 s. */
export const DEFAULT_MESSAGE_UID_DELAYS_MS = [500, 1_500, 4_000];

/** Front Core API client for one company token: budgeted, retried, typed from the official spec. */
export class FrontClient {
  readonly baseUrl: string;
  private readonly http: FrontHttp;

  constructor(options: FrontClientOptions) {
    if (!options.token) throw new Error('FrontClient: token is required');
    this.baseUrl = resolveFrontApiUrl(options.baseUrl);
    this.http = new FrontHttp({
      baseUrl: this.baseUrl,
      token: options.token,
      budget: options.budget,
      retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
      timeoutMs: options.timeoutMs ?? 10_000,
      deadlineMs: { interactive: 20_000, background: 120_000, ...options.deadlineMs },
      userAgent: options.userAgent ?? 'front-agent',
    });
  }

  /** The company's requests-per-minute limit as Front last reported it, once a call was answered. */
  get reportedRateLimit(): number | undefined {
    return this.http.lastReportedLimit;
  }

  /** The token's company (`cmp_…` id and name); a 403 here is FrontApiAccessMissingError. */
  getMe(options?: FrontCallOptions): Promise<FrontIdentity> {
    return this.http.send(co.getMe(), options);
  }

  listTeammates(options?: FrontCallOptions): Promise<FrontTeammate[]> {
    return this.pages<FrontTeammate>(co.listTeammates(), options).all();
  }

  /** The company's conversations (most recent first), optionally by status, page by page as you iterate. */
  listConversations(query: FrontConversationQuery = {}, options?: FrontCallOptions): FrontPages<FrontConversation> {
    return this.pages<FrontConversation>(cv.listConversations(query), options);
  }

  /** Follows a merge to the surviving conversation (compare the returned id). */
  getConversation(conversationId: string, options?: FrontCallOptions): Promise<FrontConversation> {
    return this.http.send(cv.getConversation(conversationId), options);
  }

  /** Messages newest first (or `sortOrder: 'asc'`), fetched page by page (`pageSize` ≤ 100, default 100) as you iterate. */
  listConversationMessages(
    conversationId: string,
    options: FrontCallOptions & { sortOrder?: 'asc' | 'desc'; pageSize?: number } = {},
  ): FrontPages<FrontMessage> {
    return this.pages<FrontMessage>(cv.listConversationMessages(conversationId, options.sortOrder, options.pageSize), options);
  }

  getMessage(messageId: string, options?: FrontCallOptions): Promise<FrontMessage> {
    return this.http.send(co.getMessage(messageId), options);
  }

  /**
   * The message a queued reply became, by polling `/messages/alt:uid:<uid>` (404 = not processed yet).
   * Throws FrontMessageSendFailedError when Front reports an `error_type`, FrontMessageNotYetProcessedError
   * when every lookup answered 404.
   */
  async resolveMessageUid(uid: string, polling: FrontMessageUidPolling & FrontCallOptions = {}): Promise<FrontMessage> {
    const delays = polling.delaysMs && polling.delaysMs.length > 0 ? polling.delaysMs : DEFAULT_MESSAGE_UID_DELAYS_MS;
    const attempts = polling.attempts ?? delays.length;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      await sleep(delays[Math.min(attempt, delays.length - 1)], polling.signal);
      try {
        const message = await this.http.send<FrontMessage>(co.getMessageByUid(uid), polling);
        if (message.error_type) throw new FrontMessageSendFailedError(uid, message.error_type, message.id);
        return message;
      } catch (error) {
        if (!(error instanceof FrontNotFoundError)) throw error;
      }
    }
    throw new FrontMessageNotYetProcessedError(uid, attempts);
  }

  /**
   * Queues a reply (202). Not retried after an ambiguous failure unless `retry: 'safe-to-repeat'`: a
   * FrontUnavailableError means "maybe sent", so check the conversation before sending again.
   */
  async reply(conversationId: string, input: FrontReplyInput, options?: FrontCallOptions): Promise<{ messageUid: string }> {
    const accepted = await this.http.send<FrontAcceptedMessage>(cv.reply(conversationId, input), options);
    if (!accepted?.message_uid) throw new FrontApiError('unexpected_response', 'Front accepted the reply without a message_uid');
    return { messageUid: accepted.message_uid };
  }

  /** Internal comment (customers never see it); not retried after ambiguous failures by default. */
  addComment(conversationId: string, input: FrontCommentInput, options?: FrontCallOptions): Promise<FrontComment> {
    return this.http.send(cv.addComment(conversationId, input), options);
  }

  /** A draft reply for a human to review; returns the draft message (its `version` is needed to edit). */
  createDraft(conversationId: string, input: FrontDraftInput, options?: FrontCallOptions): Promise<FrontMessage> {
    return this.http.send(cv.createDraft(conversationId, input), options);
  }

  updateDraft(draftId: string, input: FrontDraftUpdate, options?: FrontCallOptions): Promise<FrontMessage> {
    return this.http.send(cv.updateDraft(draftId, input), options);
  }

  async deleteDraft(draftId: string, version: string, options?: FrontCallOptions): Promise<void> {
    await this.http.send(cv.deleteDraft(draftId, version), options);
  }

  /** Assigns to a teammate, or unassigns with `null`. */
  async setAssignee(conversationId: string, teammateId: string | null, options?: FrontCallOptions): Promise<void> {
    await this.http.send(cv.setAssignee(conversationId, teammateId), options);
  }

  async addTags(conversationId: string, tagIds: string[], options?: FrontCallOptions): Promise<void> {
    await this.http.send(cv.addTags(conversationId, tagIds), options);
  }

  async removeTags(conversationId: string, tagIds: string[], options?: FrontCallOptions): Promise<void> {
    await this.http.send(cv.removeTags(conversationId, tagIds), options);
  }

  async updateConversationStatus(conversationId: string, status: 'archived' | 'open', options?: FrontCallOptions): Promise<void> {
    await this.http.send(cv.updateConversationStatus(conversationId, status), options);
  }

  listCompanyTags(options?: FrontCallOptions): Promise<FrontTag[]> {
    return this.pages<FrontTag>(co.listCompanyTags(), options).all();
  }

  createCompanyTag(name: string, options?: FrontCallOptions): Promise<FrontTag> {
    return this.http.send(co.createCompanyTag(name), options);
  }

  listConversationInboxes(conversationId: string, options?: FrontCallOptions): Promise<FrontInbox[]> {
    return this.pages<FrontInbox>(cv.listConversationInboxes(conversationId), options).all();
  }

  listChannels(options?: FrontCallOptions): Promise<FrontChannel[]> {
    return this.pages<FrontChannel>(co.listChannels(), options).all();
  }

  /** Knowledge bases in their slim form (no name): use getKnowledgeBaseContent for name and status. */
  listKnowledgeBases(options?: FrontCallOptions): Promise<FrontKnowledgeBaseSlim[]> {
    return this.pages<FrontKnowledgeBaseSlim>(kb.listKnowledgeBases(), options).all();
  }

  getKnowledgeBaseContent(knowledgeBaseId: string, locale?: string, options?: FrontCallOptions): Promise<FrontKnowledgeBase> {
    return this.http.send(kb.getKnowledgeBaseContent(knowledgeBaseId, locale), options);
  }

  listKnowledgeBaseCategories(knowledgeBaseId: string, options?: FrontCallOptions): Promise<FrontKnowledgeBaseCategorySlim[]> {
    return this.pages<FrontKnowledgeBaseCategorySlim>(kb.listKnowledgeBaseCategories(knowledgeBaseId), options).all();
  }

  getCategoryContent(categoryId: string, locale?: string, options?: FrontCallOptions): Promise<FrontKnowledgeBaseCategory> {
    return this.http.send(kb.getCategoryContent(categoryId, locale), options);
  }

  listCategoryArticles(categoryId: string, options?: FrontCallOptions): Promise<FrontKnowledgeBaseArticleSlim[]> {
    return this.pages<FrontKnowledgeBaseArticleSlim>(kb.listCategoryArticles(categoryId), options).all();
  }

  /** Every article of a knowledge base, slim (id, slug, locales): fetch each locale's content separately. */
  listKnowledgeBaseArticles(knowledgeBaseId: string, options?: FrontCallOptions): Promise<FrontKnowledgeBaseArticleSlim[]> {
    return this.pages<FrontKnowledgeBaseArticleSlim>(kb.listKnowledgeBaseArticles(knowledgeBaseId), options).all();
  }

  /** The full article (name, HTML content) in the default locale or the given one. */
  getArticleContent(articleId: string, locale?: string, options?: FrontCallOptions): Promise<FrontKnowledgeBaseArticle> {
    return this.http.send(kb.getArticleContent(articleId, locale), options);
  }

  /** Company events, newest first unless `sortOrder: 'asc'`, 15 per page. */
  listEvents(query: FrontEventQuery = {}, options?: FrontCallOptions): FrontPages<FrontEvent> {
    return this.pages<FrontEvent>(ev.listEvents(query), options);
  }

  getEvent(eventId: string, options?: FrontCallOptions): Promise<FrontEvent> {
    return this.http.send(ev.getEvent(eventId), options);
  }

  listConversationEvents(conversationId: string, options?: FrontCallOptions): FrontPages<FrontEvent> {
    return this.pages<FrontEvent>(ev.listConversationEvents(conversationId), options);
  }

  private pages<T>(first: FrontRequest, options: FrontCallOptions = {}): FrontPages<T> {
    return new FrontPages<T>((next) =>
      this.http.send<FrontListBody<T>>(next === null ? first : { ...first, url: next, query: undefined }, options),
    );
  }
}
