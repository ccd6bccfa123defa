import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';

/**
 * One message received on one underlying channel. Acks and republishes go to
 * that same channel: after a reconnection its delivery tags mean nothing on
 * the new channel, and the broker redelivers the message anyway.
 */
export class Delivery {
  constructor(
    readonly message: ConsumeMessage,
    private readonly channel: ConfirmChannel,
    private readonly isChannelOpen: () => boolean,
  ) {}

  get channelOpen(): boolean {
    return this.isChannelOpen();
  }

  /** Acks; false when the channel is gone (the broker will redeliver). */
  ack(): boolean {
    if (!this.channelOpen) return false;
    try {
      this.channel.ack(this.message);
      return true;
    } catch {
      return false;
    }
  }

  /** Hands the message back to the queue; bounded by the queue's delivery limit. */
  requeue(): void {
    if (!this.channelOpen) return;
    try {
      this.channel.nack(this.message, false, true);
    } catch {
      // channel closed meanwhile: the broker redelivers
    }
  }

  /** Publishes on this delivery's channel and waits for the broker's confirm. */
  publishConfirmed(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
    timeoutMs: number,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no confirm within ${timeoutMs} ms`)), timeoutMs);
      try {
        this.channel.publish(exchange, routingKey, content, options, (error: unknown) => {
          clearTimeout(timer);
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve();
        });
      } catch (error) {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Sends without waiting for a confirm (RPC replies: the caller times out if lost). */
  send(queue: string, content: Buffer, options: Options.Publish): void {
    if (!this.channelOpen) return;
    try {
      this.channel.sendToQueue(queue, content, options);
    } catch {
      // channel closed meanwhile: the caller times out
    }
  }
}
