/**
 * Thrown by a handler that cannot do its work yet for a reason that is not a
 * failure (e.g. the company's Front budget is spent until the next minute).
 * The message comes back after about `delayMs` without using up an attempt,
 * until MAX_DEFERRALS; its transaction is rolled back like any failure's.
 */
export class DeferDeliveryError extends Error {
  readonly code = 'deferred';

  constructor(
    readonly reason: string,
    readonly delayMs: number,
  ) {
    super(`deferred: ${reason}`);
    this.name = 'DeferDeliveryError';
  }
}

/** Deferrals allowed before a message counts as failed (with 30 s retry delays: about two hours). */
export const MAX_DEFERRALS = 240;

export function isDeferral(error: unknown): error is DeferDeliveryError {
  return error instanceof DeferDeliveryError || (error as { name?: string } | null)?.name === 'DeferDeliveryError';
}
