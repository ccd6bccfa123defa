import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ReplyRequestedV1 } from '@front-agent/contracts';
import { AmqpContext, TransactionScope } from '@front-agent/messaging';
import { DataSource } from 'typeorm';
import { AnswerService } from './answer.service';

/** conversation.reply-requested: answer, hand off or resolve, once. */
@Controller()
export class ReplyRequestHandler {
  constructor(
    private readonly answers: AnswerService,
    private readonly scope: TransactionScope,
    private readonly db: DataSource,
  ) {}

  @EventPattern('conversation.reply-requested')
  onReplyRequested(@Payload() request: ReplyRequestedV1, @Ctx() context: AmqpContext): Promise<void> {
    return this.answers.answerRequest(this.scope.managerOr(this.db.manager), request, context.getAttempt());
  }
}
