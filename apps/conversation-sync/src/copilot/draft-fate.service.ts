import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DraftFate, DraftSettledV1 } from '@front-agent/contracts';
import { TransactionScope } from '@front-agent/messaging';
import { SessionRepository } from '../sessions/session.repository';
import { CopilotDraftRepository } from './copilot-draft.repository';

const SUMMARIES: Record<DraftFate, string> = {
  sent_unchanged: "A teammate sent the AI's draft unchanged",
  sent_edited: "A teammate sent the AI's draft, edited",
  discarded: "The AI's draft was discarded",
};

/** Keeps what teammates did with the AI's copilot drafts, for analytics and the session's timeline. */
@Injectable()
export class DraftFateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionScope,
    private readonly drafts: CopilotDraftRepository,
    private readonly sessions: SessionRepository,
  ) {}

  recordFate(settled: DraftSettledV1): Promise<void> {
    const manager = this.transactions.manager();
    return manager ? this.recordIn(manager, settled) : this.dataSource.transaction((tx) => this.recordIn(tx, settled));
  }

  private async recordIn(manager: EntityManager, settled: DraftSettledV1): Promise<void> {
    // The org's own session of the conversation; the reported id is only kept when there is none yet.
    const session = await this.drafts.sessionOfConversation(manager, settled.orgId, settled.conversationId);
    if (!(await this.drafts.recordFate(manager, settled, session ?? settled.sessionId ?? null))) return;
    if (!session) return;
    const edited = settled.fate === 'sent_edited' && settled.editRatio !== undefined ? ` (${Math.round(settled.editRatio * 100)}% of characters changed)` : '';
    await this.sessions.appendTimeline(manager, [
      {
        orgId: settled.orgId,
        sessionId: session,
        kind: 'copilot',
        at: new Date(settled.settledAt),
        summary: `${SUMMARIES[settled.fate]}${edited}`,
        frontEventId: null,
        details: { draftId: settled.draftId, fate: settled.fate, editRatio: settled.editRatio, sentBy: settled.sentBy },
      },
    ]);
  }
}
