/** Delays between attempts of a failed handler: 1 s, 5 s, then 30 s for every later attempt. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000];
/**
 * More delay queues that only deferrals use (DeferDeliveryError): a message
 * deferred until the next Front budget window comes back close to it, not up
 * to 25 s later in the 30 s queue.
 */
export const DEFER_ONLY_DELAYS_MS: readonly number[] = [2_000, 10_000, 20_000];
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_PREFETCH = 20;
export const DEFAULT_CONFIRM_TIMEOUT_MS = 5_000;
export const DEFAULT_RECONNECT_DELAY_MS = 1_000;
export const DEFAULT_HEARTBEAT_SECONDS = 10;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** How to reach the broker; shared by the publisher, the RPC client and the transport. */
export interface BrokerOptions {
  /** Service name: prefixes queue names (`<service>.events`) and names connections. */
  serviceName: string;
  /** AMQP URL, e.g. amqp://guest:guest@127.0.0.1:5672 */
  url: string;
  /** Delay before reconnecting after the connection drops. Default 1000 ms. */
  reconnectDelayMs?: number;
  /** AMQP heartbeat. Default 10 s. */
  heartbeatSeconds?: number;
  /** How long a publish may wait for the broker's confirm (or a reconnection). Default 5000 ms. */
  confirmTimeoutMs?: number;
}

export function assertServiceName(serviceName: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(serviceName)) {
    throw new Error(`serviceName must be lower-case kebab (got "${serviceName}")`);
  }
}
