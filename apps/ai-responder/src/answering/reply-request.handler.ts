import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ReplyRequestedV1 } from '@front-agent/contracts';
import { AmqpContext, type EventHandlerExtras } from '@front-agent/messaging';
import { AnswerService } from './answer.service';

/**
 * conversation.reply-requested: answer, hand off or resolve, once. No inbox
 * transaction: it would hold a database connection while the answer waits for
 * Front and the LLM. The request's recorded decision makes a redelivery a
 * duplicate instead, and the effects journal keeps each Front write single.
 */
@Controller()
export class ReplyRequestHandler {
  constructor(private readonly answers: AnswerService) {}

  @EventPattern('conversation.reply-requested', { inbox: false } satisfies EventHandlerExtras)
  onReplyRequested(@Payload() request: ReplyRequestedV1, @Ctx() context: AmqpContext): Promise<void> {
    return this.answers.answerRequest(request, context.getAttempt());
  }
}
