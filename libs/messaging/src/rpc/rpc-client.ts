import { parseMessage } from '@front-agent/contracts';
import { Injectable } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage, Message } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { randomUUID } from 'node:crypto';
import { BrokerConnection } from '../connection/broker-connection';
import { RpcError, RpcTimeoutError } from '../messaging-errors';
import { HEADER, schemaVersionOf } from '../publishing/message-headers';
import { assertRpcExchange, RPC_EXCHANGE } from '../topology/topology';
import { DIRECT_REPLY_TO, type RpcReply } from './rpc-reply';

export interface RpcRequestOptions {
  /** Default 5000 ms. The request also expires on the broker after this long. */
  timeoutMs?: number;
}

interface PendingRequest {
  pattern: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Request/response over RabbitMQ with direct reply-to: no reply queue to
 * declare or clean up. Throws RpcError with the handler's code, or
 * RpcTimeoutError; `no_responder` when no service serves the pattern.
 */
@Injectable()
export class RpcClient {
  private readonly channel: ChannelWrapper;
  private readonly pending = new Map<string, PendingRequest>();
  private readonly ready: Promise<unknown>;

  constructor(connection: BrokerConnection) {
    this.channel = connection.createChannel({
      name: 'rpc-client',
      setup: async (channel: ConfirmChannel) => {
        channel.on('return', (message: Message) => this.onReturned(message));
        await assertRpcExchange(channel);
      },
    });
    // Direct reply-to requires the reply consumer on the publishing channel;
    // the channel wrapper re-registers it after each reconnection.
    this.ready = this.channel.consume(DIRECT_REPLY_TO, (message) => this.onReply(message), { noAck: true });
    this.ready.catch(() => undefined);
  }

  /** Sends `payload` (validated against the contract of `pattern`) and resolves with the handler's response. */
  async request<TResponse>(pattern: string, payload: object, options: RpcRequestOptions = {}): Promise<TResponse> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const valid = parseMessage(pattern, payload);
    const correlationId = randomUUID();
    const response = new Promise<TResponse>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(correlationId, new RpcTimeoutError(pattern, timeoutMs)), timeoutMs);
      this.pending.set(correlationId, { pattern, resolve: resolve as (value: unknown) => void, reject, timer });
    });
    await this.ready;
    this.channel
      .publish(RPC_EXCHANGE, pattern, Buffer.from(JSON.stringify(valid)), {
        correlationId,
        replyTo: DIRECT_REPLY_TO,
        contentType: 'application/json',
        expiration: String(timeoutMs),
        mandatory: true,
        headers: { [HEADER.schemaVersion]: schemaVersionOf(pattern, valid) },
        timeout: timeoutMs,
      })
      .catch((error: Error) => this.settle(correlationId, new RpcError('publish_failed', error.message)));
    return response;
  }

  private onReply(message: ConsumeMessage): void {
    const correlationId = message.properties.correlationId as string | undefined;
    if (!correlationId || !this.pending.has(correlationId)) return;
    let reply: RpcReply;
    try {
      reply = JSON.parse(message.content.toString('utf8')) as RpcReply;
    } catch {
      this.settle(correlationId, new RpcError('invalid_reply', 'reply is not JSON'));
      return;
    }
    if ('error' in reply) this.settle(correlationId, new RpcError(reply.error.code, reply.error.message));
    else this.settle(correlationId, undefined, reply.response);
  }

  private onReturned(message: Message): void {
    const correlationId = message.properties.correlationId as string | undefined;
    const pending = correlationId ? this.pending.get(correlationId) : undefined;
    if (!pending || !correlationId) return;
    this.settle(correlationId, new RpcError('no_responder', `no service answers ${pending.pattern}`));
  }

  private settle(correlationId: string, error?: Error, response?: unknown): void {
    const pending = this.pending.get(correlationId);
    if (!pending) return;
    this.pending.delete(correlationId);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(response);
  }
}
