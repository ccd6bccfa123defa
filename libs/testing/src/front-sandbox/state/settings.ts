/** Behaviour switches of the sandbox, changed with PUT /_sandbox/settings or control.updateSettings(). */
export interface SandboxSettings {
  /** How long after a 202 the reply (or incoming custom message) is created, in ms. */
  replyProcessingDelayMs: number;
  /** Reject request body fields the spec does not define (400), as a strict Front would. */
  rejectUnknownFields: boolean;
  /** Check every API response against the spec and keep the problems (GET /_sandbox/violations). */
  validateResponses: boolean;
  /** Events-API type of an API reply: Front has both `out_reply` and `outbound` (which one is UNCONFIRMED). */
  replyEventType: 'out_reply' | 'outbound';
  /** When set, processed replies fail with this error_type and a sending_error event instead of being sent. */
  replyErrorType: string | null;
}

export interface RateLimitSettings {
  /** Company-wide budget per minute; when disabled the headers still come, with a budget of 10 000. */
  enabled: boolean;
  perMinute: number;
  /** Tier-2 burst limit per route and resource (e.g. per conversation for replies), with x-front-tier: 2. */
  burst: { enabled: boolean; perSecond: number; operations: string[] };
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  replyProcessingDelayMs: 50,
  rejectUnknownFields: true,
  validateResponses: true,
  replyEventType: 'out_reply',
  replyErrorType: null,
};

export const UNLIMITED_BUDGET = 10_000;

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: false,
  perMinute: 100,
  burst: {
    enabled: false,
    perSecond: 5,
    operations: ['create-message-reply', 'receive-custom-messages', 'create-draft-reply', 'get-message'],
  },
};
