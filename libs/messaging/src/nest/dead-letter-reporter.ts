import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { UNKNOWN_ORG, type DeadLetterRecordedV1 } from '@front-agent/contracts';
import type { DeadLetter } from '../consuming/event-delivery-processor';
import type { MessagePublisher } from '../publishing/message-publisher';

const MAX_BODY_CHARS = 256 * 1024;

/**
 * The default `onDeadLetter`: announces every dead letter as
 * `deadletter.recorded`, so integration-settings can count, list and replay
 * them. A failed report is logged, never thrown: the message is in the DLQ.
 */
export function reportDeadLetters(publisher: MessagePublisher, logger = new Logger('DeadLetters')) {
  return async (deadLetter: DeadLetter): Promise<void> => {
    if (deadLetter.routingKey === 'deadletter.recorded') return; // never report a report
    const message: DeadLetterRecordedV1 = {
      messageId: randomUUID(),
      orgId: deadLetter.orgId ?? UNKNOWN_ORG,
      correlationId: deadLetter.messageId ?? randomUUID(),
      occurredAt: new Date().toISOString(),
      version: 1,
      service: deadLetter.service,
      queue: deadLetter.queue,
      routingKey: deadLetter.routingKey,
      exchange: deadLetter.exchange,
      failedMessageId: deadLetter.messageId,
      kind: deadLetter.kind,
      error: deadLetter.error.slice(0, 4000),
      attempts: deadLetter.attempts,
      body: deadLetter.body.length <= MAX_BODY_CHARS ? deadLetter.body : undefined,
    };
    await publisher.publish('deadletter.recorded', message).catch((error: Error) =>
      logger.warn({ msg: 'dead letter not reported', queue: deadLetter.queue, reason: error.message }),
    );
  };
}
