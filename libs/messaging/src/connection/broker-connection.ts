import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import { connect, type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import { EventEmitter } from 'node:events';
import { coalesceSocketWrites } from './coalesced-writes';
import { DEFAULT_HEARTBEAT_SECONDS, DEFAULT_RECONNECT_DELAY_MS } from '../messaging-options';

export interface BrokerConnectionOptions {
  url: string;
  /** Shown in the broker's connection list, e.g. `conversation-sync:consumer`. */
  connectionName: string;
  reconnectDelayMs?: number;
  heartbeatSeconds?: number;
}

export interface ChannelOptions {
  name: string;
  /** Runs on every new underlying channel, before consumers are re-registered and queued publishes sent. */
  setup: (channel: ConfirmChannel) => Promise<void>;
}

const FORCED_RECONNECT_SPACING_MS = 5_000;

export type BrokerConnectionEvent = 'connect' | 'disconnect';

/**
 * One reconnecting AMQP connection (amqp-connection-manager). Channels created
 * here re-run their setup on every reconnection, so topology is re-asserted.
 */
export class BrokerConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(BrokerConnection.name);
  private readonly events = new EventEmitter();
  private readonly manager: AmqpConnectionManager;
  private closing = false;
  private lastForcedReconnectAt = 0;

  constructor(private readonly options: BrokerConnectionOptions) {
    this.manager = connect([options.url], {
      heartbeatIntervalInSeconds: options.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
      reconnectTimeInSeconds: (options.reconnectDelayMs ?? DEFAULT_RECONNECT_DELAY_MS) / 1000,
      // noDelay: publishes and acks are small writes; Nagle would hold them for the peer's delayed ACK (tens of ms).
      connectionOptions: { noDelay: true, clientProperties: { connection_name: options.connectionName } },
    });
    this.manager.on('connect', ({ connection }) => {
      coalesceSocketWrites((connection as { connection?: unknown }).connection, this.logger);
      this.logger.log({ msg: 'broker connected', connection: options.connectionName });
      this.events.emit('connect');
    });
    this.manager.on('disconnect', ({ err }) => {
      if (this.closing) return;
      this.logger.warn({ msg: 'broker disconnected', connection: options.connectionName, reason: err?.message });
      this.events.emit('disconnect', err);
    });
    this.manager.on('connectFailed', ({ err }) => {
      this.logger.warn({ msg: 'broker connection failed', connection: options.connectionName, reason: err.message });
    });
    // Keeps retrying in the background; readiness reports the state meanwhile.
    this.manager.connect().catch(() => undefined);
  }

  isConnected(): boolean {
    return !this.closing && this.manager.isConnected();
  }

  on(event: BrokerConnectionEvent, listener: (error?: Error) => void): void {
    this.events.on(event, listener);
  }

  /** A confirm channel whose setup re-runs after every reconnection. */
  createChannel(options: ChannelOptions): ChannelWrapper {
    let closedOnPurpose = false;
    const wrapper = this.manager.createChannel({
      name: options.name,
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        channel.on('close', () => {
          if (!closedOnPurpose) this.reconnectIfChannelDiedAlone(options.name);
        });
        channel.on('error', (error: Error) =>
          this.logger.warn({ msg: 'channel error', channel: options.name, reason: error.message }),
        );
        await options.setup(channel);
      },
    });
    wrapper.once('close', () => (closedOnPurpose = true));
    wrapper.on('error', (error: Error) =>
      this.logger.error({ msg: 'channel setup failed', channel: options.name, reason: error.message }),
    );
    return wrapper;
  }

  /** The underlying connection manager, for Server.unwrap(). */
  unwrap(): AmqpConnectionManager {
    return this.manager;
  }

  /** Nest closes it after the microservices, so in-flight handlers can still publish. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.manager.close();
  }

  /**
   * amqp-connection-manager only replaces a channel when the whole connection
   * reconnects; a channel closed by a channel-level error (406, 404) would
   * otherwise stay dead with its consumers. Reconnecting brings it back.
   */
  private reconnectIfChannelDiedAlone(channelName: string): void {
    // Spaced out: a setup that always fails (a queue declared with other
    // arguments) would otherwise reconnect in a tight loop.
    const wait = Math.max(0, this.lastForcedReconnectAt + FORCED_RECONNECT_SPACING_MS - Date.now());
    setTimeout(() => {
      if (this.closing || !this.manager.isConnected()) return;
      this.lastForcedReconnectAt = Date.now();
      this.logger.warn({ msg: 'channel closed by the broker, reconnecting', channel: channelName });
      // Not manager.reconnect(): it strips the old connection's listeners, and
      // a late 'error' from it (heartbeat timeout) would then crash the process.
      this.manager.connection?.close().catch(() => undefined);
    }, wait).unref();
  }
}
