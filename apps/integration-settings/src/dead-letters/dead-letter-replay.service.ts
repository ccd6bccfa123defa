import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidMessageError } from '@front-agent/contracts';
import { MessagePublisher } from '@front-agent/messaging';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/api-key.service';
import { NotFoundError } from '../errors/app-errors';
import { DeadLetterNotReplayableError } from './dead-letter.errors';
import { DeadLetterRepository, type DeadLetterRow } from './dead-letter.repository';

/**
 * Puts a dead-lettered message back through the normal path: published again
 * with its own message id, so every consumer's inbox lets it through once at
 * most (a consumer that already handled it, or a second replay, changes nothing).
 */
@Injectable()
export class DeadLetterReplayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterRepository,
    private readonly publisher: MessagePublisher,
    private readonly audit: AuditService,
  ) {}

  list(orgId: string, filter: { limit: number; queue?: string; before?: Date }) {
    return this.deadLetters.listDeadLettersOfOrg(orgId, filter);
  }

  async replay(principal: Principal, id: string): Promise<DeadLetterRow> {
    const deadLetter = await this.deadLetters.findDeadLetterOfOrg(principal.orgId, id);
    if (!deadLetter) throw new NotFoundError(`no dead letter ${id}`);
    if (!deadLetter.body) throw new DeadLetterNotReplayableError('the message body was too large to keep; it is only in the queue');
    await this.publisher.publish(deadLetter.routingKey, parseBody(deadLetter.body)).catch((error: Error) => {
      if (error instanceof InvalidMessageError) throw new DeadLetterNotReplayableError(`the message is not valid: ${error.message}`);
      throw error;
    });
    await this.dataSource.transaction(async (manager) => {
      await this.deadLetters.markReplayed(manager, principal.orgId, id);
      await this.audit.record(principal.orgId, principal.keyId, 'dead_letter.replayed', { deadLetterId: id, queue: deadLetter.queue, routingKey: deadLetter.routingKey, failedMessageId: deadLetter.failedMessageId }, manager);
    });
    return (await this.deadLetters.findDeadLetterOfOrg(principal.orgId, id))!;
  }
}

function parseBody(body: string): object {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    // answered below
  }
  throw new DeadLetterNotReplayableError('the message body is not a JSON object');
}
