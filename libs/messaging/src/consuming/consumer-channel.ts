import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { BrokerConnection } from '../connection/broker-connection';
import { Delivery } from './delivery';

export interface ConsumerChannelOptions {
  name: string;
  queue: string;
  prefetch: number;
  /** Declares the queue and what it needs; re-run on every reconnection. */
  assertTopology: (channel: ConfirmChannel) => Promise<void>;
  onDelivery: (delivery: Delivery) => void;
}

/**
 * A consumer with manual acks and a bounded prefetch that survives
 * reconnections: topology is re-asserted and the consumer re-registered on
 * each new channel, and every delivery stays bound to the channel it came on.
 */
export class ConsumerChannel {
  private readonly wrapper: ChannelWrapper;
  private readonly closedChannels = new WeakSet<ConfirmChannel>();
  private current: ConfirmChannel | undefined;

  constructor(
    connection: BrokerConnection,
    private readonly options: ConsumerChannelOptions,
  ) {
    this.wrapper = connection.createChannel({
      name: options.name,
      setup: async (channel) => {
        channel.once('close', () => this.closedChannels.add(channel));
        await options.assertTopology(channel);
        // Set last: the consumer is (re-)registered after setup, so every
        // delivery from now on arrives on this channel.
        this.current = channel;
      },
    });
  }

  /** Starts consuming; resolves once the topology is asserted and the consumer registered. */
  async start(timeoutMs: number): Promise<void> {
    const ready = waitForReady(this.wrapper, this.options.name, timeoutMs);
    await this.wrapper.consume(this.options.queue, (message) => this.dispatch(message), {
      noAck: false,
      prefetch: this.options.prefetch,
    });
    await ready;
  }

  /** Stops deliveries; in-flight ones may still ack. */
  async stop(): Promise<void> {
    await this.wrapper.cancelAll().catch(() => undefined);
  }

  private dispatch(message: ConsumeMessage): void {
    const channel = this.current;
    if (!channel) return;
    this.options.onDelivery(new Delivery(message, channel, () => !this.closedChannels.has(channel)));
  }
}

/** Resolves when the channel is set up and consuming; rejects on the first setup error or after timeoutMs. */
function waitForReady(wrapper: ChannelWrapper, name: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      wrapper.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onError = (error: Error): void => finish(new Error(`channel ${name} could not start: ${error.message}`));
    const timer = setTimeout(() => finish(new Error(`channel ${name} not ready within ${timeoutMs} ms`)), timeoutMs);
    wrapper.on('error', onError);
    wrapper.waitForConnect().then(() => finish(), finish);
  });
}
