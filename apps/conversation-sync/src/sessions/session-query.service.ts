import { Injectable } from '@nestjs/common';
import type { GetSessionRequestV1, ListSessionsRequestV1 } from '@front-agent/contracts';
import { TranscriptRepository } from '../transcript/transcript.repository';
import type { SessionEntity } from './session.entity';
import { SessionRepository } from './session.repository';

/** Sessions as the dashboard reads them (over RPC through integration-settings); always scoped to the org. */
@Injectable()
export class SessionQueryService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly transcript: TranscriptRepository,
  ) {}

  async listSessions(request: ListSessionsRequestV1) {
    const sessions = await this.sessions.listSessionsOfOrg(request.orgId, {
      status: request.status,
      conversationId: request.conversationId,
      q: request.q?.trim() || undefined,
      limit: request.limit ?? 50,
      before: request.before ? new Date(request.before) : undefined,
    });
    return { sessions: sessions.map(sessionView) };
  }

  integrationStatus(orgId: string, integrationId: string) {
    return this.sessions.integrationStatus(orgId, integrationId);
  }

  async getSession(request: GetSessionRequestV1) {
    const session = await this.sessions.findSessionOfOrg(request.orgId, request.sessionId);
    if (!session) return { found: false };
    const [transcript, timeline] = await Promise.all([
      this.transcript.entriesOfSession(request.orgId, session.id),
      this.sessions.timelineOfSession(request.orgId, session.id),
    ]);
    return {
      found: true,
      session: sessionView(session),
      transcript: transcript.map(({ frontMessageId, kind, direction, authorKind, authorId, authorHandle, text, emittedAt }) => ({
        frontMessageId,
        kind,
        direction,
        author: { kind: authorKind, teammateId: authorId, handle: authorHandle },
        text,
        at: new Date(emittedAt * 1000).toISOString(),
      })),
      timeline: timeline.map(({ at, kind, summary, frontEventId, details }) => ({ at, kind, summary, frontEventId, details })),
    };
  }
}

function sessionView(session: SessionEntity) {
  return {
    id: session.id,
    integrationId: session.integrationId,
    conversationId: session.conversationId,
    channel: session.channel,
    status: session.status,
    assigneeId: session.assigneeId,
    contactId: session.contactId,
    silentReason: session.silentReason,
    handoffReason: session.handoffReason,
    firstInboundAt: session.firstInboundAt,
    firstAiReplyAt: session.firstAiReplyAt,
    lastAiReplyAt: session.lastAiReplyAt,
    lastHumanReplyAt: session.lastHumanReplyAt,
    resolvedAt: session.resolvedAt,
    outcome: session.outcome,
    outcomeReason: session.outcomeReason,
    outcomeChangedAt: session.outcomeChangedAt,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
  };
}
