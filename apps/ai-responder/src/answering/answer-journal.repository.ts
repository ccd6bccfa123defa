import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '@front-agent/service-kit';

export type EffectKind = 'reply' | 'draft' | 'comment' | 'tag' | 'unassign' | 'archive';

/** A Front write we meant to make (and whether Front accepted it). */
export interface Effect {
  state: 'intended' | 'done';
  frontRef: string | null;
  answeredMessageIds: string[];
}

/** The decision trail row of one request. */
export interface DecisionRecord {
  orgId: string;
  integrationId: string;
  sessionId: string;
  conversationId: string;
  requestMessageId: string;
  triggerMessageId: string;
  outcome: string;
  reason?: string;
  answeredMessageIds: string[];
  messageUid?: string;
  latencyMs: number;
  trail: Record<string, unknown>;
}

const FIND_EFFECT = new PreparedStatement(
  `SELECT state, front_ref, answered_message_ids FROM responder.answer_effects WHERE org_id = $1 AND trigger_message_id = $2 AND effect = $3`,
);
const CLAIM_EFFECT = new PreparedStatement(
  `WITH claimed AS (
     INSERT INTO responder.answer_effects (org_id, conversation_id, trigger_message_id, effect, state, answered_message_ids)
     VALUES ($1, $2, $3, $4, 'intended', $5)
     ON CONFLICT (org_id, trigger_message_id, effect) DO NOTHING
     RETURNING state, front_ref, answered_message_ids, true AS claimed)
   SELECT * FROM claimed
   UNION ALL
   SELECT state, front_ref, answered_message_ids, false FROM responder.answer_effects
    WHERE org_id = $1 AND trigger_message_id = $3 AND effect = $4 AND NOT EXISTS (SELECT 1 FROM claimed)`,
);
const RECORD_DONE = new PreparedStatement(
  `UPDATE responder.answer_effects SET state = 'done', front_ref = $4, done_at = now()
   WHERE org_id = $1 AND trigger_message_id = $2 AND effect = $3`,
);
const FIND_ANSWERED = new PreparedStatement(
  `SELECT DISTINCT id FROM (
     SELECT unnest(answered_message_ids) AS id FROM responder.decisions
       WHERE org_id = $1 AND conversation_id = $2 AND outcome IN ('replied', 'handed-off', 'resolved')
     UNION ALL
     SELECT unnest(answered_message_ids) FROM responder.answer_effects
       WHERE org_id = $1 AND conversation_id = $2 AND effect IN ('reply', 'comment', 'archive') AND trigger_message_id <> $4) answered
   WHERE id = ANY($3)`,
);
/** The first parameter after the decision's twelve and the lease holder: where the outcome's outbox row starts. */
export const OUTCOME_FIRST_PARAMETER = 14;

/**
 * responder.answer_effects and responder.decisions. Effects are written on
 * their own connection, committed at once, before and after each Front write
 * (a reply's confirmation comes with the request's decision): they must
 * survive a crash after Front accepted a reply. A decision is
 * written with the outcome and the lease's release, in the statement that
 * ends the request.
 */
@Injectable()
export class AnswerJournalRepository {
  constructor(private readonly db: DataSource) {}

  async findEffect(orgId: string, triggerMessageId: string, effect: EffectKind): Promise<Effect | null> {
    const rows: Array<{ state: Effect['state']; front_ref: string | null; answered_message_ids: string[] }> = await FIND_EFFECT.run(this.db, [orgId, triggerMessageId, effect]);
    return rows[0] ? { state: rows[0].state, frontRef: rows[0].front_ref, answeredMessageIds: rows[0].answered_message_ids } : null;
  }

  /**
   * Records the intent to make `effect` unless one is recorded already: null
   * when this call recorded it (go ahead), else the recorded effect. One round
   * trip for the common case, a first attempt.
   */
  async claimEffect(orgId: string, conversationId: string, triggerMessageId: string, effect: EffectKind, answeredMessageIds: string[]): Promise<Effect | null> {
    const rows: Array<{ state: Effect['state']; front_ref: string | null; answered_message_ids: string[]; claimed: boolean }> = await CLAIM_EFFECT.run(this.db, [orgId, conversationId, triggerMessageId, effect, answeredMessageIds]);
    const [row] = rows;
    if (!row) throw new Error(`effect ${effect} of ${triggerMessageId} neither claimed nor found`);
    return row.claimed ? null : { state: row.state, frontRef: row.front_ref, answeredMessageIds: row.answered_message_ids };
  }

  async recordIntent(orgId: string, conversationId: string, triggerMessageId: string, effect: EffectKind, answeredMessageIds: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO responder.answer_effects (org_id, conversation_id, trigger_message_id, effect, state, answered_message_ids)
       VALUES ($1, $2, $3, $4, 'intended', $5)
       ON CONFLICT (org_id, trigger_message_id, effect) DO UPDATE SET answered_message_ids = EXCLUDED.answered_message_ids
       WHERE responder.answer_effects.state = 'intended'`,
      [orgId, conversationId, triggerMessageId, effect, answeredMessageIds],
    );
  }

  async recordDone(orgId: string, triggerMessageId: string, effect: EffectKind, frontRef: string | null): Promise<void> {
    await RECORD_DONE.run(this.db, [orgId, triggerMessageId, effect, frontRef]);
  }

  /** The AI's drafts in a conversation that are still in Front as far as we know, except the one for `exceptTriggerId`. */
  async findLiveDrafts(orgId: string, conversationId: string, exceptTriggerId: string): Promise<Array<{ triggerMessageId: string; draftId: string }>> {
    const rows: Array<{ trigger_message_id: string; front_ref: string }> = await this.db.query(
      `SELECT trigger_message_id, front_ref FROM responder.answer_effects
        WHERE org_id = $1 AND conversation_id = $2 AND effect = 'draft' AND state = 'done' AND front_ref IS NOT NULL AND trigger_message_id <> $3`,
      [orgId, conversationId, exceptTriggerId],
    );
    return rows.map((row) => ({ triggerMessageId: row.trigger_message_id, draftId: row.front_ref }));
  }

  /** The draft was replaced by a newer one (or is gone): it is no longer ours to replace. */
  async forgetDraft(orgId: string, triggerMessageId: string): Promise<void> {
    await this.db.query(`UPDATE responder.answer_effects SET front_ref = NULL WHERE org_id = $1 AND trigger_message_id = $2 AND effect = 'draft'`, [
      orgId, triggerMessageId,
    ]);
  }

  /**
   * Which of `messageIds` an earlier reply or handoff already covered: a recorded decision, or an effect of
   * another request (this request's own unconfirmed effects are recovered, not skipped).
   */
  async findAnsweredMessageIds(orgId: string, conversationId: string, messageIds: string[], ownTriggerId: string): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await FIND_ANSWERED.run(this.db, [orgId, conversationId, messageIds, ownTriggerId]);
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Ends a request in one statement (atomic without a transaction): records its
   * decision, confirms its reply (posted: the effect's intent becomes done with
   * Front's message_uid), gives its conversation lease up and queues its outcome
   * (`outcome`: OutboxWriter.insertFor() from OUTCOME_FIRST_PARAMETER), the
   * outcome only if the decision is new. True when the outcome was queued.
   */
  async decide(record: DecisionRecord, leaseHolder: string, outcome: { sql: string; values: unknown[] }): Promise<boolean> {
    const [row] = await PreparedStatement.of(
      `WITH decided AS (
         INSERT INTO responder.decisions (org_id, integration_id, session_id, conversation_id, request_message_id, trigger_message_id,
           outcome, reason, answered_message_ids, message_uid, latency_ms, trail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (org_id, request_message_id) DO NOTHING RETURNING 1),
       released AS (DELETE FROM responder.conversation_leases WHERE org_id = $1 AND conversation_id = $4 AND holder = $13),
       confirmed AS (
         UPDATE responder.answer_effects SET state = 'done', front_ref = $10, done_at = now()
          WHERE org_id = $1 AND trigger_message_id = $6 AND effect = 'reply' AND state = 'intended' AND $7 = 'replied' AND $10::text IS NOT NULL),
       queued AS (${outcome.sql} WHERE EXISTS (SELECT 1 FROM decided) RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM queued) AS queued`,
    ).run<Array<{ queued: boolean }>>(this.db, [
      record.orgId, record.integrationId, record.sessionId, record.conversationId, record.requestMessageId, record.triggerMessageId,
      record.outcome, record.reason ?? null, record.answeredMessageIds, record.messageUid ?? null, record.latencyMs, JSON.stringify(record.trail),
      leaseHolder, ...outcome.values,
    ]);
    return row.queued;
  }
}
