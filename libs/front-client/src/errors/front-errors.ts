import type { FrontErrorBody } from '../front-types';

/** What went wrong, in words a caller (or an operator reading a log) can act on. */
export type FrontErrorCode =
  | 'token_invalid'
  | 'api_access_missing'
  | 'token_scope_missing'
  | 'not_found'
  | 'rate_limited'
  | 'front_unreachable'
  | 'bad_request'
  | 'deadline_exceeded'
  | 'conversation_merged'
  | 'message_send_failed'
  | 'message_not_processed'
  | 'unexpected_response';

/** Where the failing call went: method and the spec's route template (ids are fine here, tokens never are). */
export interface FrontCallSite {
  method: string;
  route: string;
  /** The scope the spec names for this route (`x-required-scopes`), when it names one. */
  scope?: string;
}

interface FrontErrorInit {
  status?: number;
  frontError?: FrontErrorBody;
  site?: FrontCallSite;
  cause?: FrontFailureSummary;
}

/** A scrubbed description of a lower-level failure (never the axios error itself, which holds the token). */
export interface FrontFailureSummary {
  code?: string;
  message: string;
  status?: number;
}

/** Base class of every error the Front client throws; carries Front's `_error` body and never the token. */
export class FrontApiError extends Error {
  readonly status: number | undefined;
  readonly frontError: FrontErrorBody | undefined;
  readonly site: FrontCallSite | undefined;
  override readonly cause: FrontFailureSummary | undefined;

  constructor(
    readonly code: FrontErrorCode,
    message: string,
    init: FrontErrorInit = {},
  ) {
    super(describe(message, init));
    this.name = new.target.name;
    this.status = init.status;
    this.frontError = init.frontError;
    this.site = init.site;
    this.cause = init.cause;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      message: this.message,
      frontError: this.frontError,
      site: this.site,
      cause: this.cause,
    };
  }
}

function describe(message: string, init: FrontErrorInit): string {
  const where = init.site ? ` (${init.site.method} ${init.site.route})` : '';
  const front = init.frontError?.message ? `: ${init.frontError.message}` : '';
  return `${message}${where}${front}`;
}

/** 401: the API token is wrong, expired or revoked. */
export class FrontTokenInvalidError extends FrontApiError {
  constructor(init: FrontErrorInit = {}) {
    super('token_invalid', 'Front rejected the API token', { status: 401, ...init });
  }
}

/** 403 on GET /me: the company's plan or the token has no API access. */
export class FrontApiAccessMissingError extends FrontApiError {
  constructor(init: FrontErrorInit = {}) {
    super('api_access_missing', 'The Front company has no API access for this token', { status: 403, ...init });
  }
}

/** 403 on any other route: the token lacks the route's scope (or Front refused the action itself). */
export class FrontScopeMissingError extends FrontApiError {
  readonly requiredScope: string | undefined;
  constructor(init: FrontErrorInit = {}) {
    const scope = init.site?.scope ? ` (needs scope ${init.site.scope})` : '';
    super('token_scope_missing', `Front refused the call${scope}`, { status: 403, ...init });
    this.requiredScope = init.site?.scope;
  }
}

/** 404: unknown id or alias. */
export class FrontNotFoundError extends FrontApiError {
  constructor(init: FrontErrorInit = {}) {
    super('not_found', 'Front has no such resource', { status: 404, ...init });
  }
}

/** 400 and other 4xx Front answers that retrying cannot fix. */
export class FrontBadRequestError extends FrontApiError {
  constructor(init: FrontErrorInit = {}) {
    super('bad_request', 'Front refused the request', init);
  }
}

/** 429s (or our own budget) kept the call waiting past its deadline. */
export class FrontRateLimitedError extends FrontApiError {
  constructor(
    readonly retryAfterMs: number | undefined,
    init: FrontErrorInit = {},
  ) {
    super('rate_limited', 'Front rate limit: no budget before the call deadline', { status: 429, ...init });
  }
}

/** 5xx, network error or timeout; for a reply it means "maybe sent": check the conversation before retrying. */
export class FrontUnavailableError extends FrontApiError {
  constructor(
    readonly ambiguous: boolean,
    init: FrontErrorInit = {},
  ) {
    super('front_unreachable', ambiguous ? 'Front did not answer; the request may have been applied' : 'Front is unreachable', init);
  }
}

/** The call's total deadline ran out while waiting on Front or retrying. */
export class FrontDeadlineExceededError extends FrontApiError {
  constructor(init: FrontErrorInit = {}) {
    super('deadline_exceeded', 'Front call deadline exceeded', init);
  }
}

/** 301 on a conversation route: the conversation was merged; repeat the call deliberately on the new id. */
export class FrontConversationMergedError extends FrontApiError {
  constructor(
    readonly conversationId: string,
    readonly mergedIntoConversationId: string | null,
    init: FrontErrorInit = {},
  ) {
    super('conversation_merged', `Conversation ${conversationId} was merged into ${mergedIntoConversationId ?? 'an unknown conversation'}`, {
      status: 301,
      ...init,
    });
  }
}

/** A queued reply was processed but Front could not send it (`error_type` set on the message). */
export class FrontMessageSendFailedError extends FrontApiError {
  constructor(
    readonly messageUid: string,
    readonly errorType: string,
    readonly messageId: string | undefined,
  ) {
    super('message_send_failed', `Front could not send message ${messageUid}: ${errorType}`);
  }
}

/** A queued reply still answered 404 after every polling attempt. */
export class FrontMessageNotYetProcessedError extends FrontApiError {
  constructor(
    readonly messageUid: string,
    readonly attempts: number,
  ) {
    super('message_not_processed', `Front has not processed message ${messageUid} after ${attempts} lookups`, { status: 404 });
  }
}
