import { InvalidMessageError, parseMessage } from '@front-agent/contracts';
import { Logger } from '@nestjs/common';
import { AmqpContext } from '../consuming/amqp-context';
import type { Delivery } from '../consuming/delivery';
import { describeFailure } from '../consuming/handler-failure';
import type { RpcReply } from './rpc-reply';

/** One @MessagePattern handler. */
export interface RpcRoute {
  pattern: string;
  invoke(payload: object, context: AmqpContext): Promise<unknown>;
}

/**
 * Answers one RPC request: validates the payload against the pattern's
 * contract, runs the handler (no inbox: requests are reads or idempotent),
 * replies to `replyTo` with the same correlationId, then acks. Every failure
 * becomes `{ error: { code, message } }` for the caller.
 */
export class RpcRequestProcessor {
  private readonly logger = new Logger('AmqpTransport');

  constructor(private readonly routeFor: (pattern: string) => RpcRoute | undefined) {}

  async process(delivery: Delivery): Promise<void> {
    const { fields, properties } = delivery.message;
    const pattern = fields.routingKey;
    const reply = await this.answer(delivery, pattern);
    if ('error' in reply) {
      this.logger.warn({ msg: 'rpc failed', pattern, correlationId: properties.correlationId, ...reply.error });
    }
    if (typeof properties.replyTo === 'string' && properties.replyTo.length > 0) {
      delivery.send(properties.replyTo, Buffer.from(JSON.stringify(reply)), {
        correlationId: properties.correlationId,
        contentType: 'application/json',
      });
    }
    delivery.ack();
  }

  private async answer(delivery: Delivery, pattern: string): Promise<RpcReply> {
    const route = this.routeFor(pattern);
    if (!route) return { error: { code: 'no_handler', message: `no handler for ${pattern}` } };
    try {
      const payload = parseMessage(pattern, parseJson(delivery.message.content));
      const response = await route.invoke(payload, new AmqpContext([delivery.message, pattern, route.pattern, 1]));
      return { response: response ?? null };
    } catch (error) {
      return { error: describeFailure(error) };
    }
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    throw new InvalidMessageError(['request is not valid JSON']);
  }
}
