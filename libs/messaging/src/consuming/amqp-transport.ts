import { routingKeyMatches } from '@front-agent/contracts';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import { lastValueFrom } from 'rxjs';
import { BrokerConnection } from '../connection/broker-connection';
import { type InboxStore, NoInbox } from '../inbox/inbox-store';
import {
  assertServiceName,
  type BrokerOptions,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PREFETCH,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFER_ONLY_DELAYS_MS,
} from '../messaging-options';
import { RpcRequestProcessor, type RpcRoute } from '../rpc/rpc-request-processor';
import { assertEventTopology, assertRpcTopology, serviceQueues, type ServiceQueues } from '../topology/topology';
import type { AmqpContext } from './amqp-context';
import { ConsumerChannel } from './consumer-channel';
import type { Delivery } from './delivery';
import { type DeadLetter, EventDeliveryProcessor, type EventHandlerExtras, type EventRoute } from './event-delivery-processor';
import { InFlightWork } from './in-flight-work';
import { KeyedSequencer } from './keyed-sequencer';

export interface AmqpTransportOptions extends BrokerOptions {
  /** Dedupes deliveries per `<service>:<pattern>`; omit only for services without a database. */
  inbox?: InboxStore;
  /** Delay before attempt 2, 3, …; the last one repeats. Default 1 s, 5 s, 30 s. */
  retryDelaysMs?: readonly number[];
  /** Attempts before a message is dead-lettered. Default 5. */
  maxAttempts?: number;
  /** Unacked deliveries per channel. Default 20. */
  prefetch?: number;
  /** How long close() waits for in-flight handlers. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** How long listen() waits for the broker and the topology. Default 30 s. */
  startupTimeoutMs?: number;
  /**
   * Messages with the same key are handled one at a time, in the order they
   * arrived (e.g. one conversation); others run concurrently up to the prefetch.
   */
  orderingKey?: (routingKey: string, message: Record<string, unknown>) => string | undefined;
  /**
   * Event patterns this service consumed in an earlier version: their bindings
   * outlive the upgrade on the durable queue, so they are removed at start.
   */
  retiredPatterns?: readonly string[];
  /** Called after a message was put in the dead-letter queue. */
  onDeadLetter?: (deadLetter: DeadLetter) => void | Promise<void>;
}

export type AmqpTransportStatus = 'connected' | 'disconnected';
type AmqpTransportEvents = { connect: () => void; disconnect: (error?: Error) => void };

/**
 * The NestJS microservice transport over RabbitMQ. Handlers are plain
 * @EventPattern (topic patterns on `front.events` / `agent.events`) and
 * @MessagePattern (RPC) methods; this class owns topology, acks, retries,
 * dead letters and reconnection.
 */
export class AmqpTransport
  extends Server<AmqpTransportEvents, AmqpTransportStatus>
  implements CustomTransportStrategy
{
  protected override readonly logger = new Logger(AmqpTransport.name);
  private readonly queues: ServiceQueues;
  private readonly inFlight = new InFlightWork();
  private readonly sequencer = new KeyedSequencer();
  private readonly routeCache = new Map<string, EventRoute[]>();
  private readonly pendingListeners: Array<[keyof AmqpTransportEvents, (error?: Error) => void]> = [];
  private connection?: BrokerConnection;
  private consumers: ConsumerChannel[] = [];

  constructor(private readonly options: AmqpTransportOptions) {
    super();
    assertServiceName(options.serviceName);
    const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    if (delays.length === 0 || delays.some((delay) => !Number.isInteger(delay) || delay <= 0)) {
      throw new Error('retryDelaysMs must be positive integers');
    }
    if (options.maxAttempts !== undefined && !(Number.isInteger(options.maxAttempts) && options.maxAttempts >= 1)) {
      throw new Error('maxAttempts must be an integer of at least 1');
    }
    this.queues = serviceQueues(options.serviceName);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
    } catch (error) {
      // Otherwise the connection would keep reconnecting behind a failed start.
      await this.close().catch(() => undefined);
      callback(error);
      return;
    }
    callback();
  }

  /** Stops consuming, waits (bounded) for in-flight handlers, then closes the connection. */
  async close(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    this.connection = undefined;
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    const finished = await this.inFlight.drain(this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    if (!finished) this.logger.warn({ msg: 'closing with handlers still running; the broker redelivers them' });
    await connection.close();
    this._status$.next('disconnected');
  }

  on<K extends keyof AmqpTransportEvents>(event: K, callback: AmqpTransportEvents[K]): void {
    if (this.connection) this.connection.on(event, callback);
    else this.pendingListeners.push([event, callback]);
  }

  unwrap<T = AmqpConnectionManager>(): T {
    if (!this.connection) throw new Error('AmqpTransport is not listening');
    return this.connection.unwrap() as T;
  }

  /** For readiness: true while the consumer connection is up. */
  isConnected(): boolean {
    return this.connection?.isConnected() ?? false;
  }

  private async start(): Promise<void> {
    const { serviceName } = this.options;
    const connection = new BrokerConnection({
      url: this.options.url,
      connectionName: `${serviceName}:consumer`,
      reconnectDelayMs: this.options.reconnectDelayMs,
      heartbeatSeconds: this.options.heartbeatSeconds,
    });
    this.connection = connection;
    connection.on('connect', () => this._status$.next('connected'));
    connection.on('disconnect', () => this._status$.next('disconnected'));
    for (const [event, listener] of this.pendingListeners) connection.on(event, listener);

    const eventPatterns = this.patterns(true);
    const rpcPatterns = this.patterns(false);
    const prefetch = this.options.prefetch ?? DEFAULT_PREFETCH;
    if (eventPatterns.length > 0) {
      const retryDelaysMs = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
      const processor = this.eventProcessor(retryDelaysMs);
      const delayQueues = [...retryDelaysMs, ...DEFER_ONLY_DELAYS_MS];
      this.consumers.push(
        new ConsumerChannel(connection, {
          name: 'events',
          queue: this.queues.events,
          prefetch,
          assertTopology: (channel) =>
            assertEventTopology(channel, this.queues, eventPatterns, delayQueues, this.retiredBindings(eventPatterns)),
          onDelivery: (delivery) => this.track(delivery, () => this.sequencer.run(this.orderingKeyOf(delivery), () => processor.process(delivery))),
        }),
      );
    }
    if (rpcPatterns.length > 0) {
      const processor = new RpcRequestProcessor((pattern) => this.rpcRouteFor(pattern));
      this.consumers.push(
        new ConsumerChannel(connection, {
          name: 'rpc',
          queue: this.queues.rpc,
          prefetch,
          assertTopology: (channel) => assertRpcTopology(channel, this.queues.rpc, rpcPatterns),
          onDelivery: (delivery) => this.track(delivery, () => processor.process(delivery)),
        }),
      );
    }
    const startupTimeoutMs = this.options.startupTimeoutMs ?? 30_000;
    await Promise.all(this.consumers.map((consumer) => consumer.start(startupTimeoutMs)));
    this.logger.log({ msg: 'consuming', service: serviceName, events: eventPatterns, rpc: rpcPatterns });
  }

  private retiredBindings(eventPatterns: readonly string[]): string[] {
    return (this.options.retiredPatterns ?? []).filter((pattern) => !eventPatterns.includes(pattern));
  }

  private eventProcessor(retryDelaysMs: readonly number[]): EventDeliveryProcessor {
    return new EventDeliveryProcessor({
      serviceName: this.options.serviceName,
      queues: this.queues,
      inbox: this.options.inbox ?? new NoInbox(),
      retryDelaysMs,
      deferDelaysMs: [...new Set([...retryDelaysMs, ...DEFER_ONLY_DELAYS_MS])].sort((a, b) => a - b),
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      confirmTimeoutMs: this.options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
      routesFor: (routingKey) => this.eventRoutesFor(routingKey),
      onDeadLetter: this.options.onDeadLetter,
    });
  }

  private orderingKeyOf(delivery: Delivery): string | undefined {
    if (!this.options.orderingKey) return undefined;
    try {
      const message = JSON.parse(delivery.message.content.toString('utf8')) as Record<string, unknown>;
      return this.options.orderingKey(delivery.message.fields.routingKey, message);
    } catch {
      return undefined;
    }
  }

  private track(delivery: Delivery, work: () => Promise<void>): void {
    this.inFlight.run(async () => {
      try {
        await work();
      } catch (error) {
        // Only a bug gets here; leaving the delivery unacked would hold a prefetch slot forever.
        this.logger.error({ msg: 'delivery processing crashed', reason: String(error) });
        delivery.requeue();
      }
    });
  }

  private patterns(events: boolean): string[] {
    return [...this.messageHandlers.entries()]
      .filter(([, handler]) => Boolean(handler.isEventHandler) === events)
      .map(([pattern]) => pattern);
  }

  /** Every @EventPattern whose topic pattern matches, not only an exact one (Server's default lookup). */
  private eventRoutesFor(routingKey: string): EventRoute[] {
    let routes = this.routeCache.get(routingKey);
    if (!routes) {
      routes = [...this.messageHandlers.entries()]
        .filter(([pattern, handler]) => handler.isEventHandler && routingKeyMatches(pattern, routingKey))
        .map(([pattern, handler]) => ({
          pattern,
          inbox: (handler.extras as EventHandlerExtras | undefined)?.inbox !== false,
          invoke: (message, context) => this.invoke(handler, message, context),
        }));
      this.routeCache.set(routingKey, routes);
    }
    return routes;
  }

  private rpcRouteFor(pattern: string): RpcRoute | undefined {
    const handler = this.messageHandlers.get(pattern);
    if (!handler || handler.isEventHandler) return undefined;
    return { pattern, invoke: (payload, context) => this.invoke(handler, payload, context) };
  }

  /** Runs a Nest handler (through its guards, interceptors and filters) and waits until it completes. */
  private async invoke(handler: MessageHandler, payload: object, context: AmqpContext): Promise<unknown> {
    const result = await handler(payload, context);
    return lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
