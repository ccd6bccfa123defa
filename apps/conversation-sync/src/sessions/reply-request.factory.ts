import { Injectable } from '@nestjs/common';
import type { FrontEventV1, ReplyRequestedV1, TranscriptLine } from '@front-agent/contracts';
import type { TranscriptEntryEntity } from '../transcript/transcript-entry.entity';
import type { SessionEntity } from './session.entity';

/** Builds `conversation.reply-requested` for a customer message the AI may answer. */
@Injectable()
export class ReplyRequestFactory {
  build(session: SessionEntity, event: FrontEventV1, aiTeammateId: string, recent: Array<Pick<TranscriptEntryEntity, 'direction' | 'authorKind' | 'text' | 'emittedAt'>>): ReplyRequestedV1 {
    return {
      // Deterministic: a re-applied event (after a crash) queues the same request, which the responder's recorded decision dedupes.
      messageId: `reply-requested:${event.frontEventId}`,
      orgId: session.orgId,
      correlationId: event.correlationId,
      occurredAt: new Date().toISOString(),
      version: 1,
      sessionId: session.id,
      integrationId: session.integrationId,
      conversationId: session.conversationId,
      aiTeammateId,
      channel: (event.channel ?? session.channel ?? 'web') as ReplyRequestedV1['channel'],
      trigger: {
        frontMessageId: event.frontMessageId ?? event.frontEventId,
        text: event.text ?? '',
        html: event.html,
        subject: event.subject,
        customerHandle: event.author?.handle,
        emittedAt: event.emittedAt,
      },
      transcript: recent.map(
        (entry): TranscriptLine => ({ direction: entry.direction, author: entry.authorKind, text: entry.text.slice(0, 4000), at: entry.emittedAt }),
      ),
    };
  }
}
