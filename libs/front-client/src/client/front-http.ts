import { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { errorForResponse, readFrontErrorBody, summarizeNetworkFailure } from '../errors/error-for-response';
import {
  FrontConversationMergedError,
  FrontDeadlineExceededError,
  FrontRateLimitedError,
  FrontUnavailableError,
  type FrontApiError,
  type FrontCallSite,
  type FrontFailureSummary,
} from '../errors/front-errors';
import type { FrontCompanyBudget, FrontPriority } from '../rate-limit/company-budget';
import { DEFAULT_RETRY_AFTER_MS, parseRateLimitHeaders, parseRetryHintFromMessage } from '../rate-limit/rate-limit-headers';
import { backoffDelayMs, classifyNetworkError, mayRepeat, sleep, type RepeatPolicy, type RetryPolicy } from '../retry';
import { createFrontAxios } from './front-axios';

/** Per-call options every FrontClient method accepts as its last argument. */
export interface FrontCallOptions {
  /** `interactive` (default) goes before `background` work in the company budget. */
  priority?: FrontPriority;
  /** Total time for the call: budget waits, 429 waits, retries. Default 20 s interactive, 120 s background. */
  deadlineMs?: number;
  /** Time for one HTTP attempt. Default 10 s. */
  timeoutMs?: number;
  /** For non-idempotent POSTs (reply, comment, draft): allow resending after an ambiguous failure. */
  retry?: 'safe-to-repeat';
  /** Aborts the call (and its waits); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Settings of the HTTP layer, fixed per client. */
export interface FrontHttpSettings {
  baseUrl: string;
  token: string;
  budget?: FrontCompanyBudget;
  retryPolicy: RetryPolicy;
  timeoutMs: number;
  deadlineMs: Record<FrontPriority, number>;
  userAgent: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call as the route modules describe it. */
export interface FrontRequest {
  method: Method;
  /** A path below the base URL, or an absolute URL (a `_pagination.next` link, followed as given). */
  url: string;
  /** The spec's path template, for errors and logs. */
  route: string;
  /** The spec's `x-required-scopes` entry, for FrontScopeMissingError. */
  scope?: string;
  query?: Array<[string, string]>;
  body?: unknown;
  /** Conversation routes: a 301 means this conversation was merged. */
  conversationId?: string;
  /** POSTs that may double-apply say `not-repeatable`; everything else is `idempotent`. */
  repeat?: RepeatPolicy;
}

const MAX_MERGE_HOPS = 3;

/** Sends Front requests with budget, deadline, retries, 429 waits and merge detection; returns 2xx bodies. */
export class FrontHttp {
  private readonly axios: AxiosInstance;
  private readonly settings: Omit<FrontHttpSettings, 'token'>;
  /** The company's per-minute limit as Front last reported it (`x-ratelimit-limit`). */
  lastReportedLimit: number | undefined;

  constructor({ token, ...settings }: FrontHttpSettings) {
    // The token lives only in the axios interceptor's closure, never on an object someone might log.
    this.axios = createFrontAxios(settings.baseUrl, token, settings.userAgent);
    this.settings = settings;
  }

  async send<T>(request: FrontRequest, options: FrontCallOptions = {}): Promise<T> {
    const priority = options.priority ?? 'interactive';
    const deadlineAt = Date.now() + (options.deadlineMs ?? this.settings.deadlineMs[priority]);
    const repeat: RepeatPolicy = options.retry === 'safe-to-repeat' ? 'safe-to-repeat' : (request.repeat ?? 'idempotent');
    let current = request;
    let failures = 0;
    let mergeHops = 0;
    for (;;) {
      const site: FrontCallSite = { method: current.method, route: current.route, scope: current.scope };
      const ticket = await this.acquireBudget(priority, deadlineAt, site, options.signal);
      const outcome = await this.attempt(current, deadlineAt, options).catch((error: unknown) => {
        this.settings.budget?.landed(ticket);
        throw error;
      });
      if (outcome.kind !== 'response') this.settings.budget?.landed(ticket);
      if (outcome.kind === 'deadline') throw new FrontDeadlineExceededError({ site, cause: outcome.summary });
      if (outcome.kind === 'response') {
        const { response } = outcome;
        const info = parseRateLimitHeaders(response.headers as Record<string, unknown>);
        if (info.limit !== undefined) this.lastReportedLimit = info.limit;
        await this.settings.budget?.observe(info, ticket).catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return response.data as T;
        if (response.status === 429) {
          const frontError = readFrontErrorBody(response.data);
          const waitMs = info.retryAfterMs ?? parseRetryHintFromMessage(frontError?.message) ?? DEFAULT_RETRY_AFTER_MS;
          if (Date.now() + waitMs > deadlineAt) throw new FrontRateLimitedError(waitMs, { site, frontError });
          // A tier (burst) 429 concerns one resource; a plain 429 means the whole company is out of budget.
          if (info.tier === undefined) await this.settings.budget?.pause(waitMs).catch(() => undefined);
          await sleep(waitMs, options.signal);
          continue;
        }
        if (response.status === 301 && current.conversationId) {
          const mergedInto = await this.mergedConversationId(current.conversationId, response, options);
          if (current.method !== 'GET' || mergedInto === null || ++mergeHops > MAX_MERGE_HOPS) {
            throw new FrontConversationMergedError(current.conversationId, mergedInto, { site });
          }
          current = retarget(current, current.conversationId, mergedInto);
          continue;
        }
        if (response.status < 500) throw errorForResponse(response.status, response.data, site);
      }
      const failure = outcome.kind === 'network' ? classifyNetworkError(outcome.summary.code) : 'ambiguous';
      const error = outcome.kind === 'network' ? unavailable(failure === 'ambiguous', site, outcome.summary) : serverError(outcome.response, site);
      if (!mayRepeat(failure, repeat)) throw error;
      failures += 1;
      if (failures >= this.settings.retryPolicy.maxAttempts) throw error;
      const delay = backoffDelayMs(failures, this.settings.retryPolicy);
      if (Date.now() + delay >= deadlineAt) throw new FrontDeadlineExceededError({ site, cause: { message: error.message, status: error.status } });
      await sleep(delay, options.signal);
    }
  }

  /** The budget's ticket for this call (0 without a budget). */
  private async acquireBudget(priority: FrontPriority, deadlineAt: number, site: FrontCallSite, signal?: AbortSignal): Promise<number> {
    if (!this.settings.budget) return 0;
    try {
      return await this.settings.budget.acquire(priority, deadlineAt, signal);
    } catch (error) {
      if (error instanceof FrontRateLimitedError) throw new FrontRateLimitedError(error.retryAfterMs, { site });
      throw error;
    }
  }

  private async attempt(request: FrontRequest, deadlineAt: number, options: FrontCallOptions): Promise<AttemptOutcome> {
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) return { kind: 'deadline', summary: { message: 'deadline reached before the attempt' } };
    const timeoutMs = options.timeoutMs ?? this.settings.timeoutMs;
    const attemptMs = Math.min(timeoutMs, remaining);
    const timeout = AbortSignal.timeout(attemptMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      const response = await this.axios.request({
        method: request.method,
        url: withQuery(request.url, request.query),
        data: request.body,
        headers: request.body === undefined ? undefined : { 'Content-Type': 'application/json' },
        signal,
      });
      return { kind: 'response', response };
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (timeout.aborted) {
        const summary = { code: 'ETIMEDOUT', message: `no answer within ${attemptMs} ms` };
        return attemptMs < timeoutMs ? { kind: 'deadline', summary } : { kind: 'network', summary };
      }
      if (!(error instanceof AxiosError)) throw error;
      return { kind: 'network', summary: summarizeNetworkFailure(error) };
    }
  }

  /** The surviving conversation's id: from `Location`, else by re-reading the old conversation. */
  private async mergedConversationId(oldId: string, response: AxiosResponse, options: FrontCallOptions): Promise<string | null> {
    const fromLocation = conversationIdFromLocation(response.headers['location']);
    if (fromLocation && fromLocation !== oldId) return fromLocation;
    try {
      const survivor = await this.send<{ id?: string }>(
        { method: 'GET', url: `/conversations/${encodeURIComponent(oldId)}`, route: '/conversations/{conversation_id}', scope: 'conversations:read' },
        { ...options, retry: undefined },
      );
      return survivor.id && survivor.id !== oldId ? survivor.id : null;
    } catch {
      return null;
    }
  }
}

type AttemptOutcome =
  | { kind: 'response'; response: AxiosResponse }
  | { kind: 'network'; summary: FrontFailureSummary }
  | { kind: 'deadline'; summary: FrontFailureSummary };

function unavailable(ambiguous: boolean, site: FrontCallSite, cause: FrontFailureSummary): FrontUnavailableError {
  return new FrontUnavailableError(ambiguous, { site, cause });
}

function serverError(response: AxiosResponse, site: FrontCallSite): FrontApiError {
  return new FrontUnavailableError(true, { site, status: response.status, frontError: readFrontErrorBody(response.data) });
}

function withQuery(url: string, query: Array<[string, string]> | undefined): string {
  if (!query || query.length === 0) return url;
  const search = new URLSearchParams(query).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

/** `cnv_…` from a Location such as `https://acme.api.frontapp.com/conversations/cnv_2/messages`. */
export function conversationIdFromLocation(location: unknown): string | null {
  if (typeof location !== 'string') return null;
  const match = location.match(/\/conversations\/([^/?#]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function retarget(request: FrontRequest, oldId: string, newId: string): FrontRequest {
  const encodedOld = `/conversations/${encodeURIComponent(oldId)}`;
  return { ...request, url: request.url.replace(encodedOld, `/conversations/${encodeURIComponent(newId)}`), conversationId: newId };
}
