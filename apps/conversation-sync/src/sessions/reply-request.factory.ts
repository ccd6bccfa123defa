import { Injectable } from '@nestjs/common';
import type { FrontEventV1, ReplyRequestedV1, TranscriptLine, TriggerMessage } from '@front-agent/contracts';
import type { TranscriptEntryEntity } from '../transcript/transcript-entry.entity';
import type { SessionEntity } from './session.entity';

type RecentLine = Pick<TranscriptEntryEntity, 'direction' | 'authorKind' | 'text' | 'emittedAt'>;

/** A customer message as the transcript kept it. */
export interface WaitingMessage {
  frontMessageId: string;
  text: string;
  emittedAt: number;
}

/** Builds `conversation.reply-requested` for a customer message the AI may answer. */
@Injectable()
export class ReplyRequestFactory {
  /** For the customer message `event` itself; `assignedToAiAt` when the conversation was given to the AI after it. */
  build(session: SessionEntity, event: FrontEventV1, aiTeammateId: string, recent: RecentLine[], assignedToAiAt?: number): ReplyRequestedV1 {
    const trigger: TriggerMessage = {
      frontMessageId: event.frontMessageId ?? event.frontEventId,
      text: event.text ?? '',
      html: event.html,
      subject: event.subject,
      customerHandle: event.author?.handle,
      emittedAt: event.emittedAt,
      ...(assignedToAiAt === undefined ? {} : { assignedToAiAt }),
    };
    return this.request(session, event, trigger, event.channel, aiTeammateId, recent);
  }

  /** For a customer message that waited, asked for by the event that assigned the conversation to the AI. */
  buildForWaiting(session: SessionEntity, assignment: FrontEventV1, waiting: WaitingMessage, aiTeammateId: string, recent: RecentLine[]): ReplyRequestedV1 {
    const trigger: TriggerMessage = { frontMessageId: waiting.frontMessageId, text: waiting.text, emittedAt: waiting.emittedAt, assignedToAiAt: assignment.emittedAt };
    return this.request(session, assignment, trigger, undefined, aiTeammateId, recent);
  }

  private request(
    session: SessionEntity,
    cause: Pick<FrontEventV1, 'frontEventId' | 'correlationId'>,
    trigger: TriggerMessage,
    channel: FrontEventV1['channel'],
    aiTeammateId: string,
    recent: RecentLine[],
  ): ReplyRequestedV1 {
    return {
      // Deterministic: a re-applied event (after a crash) queues the same request, which the responder's recorded decision dedupes.
      messageId: `reply-requested:${cause.frontEventId}`,
      orgId: session.orgId,
      correlationId: cause.correlationId,
      occurredAt: new Date().toISOString(),
      version: 1,
      sessionId: session.id,
      integrationId: session.integrationId,
      conversationId: session.conversationId,
      aiTeammateId,
      channel: (channel ?? session.channel ?? 'web') as ReplyRequestedV1['channel'],
      trigger,
      transcript: recent.map(
        (entry): TranscriptLine => ({ direction: entry.direction, author: entry.authorKind, text: entry.text.slice(0, 4000), at: entry.emittedAt }),
      ),
    };
  }
}
