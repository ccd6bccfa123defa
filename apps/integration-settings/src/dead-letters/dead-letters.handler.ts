import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { DeadLetterRecordedV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { DeadLetterRepository } from './dead-letter.repository';

/** Records every service's dead letters for the status page and the dead-letter list. */
@Controller()
export class DeadLettersHandler {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly transactions: TransactionScope,
  ) {}

  @EventPattern('deadletter.recorded')
  async onDeadLetter(@Payload() report: DeadLetterRecordedV1): Promise<void> {
    await this.deadLetters.recordDeadLetter(this.transactions.manager()!, report);
  }
}
