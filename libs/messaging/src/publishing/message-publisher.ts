import { exchangeFor, parseMessage } from '@front-agent/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { BrokerConnection } from '../connection/broker-connection';
import { BrokerUnavailableError, PublishRejectedError, PublishTimeoutError } from '../messaging-errors';
import { DEFAULT_CONFIRM_TIMEOUT_MS } from '../messaging-options';
import { assertEventExchanges } from '../topology/topology';
import { eventProperties } from './message-headers';

export interface MessagePublisherOptions {
  /** How long a publish may wait for the confirm, reconnection included. Default 5000 ms. */
  confirmTimeoutMs?: number;
}

/**
 * Publishes contract-checked events as persistent JSON and resolves only once
 * the broker confirmed them. Fails with a PublishFailedError subclass
 * (BrokerUnavailableError, PublishTimeoutError, PublishRejectedError).
 */
@Injectable()
export class MessagePublisher {
  private readonly logger = new Logger(MessagePublisher.name);
  private readonly channel: ChannelWrapper;
  private readonly confirmTimeoutMs: number;

  constructor(
    private readonly connection: BrokerConnection,
    options: MessagePublisherOptions = {},
  ) {
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
    this.channel = connection.createChannel({ name: 'publisher', setup: assertEventExchanges });
  }

  /** Validates `message` against the contract of `routingKey` (InvalidMessageError), then publishes it. */
  async publish(routingKey: string, message: object): Promise<void> {
    const valid = parseMessage(routingKey, message);
    await this.publishValidated(routingKey, valid);
  }

  /** Publishes a message already validated against its contract (the outbox validated it on enqueue). */
  async publishValidated(routingKey: string, message: object): Promise<void> {
    const exchange = exchangeFor(routingKey);
    const properties = eventProperties(routingKey, message);
    try {
      await this.channel.publish(exchange, routingKey, Buffer.from(JSON.stringify(message)), {
        ...properties,
        timeout: this.confirmTimeoutMs,
      });
    } catch (error) {
      const failure = this.describeFailure(routingKey, error);
      this.logger.warn({ msg: 'publish failed', routingKey, messageId: properties.messageId, reason: failure.message });
      throw failure;
    }
  }

  private describeFailure(routingKey: string, error: unknown): Error {
    if (error instanceof Error && error.message === 'timeout') {
      return this.connection.isConnected()
        ? new PublishTimeoutError(routingKey, this.confirmTimeoutMs)
        : new BrokerUnavailableError(routingKey, this.confirmTimeoutMs);
    }
    return new PublishRejectedError(routingKey, error);
  }
}
