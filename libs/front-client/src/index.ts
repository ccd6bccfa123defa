// Public face of @front-agent/front-client: import only from here.

/** Front Core API client for one company token (budgeted, retried, typed from the spec). */
export { FrontClient, DEFAULT_MESSAGE_UID_DELAYS_MS } from './client/front-client';
/** Client construction options and message-uid polling options. */
export type { FrontClientOptions, FrontMessageUidPolling } from './client/front-client';
/** Per-call options: priority, deadline, per-attempt timeout, retry opt-in for non-idempotent POSTs, abort signal. */
export type { FrontCallOptions } from './client/front-http';
/** Inputs of reply, addComment, createDraft, updateDraft and listConversations. */
export type {
  FrontReplyInput,
  FrontCommentInput,
  FrontDraftInput,
  FrontDraftUpdate,
  FrontConversationQuery,
} from './client/conversation-requests';
/** Filters of listEvents, and Front's page-size cap for GET /events. */
export { MAX_EVENTS_PAGE_SIZE } from './client/knowledge-event-requests';
/** Filters of listEvents (the `q` query object). */
export type { FrontEventQuery } from './client/knowledge-event-requests';
/** Front's default base URL and the FRONT_API_URL resolution rule. */
export { DEFAULT_FRONT_API_URL, resolveFrontApiUrl } from './client/front-api-url';
/** Lazily fetched list: iterate items, `pages()`, or `all()`. */
export { FrontPages } from './pagination';
/** Retry policy for network errors and 5xx (capped, jittered exponential backoff). */
export { DEFAULT_RETRY_POLICY, backoffDelayMs } from './retry';
/** Retry policy shape. */
export type { RetryPolicy } from './retry';

/** Per-company budgets over a store (Postgres shared by replicas, or memory). */
export { FrontRateLimits } from './rate-limit/front-rate-limits';
/** One company's budget, with interactive-before-background queueing. */
export { FrontCompanyBudget } from './rate-limit/company-budget';
/** Budget sizing and call priority. */
export type { FrontBudgetOptions, FrontPriority } from './rate-limit/company-budget';
/** Store factories: Postgres (rate-limiter-flexible RateLimiterPostgres) and memory. */
export { postgresRateLimitStore, memoryRateLimitStore } from './rate-limit/rate-limit-store';
/** Store interfaces, to plug in another rate-limiter-flexible backend. */
export type { FrontRateLimitStore, RateLimitCounter, PostgresRateLimitStoreOptions } from './rate-limit/rate-limit-store';
/** Parses x-ratelimit-*, retry-after and x-front-tier headers. */
export { parseRateLimitHeaders, parseRetryAfterMs } from './rate-limit/rate-limit-headers';
/** What the rate-limit headers of a response say. */
export type { FrontRateLimitInfo } from './rate-limit/rate-limit-headers';

/** Typed errors; all extend FrontApiError (`code`, `status`, `frontError`) and never carry the token. */
export {
  FrontApiError,
  FrontTokenInvalidError,
  FrontApiAccessMissingError,
  FrontScopeMissingError,
  FrontNotFoundError,
  FrontBadRequestError,
  FrontRateLimitedError,
  FrontUnavailableError,
  FrontDeadlineExceededError,
  FrontConversationMergedError,
  FrontMessageSendFailedError,
  FrontMessageNotYetProcessedError,
} from './errors/front-errors';
/** Error codes and call-site details carried by FrontApiError. */
export type { FrontErrorCode, FrontCallSite, FrontFailureSummary } from './errors/front-errors';

/** Application webhooks: HMAC-SHA256 over `timestamp:rawBody`, with a replay window. */
export { verifyApplicationWebhook, signApplicationWebhook, DEFAULT_WEBHOOK_TOLERANCE } from './webhooks/application-webhook';
/** Application webhook verification input and tolerance. */
export type { ApplicationWebhookInput, WebhookTolerance } from './webhooks/application-webhook';
/** Rule webhooks: HMAC-SHA1 over the raw body, no timestamp. */
export { verifyRuleWebhook, signRuleWebhook } from './webhooks/rule-webhook';
/** Rule webhook verification input. */
export type { RuleWebhookInput } from './webhooks/rule-webhook';
/** Verification result (discriminated union with a reason). */
export type { WebhookVerification, WebhookRejectionReason } from './webhooks/webhook-signature';
/** Tells application and rule webhooks apart; answers Front's URL validation challenge. */
export { detectWebhookFormat, challengeResponse } from './webhooks/webhook-format';
/** Webhook kind. */
export type { FrontWebhookFormat } from './webhooks/webhook-format';
/** Front's webhook header names. */
export { FRONT_SIGNATURE_HEADER, FRONT_TIMESTAMP_HEADER, FRONT_CHALLENGE_HEADER } from './webhooks/webhook-headers';

/** Front resource types, aliases of the generated spec types. */
export type * from './front-types';
/** The generated OpenAPI types themselves (paths, components, operations). */
export type { paths as FrontApiPaths, components as FrontApiComponents, operations as FrontApiOperations } from './generated/front-api';

/** Front event (webhook payload or events API) → the `front.event` contract. */
export { FrontEventNormalizer, HANDLED_EVENT_TYPES, type WebhookOrigin } from './events/front-event-normalizer';
export { isBotTeammateType } from './events/teammate-kind';
/** The product's channel for a Front message type. */
export { channelOfMessageType } from './events/channel-of';
