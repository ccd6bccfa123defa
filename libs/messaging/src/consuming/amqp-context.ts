import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';

type AmqpContextArgs = [message: ConsumeMessage, routingKey: string, pattern: string, attempt: number];

/** What a handler may read about its delivery, via `@Ctx() context: AmqpContext`. */
export class AmqpContext extends BaseRpcContext<AmqpContextArgs> {
  /** The raw AMQP message (headers, properties). Never ack it: the transport does. */
  getMessage(): ConsumeMessage {
    return this.args[0];
  }

  /** The routing key the message was published with (also on retries). */
  getRoutingKey(): string {
    return this.args[1];
  }

  /** The handler pattern that matched. */
  getPattern(): string {
    return this.args[2];
  }

  /** 1 on first delivery, then 2, 3, … on retries. */
  getAttempt(): number {
    return this.args[3];
  }
}
