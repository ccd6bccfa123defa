/** A publish did not reach the broker; the caller should answer 503 and let the sender retry. */
export class PublishFailedError extends Error {
  readonly code: string = 'publish_failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishFailedError';
  }
}

/** The broker was not reachable for the whole confirm timeout. */
export class BrokerUnavailableError extends PublishFailedError {
  override readonly code = 'broker_unavailable';
  constructor(routingKey: string, timeoutMs: number) {
    super(`broker unreachable: ${routingKey} not published within ${timeoutMs} ms`);
    this.name = 'BrokerUnavailableError';
  }
}

/** The broker was connected but did not confirm the message in time. */
export class PublishTimeoutError extends PublishFailedError {
  override readonly code = 'publish_timeout';
  constructor(routingKey: string, timeoutMs: number) {
    super(`no publisher confirm for ${routingKey} within ${timeoutMs} ms`);
    this.name = 'PublishTimeoutError';
  }
}

/** The broker refused the message (negative confirm or channel error). */
export class PublishRejectedError extends PublishFailedError {
  override readonly code = 'publish_rejected';
  constructor(routingKey: string, cause: unknown) {
    super(`broker rejected ${routingKey}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PublishRejectedError';
  }
}

/** An RPC answered with an error, or could not be delivered; `code` says which. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** No answer to an RPC within its timeout. */
export class RpcTimeoutError extends RpcError {
  constructor(pattern: string, timeoutMs: number) {
    super('rpc_timeout', `no answer to ${pattern} within ${timeoutMs} ms`);
    this.name = 'RpcTimeoutError';
  }
}
